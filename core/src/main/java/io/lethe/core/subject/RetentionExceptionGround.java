package io.lethe.core.subject;

/** The grounds on which Taiwan's PDPA lets data outlive the account's termination (policy §18). */
public enum RetentionExceptionGround {
    /** A special provision of law requires keeping it. */
    SPECIAL_PROVISION_OF_LAW,
    /** The subject consented in a contract or similar written document. */
    WRITTEN_CONSENT,
    /** It is necessary for business operations. */
    BUSINESS_NECESSITY
}
