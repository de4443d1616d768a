package io.lethe.saga.retention;

/** The deadline payload: a receipt record's keeping period has ended. */
record ReceiptRecordDue(String receiptId) {
}
