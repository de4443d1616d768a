package io.lethe.core.personaldata;

/**
 * Groups of personal data that share a retention period and a data key, so that one group can be
 * erased while another must still be kept (e.g. purchase records under accounting law).
 * Mapping to the policy's CCPA categories: A identifiers → PROFILE; B, C → FINANCIAL; D, F → USAGE; E → COMMUNICATIONS.
 */
public enum RetentionClass {
    /** Identifiers and account data: name, birth date, addresses, email, login identities (category A). */
    PROFILE,
    /** Card hints, bank accounts and records of services purchased (categories B, C). */
    FINANCIAL,
    /** Interaction with the service or an advertisement, inferences, coarse location (categories D, F). */
    USAGE,
    /** Pictures, voice, files, comments and messages (category E, §17). */
    COMMUNICATIONS
}
