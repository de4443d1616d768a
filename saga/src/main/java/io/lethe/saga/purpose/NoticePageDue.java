package io.lethe.saga.purpose;

/** The deadline payload: the page to walk once the subject summaries have caught up with the announcement. */
record NoticePageDue(int page) {
}
