package io.lethe.saga.breach;

/** The deadline payload: which duty fell due. */
record DutyDue(String dutyId) {
}
