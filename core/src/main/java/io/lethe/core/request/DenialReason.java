package io.lethe.core.request;

/** The closed list of reasons a request can be denied for; the subject is told which one applies. */
public enum DenialReason {
    /** A statutory exemption applies (e.g. CCPA 1798.105(d), GDPR Art. 17(3), APPI Art. 33(2)). */
    EXEMPTION,
    /** The requester's identity, or authority to act, could not be verified. */
    UNVERIFIABLE_IDENTITY,
    /** Keeping or processing the data is a legal obligation. */
    LEGAL_OBLIGATION,
    /** The request is manifestly unfounded or excessive (GDPR Art. 12(5)). */
    MANIFESTLY_UNFOUNDED_OR_EXCESSIVE,
    /** Answering would harm the rights and freedoms of others (GDPR Art. 15(4), APPI Art. 33(2)(i)). */
    RIGHTS_OF_OTHERS,
    /** The data is accurate; a correction request is declined after investigation (APPI Art. 34). */
    DATA_ACCURATE,
    /** The disclosure fee was neither paid nor waived (APPI Art. 38). */
    FEE_UNPAID
}
