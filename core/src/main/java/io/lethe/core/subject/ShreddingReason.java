package io.lethe.core.subject;

/** Why a subject's data key was destroyed. */
public enum ShreddingReason {
    /** Carrying out a deletion/erasure request (GDPR Art. 17, CCPA deletion, APPI cease-of-use, PDPA). */
    ERASURE_REQUEST,
    /** The retention period of the class ended with no legal hold. */
    RETENTION_EXPIRED,
    /** Unrecoverable deletion on termination (Taiwan PDPA). */
    TERMINATION_DELETION
}
