package io.lethe.core.request;

import io.lethe.core.jurisdiction.Jurisdiction;
import io.lethe.core.subject.Money;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;
import java.util.List;
import java.util.EnumSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every request type of every jurisdiction against the statute's numbers, from Friday 20 November 2026. */
class RequestRulesTest {

    private static final LocalDate RECEIVED = LocalDate.of(2026, 11, 20);
    private final RequestRules rules = new RequestRules();

    @ParameterizedTest(name = "{0} {1}: due {2}, extended {3}")
    @DisplayName("RULES.md rule 3: US-CA D+45, once to D+90; rule 4: EU one month, +2; rule 5: TW copy D+15 (+15), deletion D+30 (+30)")
    @CsvSource(nullValues = "-", value = {
            // Japan: 14 days by default, no extension
            "JP, DISCLOSURE, 2026-12-04, -",
            "JP, CORRECTION, 2026-12-04, -",
            "JP, CESSATION_OF_USE_OR_DELETION, 2026-12-04, -",
            "JP, CESSATION_OF_PROVISION, 2026-12-04, -",
            "OTHER, DISCLOSURE, 2026-12-04, -",
            // California: 45 calendar days, +45
            "US_CA, KNOW_CATEGORIES, 2027-01-04, 2027-02-18",
            "US_CA, KNOW_SPECIFIC_PIECES, 2027-01-04, 2027-02-18",
            "US_CA, DELETION, 2027-01-04, 2027-02-18",
            "US_CA, CORRECTION, 2027-01-04, 2027-02-18",
            // opt-out and limit: 15 business days, Thanksgiving (26 November) not counted, no extension
            "US_CA, OPT_OUT_OF_SALE_SHARING, 2026-12-14, -",
            "US_CA, LIMIT_SENSITIVE_USE, 2026-12-14, -",
            // GDPR: one month, +2 months
            "EU, ACCESS, 2026-12-20, 2027-02-20",
            "EU, RECTIFICATION, 2026-12-20, 2027-02-20",
            "EU, ERASURE, 2026-12-20, 2027-02-20",
            "EU, RESTRICTION, 2026-12-20, 2027-02-20",
            "EU, PORTABILITY, 2026-12-20, 2027-02-20",
            "EU, OBJECTION, 2026-12-20, 2027-02-20",
            "EU, WITHDRAWAL_OF_CONSENT, 2026-12-20, 2027-02-20",
            "UK, ACCESS, 2026-12-20, 2027-02-20",
            "UK, ERASURE, 2026-12-20, 2027-02-20",
            // Taiwan: 15 (+15) for query/review/copy, 30 (+30) for the rest
            "TW, QUERY_OR_REVIEW, 2026-12-05, 2026-12-20",
            "TW, COPY, 2026-12-05, 2026-12-20",
            "TW, SUPPLEMENT_OR_CORRECTION, 2026-12-20, 2027-01-19",
            "TW, CESSATION_OF_PROCESSING, 2026-12-20, 2027-01-19",
            "TW, DELETION, 2026-12-20, 2027-01-19"})
    void eachGrantedTypeIsDueAsItsLawSays(Jurisdiction jurisdiction, RequestType type, LocalDate due, LocalDate extended) {
        ResponseRule rule = rules.rule(jurisdiction, type).orElseThrow();
        assertThat(rule.dueOn(RECEIVED)).isEqualTo(due);
        assertThat(rule.extendedDueOn(due).orElse(null)).isEqualTo(extended);
    }

    @Test
    void onlyAJapaneseDisclosureOwesAFee() {
        for (Jurisdiction jurisdiction : Jurisdiction.values()) {
            for (RequestType type : rules.granted(jurisdiction)) {
                boolean disclosure = type == RequestType.DISCLOSURE;
                assertThat(rules.rule(jurisdiction, type).orElseThrow().fee())
                        .as("%s %s", jurisdiction, type)
                        .isEqualTo(disclosure ? java.util.Optional.of(new Money("JPY", 1000)) : java.util.Optional.empty());
            }
        }
    }

    @Test
    void businessDaysSkipTheJurisdictionsConfiguredHolidaysOnly() {
        HolidayCalendar none = HolidayCalendar.none();
        assertThat(new RequestRules(14, none).rule(Jurisdiction.US_CA, RequestType.DELETION).orElseThrow()
                .acknowledgeBy(RECEIVED)).contains(LocalDate.of(2026, 12, 4));
        HolidayCalendar staffDay = none.with(Jurisdiction.US_CA, List.of(LocalDate.of(2026, 11, 23)));
        assertThat(new RequestRules(14, staffDay).rule(Jurisdiction.US_CA, RequestType.DELETION).orElseThrow()
                .acknowledgeBy(RECEIVED)).contains(LocalDate.of(2026, 12, 7));
        assertThat(new RequestRules(14, none.with(Jurisdiction.JP, List.of(LocalDate.of(2026, 11, 23))))
                .rule(Jurisdiction.US_CA, RequestType.DELETION).orElseThrow().acknowledgeBy(RECEIVED))
                .as("another jurisdiction's holiday counts").contains(LocalDate.of(2026, 12, 4));
    }

    @Test
    void theShippedHolidaysCoverThisYearAndTheNextForEveryBusinessDayJurisdiction() {
        HolidayCalendar shipped = HolidayCalendar.shipped();
        for (Jurisdiction jurisdiction : List.of(Jurisdiction.US_CA, Jurisdiction.JP, Jurisdiction.UK)) {
            assertThat(shipped.holidays(jurisdiction)).as(jurisdiction.code()).isNotEmpty()
                    .allSatisfy(day -> assertThat(day.getYear()).isBetween(2026, 2027))
                    .anySatisfy(day -> assertThat(day.getYear()).isEqualTo(2027))
                    .contains(LocalDate.of(2027, 1, 1));
        }
        assertThat(shipped.holidays(Jurisdiction.US_CA)).contains(LocalDate.of(2026, 11, 26), LocalDate.of(2026, 7, 3))
                .allSatisfy(day -> assertThat(day.getDayOfWeek().getValue()).isLessThanOrEqualTo(5));
    }

    @Test
    void aClockStartedInDecemberSkipsNewYearsDay() {
        // received Monday 21 December 2026 in Los Angeles: Christmas and New Year's Day do not count
        assertThat(rules.rule(Jurisdiction.US_CA, RequestType.DELETION).orElseThrow().acknowledgeBy(LocalDate.of(2026, 12, 21)))
                .contains(LocalDate.of(2027, 1, 6));
    }

    @Test
    void onlyCaliforniaAcknowledgesAndItsOptOutNeedsNoVerification() {
        assertThat(rules.rule(Jurisdiction.US_CA, RequestType.DELETION).orElseThrow().acknowledgeBy(RECEIVED))
                .as("ten business days, Thanksgiving not one of them").contains(LocalDate.of(2026, 12, 7));
        assertThat(rules.rule(Jurisdiction.US_CA, RequestType.OPT_OUT_OF_SALE_SHARING).orElseThrow().identityVerified()).isFalse();
        assertThat(rules.rule(Jurisdiction.US_CA, RequestType.LIMIT_SENSITIVE_USE).orElseThrow().identityVerified()).isFalse();
        assertThat(rules.rule(Jurisdiction.EU, RequestType.ACCESS).orElseThrow().acknowledgement()).isEmpty();
        assertThat(rules.rule(Jurisdiction.UK, RequestType.ACCESS).orElseThrow().clockStartsOnIdentity()).isTrue();
        assertThat(rules.rule(Jurisdiction.EU, RequestType.ACCESS).orElseThrow().clockStartsOnIdentity()).isFalse();
    }

    @Test
    void eachJurisdictionGrantsExactlyThePolicysRights() {
        assertThat(rules.granted(Jurisdiction.JP)).containsExactly(RequestType.DISCLOSURE, RequestType.CORRECTION,
                RequestType.CESSATION_OF_USE_OR_DELETION, RequestType.CESSATION_OF_PROVISION);
        assertThat(rules.granted(Jurisdiction.US_CA)).containsExactlyInAnyOrder(RequestType.KNOW_CATEGORIES,
                RequestType.KNOW_SPECIFIC_PIECES, RequestType.DELETION, RequestType.CORRECTION,
                RequestType.OPT_OUT_OF_SALE_SHARING, RequestType.LIMIT_SENSITIVE_USE);
        Set<RequestType> gdpr = EnumSet.of(RequestType.ACCESS, RequestType.RECTIFICATION, RequestType.ERASURE,
                RequestType.RESTRICTION, RequestType.PORTABILITY, RequestType.OBJECTION, RequestType.WITHDRAWAL_OF_CONSENT);
        assertThat(rules.granted(Jurisdiction.EU)).isEqualTo(gdpr);
        assertThat(rules.granted(Jurisdiction.UK)).isEqualTo(gdpr);
        assertThat(rules.granted(Jurisdiction.TW)).containsExactlyInAnyOrder(RequestType.QUERY_OR_REVIEW, RequestType.COPY,
                RequestType.SUPPLEMENT_OR_CORRECTION, RequestType.CESSATION_OF_PROCESSING, RequestType.DELETION);
        assertThat(rules.rule(Jurisdiction.JP, RequestType.PORTABILITY)).isEmpty();
    }

    @Test
    void theJapaneseDeadlineIsTheOperatorsAndMustBePositive() {
        assertThat(new RequestRules(7, HolidayCalendar.none()).rule(Jurisdiction.JP, RequestType.DISCLOSURE).orElseThrow().dueOn(RECEIVED))
                .isEqualTo(LocalDate.of(2026, 11, 27));
        assertThatThrownBy(() -> new RequestRules(0, HolidayCalendar.none())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aWireCodeThatIsNoTypeIsRefusedWithoutRepeatingIt() {
        assertThatThrownBy(() -> RequestType.fromCode("hanako@example.jp"))
                .hasMessageStartingWith("type must be one of disclosure,")
                .hasMessageNotContaining("hanako");
    }
}
