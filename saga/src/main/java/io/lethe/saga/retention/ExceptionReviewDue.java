package io.lethe.saga.retention;

import io.lethe.core.personaldata.RetentionClass;

import java.time.LocalDate;

/** Deadline payload: the Taiwan retention exception for this class, reviewed by this date, lapses now. */
record ExceptionReviewDue(RetentionClass retentionClass, LocalDate reviewBy) {
}
