package io.lethe.core.consent;

/**
 * Kinds of sensitive personal information: APPI "special care-required" (Art. 2(3)), GDPR Art. 9,
 * CPRA sensitive PI, Taiwan PDPA Art. 6.
 */
public enum SensitiveCategory {
    HEALTH,
    MEDICAL_RECORDS,
    GENETIC,
    SEX_LIFE,
    CRIMINAL_RECORD,
    VICTIM_OF_CRIME,
    DISABILITY,
    RACE_OR_ETHNICITY,
    CREED_OR_RELIGION,
    SOCIAL_STATUS,
    PRECISE_GEOLOCATION
}
