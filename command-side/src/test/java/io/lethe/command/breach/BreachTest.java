package io.lethe.command.breach;

import io.lethe.core.breach.AssessBreachCommand;
import io.lethe.core.breach.BreachAssessedEvent;
import io.lethe.core.breach.BreachClosedEvent;
import io.lethe.core.breach.BreachDutyOverdueEvent;
import io.lethe.core.breach.BreachDutyRescheduledEvent;
import io.lethe.core.breach.BreachFacts;
import io.lethe.core.breach.BreachFactsClarifiedEvent;
import io.lethe.core.breach.BreachId;
import io.lethe.core.breach.BreachLetter;
import io.lethe.core.breach.BreachMailingIssuedEvent;
import io.lethe.core.breach.MailAffectedPeopleCommand;
import io.lethe.core.breach.BreachNotificationSentEvent;
import io.lethe.core.breach.BreachReportedEvent;
import io.lethe.core.breach.BreachRisk;
import io.lethe.core.breach.BreachRules;
import io.lethe.core.breach.CloseBreachCommand;
import io.lethe.core.breach.DutyKind;
import io.lethe.core.breach.EscalateBreachDutyCommand;
import io.lethe.core.breach.NotificationDuty;
import io.lethe.core.breach.RecordBreachClarifiedCommand;
import io.lethe.core.breach.RecordBreachNotificationCommand;
import io.lethe.core.breach.ReportBreachCommand;
import io.lethe.core.jurisdiction.Jurisdiction;
import io.lethe.core.personaldata.DataCategory;
import io.lethe.core.refusal.RefusedException;
import org.axonframework.messaging.interceptors.BeanValidationInterceptor;
import io.lethe.command.CachedCommandTargetResolver;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The notification duties each jurisdiction's rules derive, and the breach's life from report to closure. */
class BreachTest {

    private static final BreachId BREACH = BreachId.of("7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d");
    private static final Instant AWARE = Instant.parse("2026-11-20T09:00:00Z");
    private static final Instant NOW = Instant.parse("2026-11-21T09:00:00Z");

    private FixtureConfiguration<Breach> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Breach.class);
        fixture.registerCommandTargetResolver(new CachedCommandTargetResolver());
        fixture.registerCommandHandlerInterceptor(new BeanValidationInterceptor<>());
        fixture.registerInjectableResource(new BreachRules());
    }

    @Test
    @DisplayName("RULES.md rule 13: an EU breach owes the authority notice 72 h after awareness")
    void anEuBreachOwesTheAuthorityNoticeSeventyTwoHoursAfterAwareness() {
        BreachFacts facts = facts(Map.of(Jurisdiction.EU, 40), false, false);
        fixture.givenCurrentTime(NOW)
                .when(report(facts))
                .expectEvents(new BreachReportedEvent(BREACH, AWARE, facts, "incident-7", Set.of(),
                        List.of(duty(DutyKind.GDPR_AUTHORITY, AWARE.plus(Duration.ofHours(72))))));
    }

    @Test
    @DisplayName("RULES.md rule 14: a malicious JP breach owes the PPC a preliminary report and a final one at 60 days")
    void aJapaneseBreachWithAWrongfulPurposeOwesPreliminaryFinalAt60DaysAndIndividuals() {
        BreachFacts facts = facts(Map.of(Jurisdiction.JP, 12), true, false);
        fixture.givenCurrentTime(NOW)
                .when(report(facts))
                .expectEvents(new BreachReportedEvent(BREACH, AWARE, facts, "incident-7", Set.of(), List.of(
                        duty(DutyKind.APPI_PRELIMINARY_REPORT, AWARE.plus(Duration.ofDays(5))),
                        duty(DutyKind.APPI_FINAL_REPORT, AWARE.plus(Duration.ofDays(60))),
                        duty(DutyKind.APPI_INDIVIDUALS, AWARE.plus(Duration.ofDays(5))))));
    }

    @Test
    void aSmallJapaneseBreachWithoutATriggerOwesNothingButMoreThan1000PeopleDo() {
        BreachFacts small = facts(Map.of(Jurisdiction.JP, 1000), false, false);
        fixture.givenCurrentTime(NOW).when(report(small))
                .expectEvents(new BreachReportedEvent(BREACH, AWARE, small, "incident-7", Set.of(), List.of()));
        BreachFacts large = facts(Map.of(Jurisdiction.JP, 1001), false, false);
        fixture.givenCurrentTime(NOW).when(report(large))
                .expectEvents(new BreachReportedEvent(BREACH, AWARE, large, "incident-7", Set.of(), List.of(
                        duty(DutyKind.APPI_PRELIMINARY_REPORT, AWARE.plus(Duration.ofDays(5))),
                        duty(DutyKind.APPI_FINAL_REPORT, AWARE.plus(Duration.ofDays(30))),
                        duty(DutyKind.APPI_INDIVIDUALS, AWARE.plus(Duration.ofDays(5))))));
    }

    @Test
    @DisplayName("RULES.md rule 15: over 500 California residents: an Attorney-General sample notice is a duty")
    void californiaOwesResidentsIn30DaysAndTheAttorneyGeneralOver500() {
        BreachFacts facts = facts(Map.of(Jurisdiction.US_CA, 501), false, false);
        fixture.givenCurrentTime(NOW).when(report(facts))
                .expectEvents(new BreachReportedEvent(BREACH, AWARE, facts, "incident-7", Set.of(), List.of(
                        duty(DutyKind.CCPA_RESIDENTS, AWARE.plus(Duration.ofDays(30))),
                        duty(DutyKind.CCPA_ATTORNEY_GENERAL, AWARE.plus(Duration.ofDays(45))))));
    }

    @Test
    void theAttorneyGeneralSampleFollowsTheResidentNoticeWithin15Days() {
        BreachFacts facts = facts(Map.of(Jurisdiction.US_CA, 501), false, false);
        Instant sent = AWARE.plus(Duration.ofDays(3));
        fixture.givenCurrentTime(NOW.plus(Duration.ofDays(3))).andGiven(reported(facts, new BreachRules().onReport(facts, AWARE)))
                .when(new RecordBreachNotificationCommand(BREACH, "ccpa-residents", sent, "mailing-1"))
                .expectEvents(new BreachNotificationSentEvent(BREACH, "ccpa-residents", DutyKind.CCPA_RESIDENTS, sent, "mailing-1"),
                        new BreachDutyRescheduledEvent(BREACH, duty(DutyKind.CCPA_ATTORNEY_GENERAL, sent.plus(Duration.ofDays(15)))));
    }

    @Test
    void taiwanNoticeFallsDueAfterTheFactsAreClarified() {
        BreachFacts facts = facts(Map.of(Jurisdiction.TW, 3), false, false);
        fixture.givenCurrentTime(NOW).when(report(facts))
                .expectEvents(new BreachReportedEvent(BREACH, AWARE, facts, "incident-7", Set.of(),
                        List.of(duty(DutyKind.PDPA_INDIVIDUALS, null))));
        fixture.givenCurrentTime(NOW).andGiven(reported(facts, List.of(duty(DutyKind.PDPA_INDIVIDUALS, null))))
                .when(new RecordBreachClarifiedCommand(BREACH, NOW))
                .expectEvents(new BreachFactsClarifiedEvent(BREACH, NOW,
                        List.of(duty(DutyKind.PDPA_INDIVIDUALS, NOW.plus(Duration.ofHours(72))))));
    }

    @Test
    void aHighRiskAddsTheIndividualsAndAnUnlikelyRiskLiftsTheAuthority() {
        BreachFacts facts = facts(Map.of(Jurisdiction.EU, 40, Jurisdiction.UK, 2), false, false);
        List<NotificationDuty> duties = new BreachRules().onReport(facts, AWARE);
        fixture.givenCurrentTime(NOW).andGiven(reported(facts, duties))
                .when(new AssessBreachCommand(BREACH, BreachRisk.HIGH, "dpia-3"))
                .expectEvents(new BreachAssessedEvent(BREACH, BreachRisk.HIGH, "dpia-3", List.of(
                        duty(DutyKind.GDPR_INDIVIDUALS, AWARE.plus(Duration.ofHours(72))),
                        duty(DutyKind.UK_GDPR_INDIVIDUALS, AWARE.plus(Duration.ofHours(72)))), List.of()));
        fixture.givenCurrentTime(NOW).andGiven(reported(facts, duties))
                .when(new AssessBreachCommand(BREACH, BreachRisk.UNLIKELY, "dpia-3"))
                .expectEvents(new BreachAssessedEvent(BREACH, BreachRisk.UNLIKELY, "dpia-3", List.of(),
                        List.of("gdpr-authority", "uk-gdpr-authority")));
    }

    @Test
    @DisplayName("RULES.md rule 13: a breach first found unlikely and then a risk owes the authority its notice again")
    void aBreachAssessedUnlikelyAndThenARiskOwesTheAuthorityAgain() {
        BreachFacts facts = facts(Map.of(Jurisdiction.EU, 40), false, false);
        List<NotificationDuty> duties = new BreachRules().onReport(facts, AWARE);
        BreachAssessedEvent unlikely = new BreachAssessedEvent(BREACH, BreachRisk.UNLIKELY, "dpia-1", List.of(),
                List.of("gdpr-authority"));
        fixture.givenCurrentTime(NOW).andGiven(reported(facts, duties), unlikely)
                .when(new AssessBreachCommand(BREACH, BreachRisk.RISK, "dpia-2"))
                .expectEvents(new BreachAssessedEvent(BREACH, BreachRisk.RISK, "dpia-2",
                        List.of(duty(DutyKind.GDPR_AUTHORITY, AWARE.plus(Duration.ofHours(72)))), List.of()));
        fixture.givenCurrentTime(NOW).andGiven(reported(facts, duties), unlikely)
                .when(new AssessBreachCommand(BREACH, BreachRisk.HIGH, "dpia-2"))
                .expectEvents(new BreachAssessedEvent(BREACH, BreachRisk.HIGH, "dpia-2", List.of(
                        duty(DutyKind.GDPR_AUTHORITY, AWARE.plus(Duration.ofHours(72))),
                        duty(DutyKind.GDPR_INDIVIDUALS, AWARE.plus(Duration.ofHours(72)))), List.of()));
        // the breach was notified (nothing was owed) and is open again, so it cannot close
        fixture.givenCurrentTime(NOW).andGiven(reported(facts, duties), unlikely,
                        new BreachAssessedEvent(BREACH, BreachRisk.RISK, "dpia-2",
                                List.of(duty(DutyKind.GDPR_AUTHORITY, AWARE.plus(Duration.ofHours(72)))), List.of()))
                .when(new CloseBreachCommand(BREACH, "closure-1"))
                .expectNoEvents()
                .expectException(RefusedException.class);
    }

    @Test
    void aDutyMetIsNotOwedAgainAndALowerRiskLiftsTheIndividuals() {
        BreachFacts facts = facts(Map.of(Jurisdiction.EU, 40), false, false);
        List<NotificationDuty> duties = new BreachRules().onReport(facts, AWARE);
        BreachAssessedEvent high = new BreachAssessedEvent(BREACH, BreachRisk.HIGH, "dpia-1",
                List.of(duty(DutyKind.GDPR_INDIVIDUALS, AWARE.plus(Duration.ofHours(72)))), List.of());
        fixture.givenCurrentTime(NOW).andGiven(reported(facts, duties), high,
                        new BreachNotificationSentEvent(BREACH, "gdpr-authority", DutyKind.GDPR_AUTHORITY, NOW, "dpa-1"),
                        new BreachNotificationSentEvent(BREACH, "gdpr-individuals", DutyKind.GDPR_INDIVIDUALS, NOW, "mail-1"))
                .when(new AssessBreachCommand(BREACH, BreachRisk.HIGH, "dpia-2"))
                .expectEvents(new BreachAssessedEvent(BREACH, BreachRisk.HIGH, "dpia-2", List.of(), List.of()));
        fixture.givenCurrentTime(NOW).andGiven(reported(facts, duties), high)
                .when(new AssessBreachCommand(BREACH, BreachRisk.RISK, "dpia-2"))
                .expectEvents(new BreachAssessedEvent(BREACH, BreachRisk.RISK, "dpia-2", List.of(),
                        List.of("gdpr-individuals")));
    }

    @Test
    void anOverdueDutyIsEscalatedOnceAndOnlyWhenDue() {
        BreachFacts facts = facts(Map.of(Jurisdiction.EU, 40), false, false);
        List<NotificationDuty> duties = new BreachRules().onReport(facts, AWARE);
        fixture.givenCurrentTime(AWARE.plus(Duration.ofHours(71))).andGiven(reported(facts, duties))
                .when(new EscalateBreachDutyCommand(BREACH, "gdpr-authority"))
                .expectNoEvents();
        fixture.givenCurrentTime(AWARE.plus(Duration.ofHours(72))).andGiven(reported(facts, duties))
                .when(new EscalateBreachDutyCommand(BREACH, "gdpr-authority"))
                .expectEvents(new BreachDutyOverdueEvent(BREACH, "gdpr-authority", DutyKind.GDPR_AUTHORITY,
                        AWARE.plus(Duration.ofHours(72))));
        fixture.givenCurrentTime(AWARE.plus(Duration.ofHours(73))).andGiven(reported(facts, duties),
                        new BreachDutyOverdueEvent(BREACH, "gdpr-authority", DutyKind.GDPR_AUTHORITY, AWARE.plus(Duration.ofHours(72))))
                .when(new EscalateBreachDutyCommand(BREACH, "gdpr-authority"))
                .expectNoEvents();
    }

    @Test
    void aBreachClosesOnlyWhenEveryDutyIsMet() {
        BreachFacts facts = facts(Map.of(Jurisdiction.EU, 40), false, false);
        List<NotificationDuty> duties = new BreachRules().onReport(facts, AWARE);
        fixture.givenCurrentTime(NOW).andGiven(reported(facts, duties))
                .when(new CloseBreachCommand(BREACH, "closure-1"))
                .expectNoEvents()
                .expectException(RefusedException.class);
        fixture.givenCurrentTime(NOW).andGiven(reported(facts, duties),
                        new BreachNotificationSentEvent(BREACH, "gdpr-authority", DutyKind.GDPR_AUTHORITY, NOW, "dpa-form-1"))
                .when(new CloseBreachCommand(BREACH, "closure-1"))
                .expectEvents(new BreachClosedEvent(BREACH, "closure-1"));
    }

    @Test
    void awarenessInTheFutureAndAnUnknownDutyAreRefused() {
        BreachFacts facts = facts(Map.of(Jurisdiction.EU, 40), false, false);
        fixture.givenCurrentTime(AWARE.minusSeconds(1)).when(report(facts))
                .expectNoEvents().expectException(RefusedException.class);
        fixture.givenCurrentTime(NOW).andGiven(reported(facts, new BreachRules().onReport(facts, AWARE)))
                .when(new RecordBreachNotificationCommand(BREACH, "appi-final-report", NOW, null))
                .expectNoEvents().expectException(RefusedException.class);
    }

    @Test
    @DisplayName("The people affected under an individuals' duty are mailed once, in their law's language; nobody else is")
    void anIndividualsDutyIsMailedOnceInItsLawsLanguage() {
        BreachFacts facts = facts(Map.of(Jurisdiction.JP, 12), true, false);
        List<NotificationDuty> duties = new BreachRules().onReport(facts, AWARE);
        BreachReportedEvent named = new BreachReportedEvent(BREACH, AWARE, facts, "incident-7",
                Set.of(io.lethe.core.subject.SubjectId.random()), duties);
        BreachLetter letter = new BreachLetter("what happened", "what information", "what we do", "what you can do", "contact");
        fixture.givenCurrentTime(NOW).andGiven(named)
                .when(new MailAffectedPeopleCommand(BREACH, "appi-individuals", letter))
                .expectEvents(new BreachMailingIssuedEvent(BREACH, "appi-individuals", DutyKind.APPI_INDIVIDUALS, "ja", letter));
        fixture.givenCurrentTime(NOW).andGiven(named,
                        new BreachMailingIssuedEvent(BREACH, "appi-individuals", DutyKind.APPI_INDIVIDUALS, "ja", letter))
                .when(new MailAffectedPeopleCommand(BREACH, "appi-individuals", letter))
                .expectNoEvents().expectException(RefusedException.class);
        fixture.givenCurrentTime(NOW).andGiven(named)
                .when(new MailAffectedPeopleCommand(BREACH, "appi-preliminary-report", letter))
                .expectNoEvents().expectException(RefusedException.class);
        fixture.givenCurrentTime(NOW).andGiven(reported(facts, duties))
                .when(new MailAffectedPeopleCommand(BREACH, "appi-individuals", letter))
                .expectNoEvents().expectException(RefusedException.class);
        fixture.givenCurrentTime(NOW).andGiven(named)
                .when(new MailAffectedPeopleCommand(BREACH, "appi-individuals",
                        new BreachLetter(" ", "what information", "what we do", "what you can do", "contact")))
                .expectNoEvents().expectException(org.axonframework.messaging.interceptors.JSR303ViolationException.class);
    }

    private static BreachReportedEvent reported(BreachFacts facts, List<NotificationDuty> duties) {
        return new BreachReportedEvent(BREACH, AWARE, facts, "incident-7", Set.of(), duties);
    }

    private static ReportBreachCommand report(BreachFacts facts) {
        return new ReportBreachCommand(BREACH, AWARE, facts, "incident-7", null);
    }

    private static BreachFacts facts(Map<Jurisdiction, Integer> affected, boolean malicious, boolean encrypted) {
        return new BreachFacts(affected, Set.of(DataCategory.A_IDENTIFIERS), false, false, malicious, encrypted);
    }

    private static NotificationDuty duty(DutyKind kind, Instant dueAt) {
        return new NotificationDuty(kind.name().toLowerCase().replace('_', '-'), kind, dueAt);
    }
}
