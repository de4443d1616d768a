package io.lethe.core.request;

/** How the requester's identity, or their authority to act for the subject, was verified. */
public enum IdentityMethod {
    /** The request came from the subject's own authenticated session. */
    AUTHENTICATED_SESSION,
    /** A code sent to the account's email address was returned. */
    EMAIL_CONFIRMATION,
    /** An identity document was checked (and not kept). */
    IDENTITY_DOCUMENT,
    /** An agent's signed authorisation was checked and the subject confirmed it (CCPA Regs §7063). */
    AGENT_AUTHORISATION,
    /** A parent's or guardian's authority over the minor was checked. */
    PARENTAL_AUTHORITY
}
