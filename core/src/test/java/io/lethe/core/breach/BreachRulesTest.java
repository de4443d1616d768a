package io.lethe.core.breach;

import io.lethe.core.jurisdiction.Jurisdiction;
import io.lethe.core.personaldata.DataCategory;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The triggers and exemptions of the breach rule table. */
class BreachRulesTest {

    private static final Instant AWARE = Instant.parse("2026-11-20T09:00:00Z");
    private final BreachRules rules = new BreachRules();

    @Test
    void cardHintsAndPurchaseRecordsAloneAreNotPersonalInformationUnderCaliforniasBreachLaw() {
        BreachFacts hints = new BreachFacts(Map.of(Jurisdiction.US_CA, 900),
                Set.of(DataCategory.B_FINANCIAL, DataCategory.C_COMMERCIAL), false, false, false, false);
        assertThat(rules.onReport(hints, AWARE)).isEmpty();
        BreachFacts withIdentifiers = new BreachFacts(Map.of(Jurisdiction.US_CA, 900),
                Set.of(DataCategory.A_IDENTIFIERS, DataCategory.B_FINANCIAL), false, false, false, false);
        assertThat(rules.onReport(withIdentifiers, AWARE)).extracting(NotificationDuty::kind)
                .containsExactly(DutyKind.CCPA_RESIDENTS, DutyKind.CCPA_ATTORNEY_GENERAL);
    }

    @Test
    void dataUnderEncryptionWhoseKeyIsSafeOwesNeitherJapanNorCalifornia() {
        BreachFacts encrypted = new BreachFacts(Map.of(Jurisdiction.JP, 5000, Jurisdiction.US_CA, 900, Jurisdiction.EU, 3),
                Set.of(DataCategory.A_IDENTIFIERS), true, true, true, true);
        assertThat(rules.onReport(encrypted, AWARE)).extracting(NotificationDuty::kind)
                .containsExactly(DutyKind.GDPR_AUTHORITY);
    }

    @Test
    void eachJapaneseTriggerAloneIsEnough() {
        for (BreachFacts facts : new BreachFacts[]{
                new BreachFacts(Map.of(Jurisdiction.JP, 1), Set.of(DataCategory.A_IDENTIFIERS), true, false, false, false),
                new BreachFacts(Map.of(Jurisdiction.JP, 1), Set.of(DataCategory.B_FINANCIAL), false, true, false, false),
                new BreachFacts(Map.of(Jurisdiction.JP, 1), Set.of(DataCategory.A_IDENTIFIERS), false, false, true, false),
                new BreachFacts(Map.of(Jurisdiction.JP, 1001), Set.of(DataCategory.A_IDENTIFIERS), false, false, false, false)}) {
            assertThat(rules.onReport(facts, AWARE)).extracting(NotificationDuty::kind)
                    .containsExactly(DutyKind.APPI_PRELIMINARY_REPORT, DutyKind.APPI_FINAL_REPORT, DutyKind.APPI_INDIVIDUALS);
        }
    }

    @Test
    void taiwansAuthorityDutyWaitsForTheAmendment() {
        BreachFacts facts = new BreachFacts(Map.of(Jurisdiction.TW, 2), Set.of(DataCategory.A_IDENTIFIERS), false, false, false, false);
        assertThat(rules.onReport(facts, AWARE)).extracting(NotificationDuty::kind).containsExactly(DutyKind.PDPA_INDIVIDUALS);
        BreachRules inForce = new BreachRules(new BreachRules.Settings(Duration.ofDays(5), Duration.ofDays(5),
                Duration.ofHours(72), Duration.ofHours(72), true, Duration.ofHours(72)));
        assertThat(inForce.onReport(facts, AWARE)).extracting(NotificationDuty::kind)
                .containsExactly(DutyKind.PDPA_INDIVIDUALS, DutyKind.PDPA_AUTHORITY);
    }
}
