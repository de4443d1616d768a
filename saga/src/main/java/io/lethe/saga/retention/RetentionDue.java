package io.lethe.saga.retention;

import io.lethe.core.personaldata.RetentionClass;

/** Deadline payload: the retention of this class has ended. */
record RetentionDue(RetentionClass retentionClass) {
}
