package io.lethe.core.subject;

/** Where an account stands in its lifecycle. */
public enum SubjectStatus {
    ACTIVE,
    TERMINATED
}
