package io.lethe.core.subject;

/** Why a subject's data key was destroyed. */
public enum ShreddingReason {
    /** Carrying out a deletion/erasure request (GDPR Art. 17, CCPA deletion, APPI cease-of-use, PDPA). */
    ERASURE_REQUEST,
    /** The retention period of the class ended with no legal hold. */
    RETENTION_EXPIRED,
    /** Unrecoverable deletion on termination (Taiwan PDPA). */
    TERMINATION_DELETION,
    /** A child under 13 was found to have no verifiable parental consent (policy §13). */
    UNDERAGE_WITHOUT_PARENTAL_CONSENT,
    /** A usage period reached the end of its rolling retention during the account's life. */
    ROLLING_RETENTION
}
