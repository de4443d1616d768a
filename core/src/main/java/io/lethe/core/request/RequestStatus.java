package io.lethe.core.request;

/** Where a request stands. */
public enum RequestStatus {
    /** Received; identity not yet verified where the law asks for it. */
    AWAITING_IDENTITY,
    /** Received and, where needed, verified; being worked on. */
    IN_PROGRESS,
    /** Answered or carried out. */
    FULFILLED,
    /** Declined with a reason from the closed list. */
    DENIED;

    public boolean closed() {
        return this == FULFILLED || this == DENIED;
    }
}
