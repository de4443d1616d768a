package io.lethe.saga.retention;

/** The rolling retention of one usage period ended (a deadline's payload). */
record UsagePeriodDue(String period) {
}
