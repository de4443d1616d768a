package io.lethe.saga.breach;

import io.lethe.core.breach.BreachAssessedEvent;
import io.lethe.core.breach.BreachClosedEvent;
import io.lethe.core.breach.BreachDutyRescheduledEvent;
import io.lethe.core.breach.BreachFacts;
import io.lethe.core.breach.BreachFactsClarifiedEvent;
import io.lethe.core.breach.BreachId;
import io.lethe.core.breach.BreachNotificationSentEvent;
import io.lethe.core.breach.BreachReportedEvent;
import io.lethe.core.breach.BreachRisk;
import io.lethe.core.breach.DutyKind;
import io.lethe.core.breach.EscalateBreachDutyCommand;
import io.lethe.core.breach.NotificationDuty;
import io.lethe.core.jurisdiction.Jurisdiction;
import io.lethe.core.personaldata.DataCategory;
import org.axonframework.test.saga.FixtureConfiguration;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The breach clocks: escalation when a duty passes unsent, cancellation when it is met or lifted. */
class BreachNotificationSagaTest {

    private static final BreachId BREACH = BreachId.of("2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e");
    private static final BreachFacts FACTS = new BreachFacts(Map.of(Jurisdiction.EU, 10, Jurisdiction.TW, 2),
            Set.of(DataCategory.A_IDENTIFIERS), false, false, true, false);

    private FixtureConfiguration fixture;
    private Instant start;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(BreachNotificationSaga.class);
        start = fixture.currentTime();
    }

    @Test
    void anUnsentAuthorityNoticeIsEscalatedWhenItsSeventyTwoHoursPass() {
        fixture.givenAggregate(BREACH.toString()).published(reported())
                .whenTimeElapses(Duration.ofHours(72))
                .expectDispatchedCommands(new EscalateBreachDutyCommand(BREACH, "gdpr-authority"));
    }

    @Test
    void aSentNoticeCancelsItsClock() {
        fixture.givenAggregate(BREACH.toString()).published(reported(),
                        new BreachNotificationSentEvent(BREACH, "gdpr-authority", DutyKind.GDPR_AUTHORITY, start, "form-1"))
                .whenTimeElapses(Duration.ofHours(73))
                .expectNoDispatchedCommands();
    }

    @Test
    void anUnlikelyRiskLiftsTheAuthorityClock() {
        fixture.givenAggregate(BREACH.toString()).published(reported(),
                        new BreachAssessedEvent(BREACH, BreachRisk.UNLIKELY, "dpia-1", List.of(), List.of("gdpr-authority")))
                .whenTimeElapses(Duration.ofHours(73))
                .expectNoDispatchedCommands();
    }

    @Test
    void taiwanClarificationStartsItsClock() {
        Instant due = start.plus(Duration.ofDays(2));
        fixture.givenAggregate(BREACH.toString()).published(reported(),
                        new BreachNotificationSentEvent(BREACH, "gdpr-authority", DutyKind.GDPR_AUTHORITY, start, "form-1"))
                .whenAggregate(BREACH.toString()).publishes(new BreachFactsClarifiedEvent(BREACH, start,
                        List.of(new NotificationDuty("pdpa-individuals", DutyKind.PDPA_INDIVIDUALS, due))))
                .expectScheduledDeadlineWithName(due, BreachNotificationSaga.DUTY_DUE);
    }

    @Test
    void aRescheduledDutyMovesItsClock() {
        Instant later = start.plus(Duration.ofDays(10));
        fixture.givenAggregate(BREACH.toString()).published(reported(),
                        new BreachDutyRescheduledEvent(BREACH, new NotificationDuty("gdpr-authority", DutyKind.GDPR_AUTHORITY, later)))
                .whenTimeElapses(Duration.ofHours(73))
                .expectNoDispatchedCommands();
    }

    @Test
    void closingTheBreachEndsTheSaga() {
        fixture.givenAggregate(BREACH.toString()).published(reported())
                .whenAggregate(BREACH.toString()).publishes(new BreachClosedEvent(BREACH, "closure-1"))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
    }

    private BreachReportedEvent reported() {
        return new BreachReportedEvent(BREACH, start, FACTS, "incident-1", Set.of(), List.of(
                new NotificationDuty("gdpr-authority", DutyKind.GDPR_AUTHORITY, start.plus(Duration.ofHours(72))),
                new NotificationDuty("pdpa-individuals", DutyKind.PDPA_INDIVIDUALS, null)));
    }
}
