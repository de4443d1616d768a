package io.lethe.core.consent;

/** The consents the policy asks for before it acts. */
public enum ConsentType {
    /** Acquiring sensitive personal information (policy §5; APPI Art. 20(2), GDPR Art. 9, PDPA Art. 6). */
    SENSITIVE_PERSONAL_INFORMATION,
    /** Provision to a third party in a foreign country without an equivalent system (policy §7; APPI Art. 28). */
    FOREIGN_THIRD_PARTY_PROVISION,
    /** A parent's verifiable consent for a child under 13 (policy §13). */
    PARENTAL,
    /** Opt-in to sale or sharing by a consumer under 16, or by the parent of one under 13 (CCPA 1798.120(c)). */
    SALE_SHARING_OPT_IN
}
