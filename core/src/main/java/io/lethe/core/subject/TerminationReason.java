package io.lethe.core.subject;

/** Why an account was terminated. */
public enum TerminationReason {
    /** The subject closed their account. */
    SUBJECT_REQUEST,
    /** The company closed it for long inactivity. */
    INACTIVITY,
    /** The company closed it for a breach of the terms of use. */
    TERMS_VIOLATION,
    /** The subject was found to be a child without verifiable parental consent (policy §13). */
    UNDERAGE,
    /** Another reason recorded outside Lethe. */
    OTHER
}
