package io.lethe.saga.request;

/** The deadline payload: which processor's confirmation is due. */
record ProcessorConfirmationDue(String processor) {
}
