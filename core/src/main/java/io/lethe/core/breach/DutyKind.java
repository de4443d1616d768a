package io.lethe.core.breach;

import io.lethe.core.jurisdiction.Jurisdiction;

/** Each notification duty the rule table knows, with whom it is owed to and its legal basis. */
public enum DutyKind {
    GDPR_AUTHORITY(Jurisdiction.EU, Recipient.AUTHORITY, "GDPR Art. 33: the supervisory authority, within 72 hours of awareness"),
    GDPR_INDIVIDUALS(Jurisdiction.EU, Recipient.INDIVIDUALS, "GDPR Art. 34: the data subjects, without undue delay, when the risk is high"),
    UK_GDPR_AUTHORITY(Jurisdiction.UK, Recipient.AUTHORITY, "UK GDPR Art. 33: the ICO, within 72 hours of awareness"),
    UK_GDPR_INDIVIDUALS(Jurisdiction.UK, Recipient.INDIVIDUALS, "UK GDPR Art. 34: the data subjects, without undue delay, when the risk is high"),
    APPI_PRELIMINARY_REPORT(Jurisdiction.JP, Recipient.AUTHORITY, "APPI Art. 26(1), Enforcement Rules Art. 8(1): preliminary report to the PPC, promptly"),
    APPI_FINAL_REPORT(Jurisdiction.JP, Recipient.AUTHORITY, "APPI Art. 26(1), Enforcement Rules Art. 8(2): final report to the PPC within 30 days (60 for a wrongful purpose)"),
    APPI_INDIVIDUALS(Jurisdiction.JP, Recipient.INDIVIDUALS, "APPI Art. 26(2): the individuals, promptly as circumstances allow"),
    PDPA_INDIVIDUALS(Jurisdiction.TW, Recipient.INDIVIDUALS, "PDPA Art. 12: the data subjects, after the facts are clarified"),
    PDPA_AUTHORITY(Jurisdiction.TW, Recipient.AUTHORITY, "PDPA as amended 2025: the Personal Data Protection Commission, once in force"),
    CCPA_RESIDENTS(Jurisdiction.US_CA, Recipient.INDIVIDUALS, "Civ. Code 1798.82(a) as amended by SB 446: residents within 30 days of discovery"),
    CCPA_ATTORNEY_GENERAL(Jurisdiction.US_CA, Recipient.ATTORNEY_GENERAL, "Civ. Code 1798.82(f): a sample to the Attorney General within 15 days of notifying more than 500 residents");

    private final Jurisdiction jurisdiction;
    private final Recipient recipient;
    private final String basis;

    DutyKind(Jurisdiction jurisdiction, Recipient recipient, String basis) {
        this.jurisdiction = jurisdiction;
        this.recipient = recipient;
        this.basis = basis;
    }

    public Jurisdiction jurisdiction() {
        return jurisdiction;
    }

    public Recipient recipient() {
        return recipient;
    }

    public String basis() {
        return basis;
    }
}
