package io.lethe.core.provision;

/** The categories of third parties the policy discloses to (§16 "Disclosure of Personal Information"). */
public enum RecipientCategory {
    SERVICE_PROVIDER,
    CORPORATE_AFFILIATE,
    ADVERTISING_PARTNER,
    BUSINESS_TRANSFER,
    LEGAL_AUTHORITY,
    WITH_CONSENT
}
