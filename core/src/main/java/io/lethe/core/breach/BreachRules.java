package io.lethe.core.breach;

import io.lethe.core.jurisdiction.Jurisdiction;
import io.lethe.core.personaldata.DataCategory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The breach-notification rule table: which duties a breach's facts and risk give rise to, and
 * their deadlines. The statutory numbers are constants with their sources; the ones the statutes
 * leave open ("promptly", "after clarification") are the operator's, with the defaults shown.
 */
public final class BreachRules {

    /** GDPR / UK GDPR Art. 33(1). */
    public static final Duration GDPR_AUTHORITY = Duration.ofHours(72);
    /** APPI Enforcement Rules Art. 8(2): final report within 30 days. */
    public static final Duration APPI_FINAL = Duration.ofDays(30);
    /** The same, where a wrongful purpose is involved: 60 days. */
    public static final Duration APPI_FINAL_MALICIOUS = Duration.ofDays(60);
    /** APPI Enforcement Rules Art. 7(iv): more than 1,000 people. */
    public static final int APPI_PEOPLE_THRESHOLD = 1000;
    /** Civ. Code 1798.82(a) as amended by SB 446 (in force 2026-01-01): 30 calendar days from discovery. */
    public static final Duration CCPA_RESIDENTS = Duration.ofDays(30);
    /** Civ. Code 1798.82(f): more than 500 residents. */
    public static final int CCPA_ATTORNEY_GENERAL_THRESHOLD = 500;
    /** The Attorney-General sample follows the resident notice within 15 days. */
    public static final Duration CCPA_ATTORNEY_GENERAL_AFTER_RESIDENTS = Duration.ofDays(15);

    /** The operator's numbers where the law says "promptly" or "after clarification". */
    public record Settings(Duration appiPreliminary, Duration appiIndividuals, Duration gdprIndividuals,
                           Duration taiwanAfterClarification, boolean taiwanAuthority, Duration taiwanAuthorityPeriod) {

        /** PPC guidelines (3–5 days), 72 h after clarification in Taiwan, the Taiwan authority duty off until in force. */
        public static Settings defaults() {
            return new Settings(Duration.ofDays(5), Duration.ofDays(5), Duration.ofHours(72), Duration.ofHours(72),
                    false, Duration.ofHours(72));
        }
    }

    private final Settings settings;

    public BreachRules(Settings settings) {
        this.settings = settings;
    }

    public BreachRules() {
        this(Settings.defaults());
    }

    /**
     * The duties that arise when a breach is reported, before any risk assessment: GDPR's authority
     * duty runs from awareness unless an assessment finds the breach unlikely to result in a risk.
     */
    public List<NotificationDuty> onReport(BreachFacts facts, Instant awareAt) {
        List<NotificationDuty> duties = new ArrayList<>();
        if (facts.affects(Jurisdiction.EU)) {
            duties.add(duty(DutyKind.GDPR_AUTHORITY, awareAt.plus(GDPR_AUTHORITY)));
        }
        if (facts.affects(Jurisdiction.UK)) {
            duties.add(duty(DutyKind.UK_GDPR_AUTHORITY, awareAt.plus(GDPR_AUTHORITY)));
        }
        if (facts.affects(Jurisdiction.JP) && appiTriggered(facts)) {
            duties.add(duty(DutyKind.APPI_PRELIMINARY_REPORT, awareAt.plus(settings.appiPreliminary())));
            duties.add(duty(DutyKind.APPI_FINAL_REPORT,
                    awareAt.plus(facts.malicious() ? APPI_FINAL_MALICIOUS : APPI_FINAL)));
            duties.add(duty(DutyKind.APPI_INDIVIDUALS, awareAt.plus(settings.appiIndividuals())));
        }
        if (facts.affects(Jurisdiction.TW)) {
            duties.add(duty(DutyKind.PDPA_INDIVIDUALS, null));
            if (settings.taiwanAuthority()) {
                duties.add(duty(DutyKind.PDPA_AUTHORITY, awareAt.plus(settings.taiwanAuthorityPeriod())));
            }
        }
        if (facts.affects(Jurisdiction.US_CA) && californiaTriggered(facts)) {
            Instant residents = awareAt.plus(CCPA_RESIDENTS);
            duties.add(duty(DutyKind.CCPA_RESIDENTS, residents));
            if (facts.affected(Jurisdiction.US_CA) > CCPA_ATTORNEY_GENERAL_THRESHOLD) {
                duties.add(duty(DutyKind.CCPA_ATTORNEY_GENERAL, residents.plus(CCPA_ATTORNEY_GENERAL_AFTER_RESIDENTS)));
            }
        }
        return duties;
    }

    /**
     * The GDPR and UK GDPR duties an assessment of {@code risk} calls for, from awareness: the
     * authority's unless the breach is unlikely to result in a risk (Art. 33(1)), the individuals'
     * on a high risk (Art. 34(1)). A later assessment decides them again: a breach first found
     * unlikely and then a risk owes the authority again, one found high and then lower no longer
     * owes the individuals.
     */
    public List<NotificationDuty> onAssessment(BreachFacts facts, Instant awareAt, BreachRisk risk) {
        List<NotificationDuty> duties = new ArrayList<>();
        if (risk != BreachRisk.UNLIKELY) {
            onReport(facts, awareAt).stream().filter(duty -> duty.kind() == DutyKind.GDPR_AUTHORITY
                    || duty.kind() == DutyKind.UK_GDPR_AUTHORITY).forEach(duties::add);
        }
        if (risk == BreachRisk.HIGH) {
            if (facts.affects(Jurisdiction.EU)) {
                duties.add(duty(DutyKind.GDPR_INDIVIDUALS, awareAt.plus(settings.gdprIndividuals())));
            }
            if (facts.affects(Jurisdiction.UK)) {
                duties.add(duty(DutyKind.UK_GDPR_INDIVIDUALS, awareAt.plus(settings.gdprIndividuals())));
            }
        }
        return duties;
    }

    /** The duties {@link #onAssessment} decides; every other duty stands whatever the risk. */
    public static Set<DutyKind> decidedByAssessment() {
        return EnumSet.of(DutyKind.GDPR_AUTHORITY, DutyKind.UK_GDPR_AUTHORITY, DutyKind.GDPR_INDIVIDUALS,
                DutyKind.UK_GDPR_INDIVIDUALS);
    }

    /** Taiwan's duty to the subjects falls due this long after the facts are clarified. */
    public Instant taiwanDue(Instant clarifiedAt) {
        return clarifiedAt.plus(settings.taiwanAfterClarification());
    }

    /**
     * APPI Enforcement Rules Art. 7: special care-required data, risk of financial damage, a
     * wrongful purpose, or more than 1,000 people; data under advanced encryption is exempt.
     */
    static boolean appiTriggered(BreachFacts facts) {
        if (facts.encryptedKeySafe()) {
            return false;
        }
        return facts.sensitive() || facts.financialDamageRisk() || facts.malicious()
                || facts.affected(Jurisdiction.JP) > APPI_PEOPLE_THRESHOLD;
    }

    /**
     * Civ. Code 1798.82: unencrypted personal information (or encrypted, with the key taken). Card
     * expiry and last four digits, or a social-login id, alone are not "personal information" there:
     * a breach of nothing but financial hints or commercial records does not trigger it.
     */
    static boolean californiaTriggered(BreachFacts facts) {
        if (facts.encryptedKeySafe()) {
            return false;
        }
        Set<DataCategory> beyondHints = EnumSet.copyOf(facts.categories());
        beyondHints.remove(DataCategory.C_COMMERCIAL);
        if (!facts.financialDamageRisk()) {
            beyondHints.remove(DataCategory.B_FINANCIAL);
        }
        return !beyondHints.isEmpty() || facts.sensitive();
    }

    private static NotificationDuty duty(DutyKind kind, Instant dueAt) {
        return new NotificationDuty(kind.name().toLowerCase().replace('_', '-'), kind, dueAt);
    }
}
