package io.lethe.saga.request;

import io.lethe.core.jurisdiction.Jurisdiction;
import io.lethe.core.request.DenialReason;
import io.lethe.core.request.EscalateOverdueRequestCommand;
import io.lethe.core.request.EscalateUnacknowledgedRequestCommand;
import io.lethe.core.request.ExtensionReason;
import io.lethe.core.request.IdentityMethod;
import io.lethe.core.request.IdentityVerifiedEvent;
import io.lethe.core.request.PrivacyRequestSubmittedEvent;
import io.lethe.core.request.RaiseRequestReminderCommand;
import io.lethe.core.request.RequestChannel;
import io.lethe.core.request.RequestDeadlineExtendedEvent;
import io.lethe.core.request.RequestDeniedEvent;
import io.lethe.core.request.RequestFulfilledEvent;
import io.lethe.core.request.RequestId;
import io.lethe.core.request.RequestType;
import io.lethe.core.subject.Requester;
import io.lethe.core.subject.SubjectId;
import org.axonframework.test.saga.FixtureConfiguration;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/** The request clock, moving time across reminders, due dates and extensions. */
class RequestClockSagaTest {

    private static final SubjectId SUBJECT = SubjectId.of("6d5c4b3a-2f1e-4d0c-9b8a-7f6e5d4c3b2a");
    private static final RequestId REQUEST = RequestId.of("1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e");

    private FixtureConfiguration fixture;
    private Instant start;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(RequestClockSaga.class);
        fixture.registerResource(new RequestProcessProperties(Duration.ofDays(7), Map.of()));
        start = fixture.currentTime();
    }

    @Test
    void aReminderComesSevenDaysBeforeTheDueDate() {
        fixture.givenNoPriorActivity()
                .whenAggregate(SUBJECT.toString()).publishes(submitted(start.plus(Duration.ofDays(30))))
                .expectActiveSagas(1)
                .expectScheduledDeadlineWithName(start.plus(Duration.ofDays(23)), RequestClockSaga.REMINDER_DUE)
                .expectScheduledDeadlineWithName(start.plus(Duration.ofDays(30)), RequestClockSaga.RESPONSE_DUE);
    }

    @Test
    void whenTheReminderTimeComesStaffAreReminded() {
        fixture.givenAggregate(SUBJECT.toString()).published(submitted(start.plus(Duration.ofDays(30))))
                .whenTimeElapses(Duration.ofDays(24))
                .expectDispatchedCommands(new RaiseRequestReminderCommand(SUBJECT, REQUEST));
    }

    @Test
    void anOpenRequestPastItsDueDateIsEscalated() {
        fixture.givenAggregate(SUBJECT.toString()).published(submitted(start.plus(Duration.ofDays(30))))
                .whenTimeElapses(Duration.ofDays(30))
                .expectDispatchedCommands(new RaiseRequestReminderCommand(SUBJECT, REQUEST),
                        new EscalateOverdueRequestCommand(SUBJECT, REQUEST))
                .expectActiveSagas(1);
    }

    @Test
    void aShortPeriodGetsNoReminderOnlyTheEscalation() {
        fixture.givenAggregate(SUBJECT.toString()).published(submitted(start.plus(Duration.ofDays(5))))
                .whenTimeElapses(Duration.ofDays(5))
                .expectDispatchedCommands(new EscalateOverdueRequestCommand(SUBJECT, REQUEST));
    }

    @Test
    void anExtensionMovesBothDeadlines() {
        Instant extendedDue = start.plus(Duration.ofDays(75));
        fixture.givenAggregate(SUBJECT.toString()).published(submitted(start.plus(Duration.ofDays(30))))
                .whenAggregate(SUBJECT.toString()).publishes(new RequestDeadlineExtendedEvent(SUBJECT, REQUEST,
                        ExtensionReason.COMPLEXITY, LocalDate.now(), "notice-1", LocalDate.now(), extendedDue))
                .expectScheduledDeadlineWithName(start.plus(Duration.ofDays(68)), RequestClockSaga.REMINDER_DUE)
                .expectScheduledDeadlineWithName(start.plus(Duration.ofDays(75)), RequestClockSaga.RESPONSE_DUE)
                .expectNoScheduledDeadlineWithName(start.plus(Duration.ofDays(30)), RequestClockSaga.RESPONSE_DUE);
    }

    @Test
    void afterAnExtensionTheOldDueDatePassesQuietly() {
        fixture.givenAggregate(SUBJECT.toString()).published(submitted(start.plus(Duration.ofDays(30))),
                        new RequestDeadlineExtendedEvent(SUBJECT, REQUEST, ExtensionReason.COMPLEXITY, LocalDate.now(),
                                "notice-1", LocalDate.now(), start.plus(Duration.ofDays(75))))
                .whenTimeElapses(Duration.ofDays(31))
                .expectNoDispatchedCommands();
    }

    @Test
    void aVerificationThatMovesTheDueDateMovesTheClock() {
        Instant newDue = start.plus(Duration.ofDays(40));
        fixture.givenAggregate(SUBJECT.toString()).published(submitted(start.plus(Duration.ofDays(30))))
                .whenAggregate(SUBJECT.toString()).publishes(new IdentityVerifiedEvent(SUBJECT, REQUEST,
                        IdentityMethod.EMAIL_CONFIRMATION, null, LocalDate.now(), newDue, start))
                .expectScheduledDeadlineWithName(start.plus(Duration.ofDays(40)), RequestClockSaga.RESPONSE_DUE)
                .expectNoScheduledDeadlineWithName(start.plus(Duration.ofDays(30)), RequestClockSaga.RESPONSE_DUE);
    }

    @Test
    @DisplayName("RULES.md, UK: the clock stands while identity is awaited and runs once it is verified")
    void aStoppedClockSetsNoDeadlineUntilIdentityIsVerified() {
        fixture.givenNoPriorActivity()
                .whenAggregate(SUBJECT.toString()).publishes(british())
                .expectActiveSagas(1)
                .expectNoScheduledDeadlines();
    }

    @Test
    void aStoppedClockPassesItsProvisionalDueDateQuietly() {
        fixture.givenAggregate(SUBJECT.toString()).published(british())
                .whenTimeElapses(Duration.ofDays(60))
                .expectNoDispatchedCommands();
    }

    @Test
    void aStoppedClockRunsFromTheEvidenceOnceIdentityIsVerified() throws Exception {
        PrivacyRequestSubmittedEvent british = british();
        Instant due = start.plus(Duration.ofDays(61));
        fixture.givenAggregate(SUBJECT.toString()).published(british)
                .andThenTimeElapses(Duration.ofDays(30))
                .andThenAggregate(SUBJECT.toString()).published(new IdentityVerifiedEvent(SUBJECT, REQUEST,
                        IdentityMethod.IDENTITY_DOCUMENT, null, LocalDate.now(), due, start.plus(Duration.ofDays(30))))
                .whenTimeElapses(Duration.ofDays(31))
                .expectDispatchedCommands(new RaiseRequestReminderCommand(SUBJECT, REQUEST),
                        new EscalateOverdueRequestCommand(SUBJECT, REQUEST));
    }

    @Test
    void aFulfilledRequestEndsTheClock() {
        fixture.givenAggregate(SUBJECT.toString()).published(submitted(start.plus(Duration.ofDays(30))))
                .whenAggregate(SUBJECT.toString()).publishes(new RequestFulfilledEvent(SUBJECT, REQUEST, RequestType.ACCESS,
                        "response-1", null))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
    }

    @Test
    void aDeniedRequestEndsTheClock() {
        fixture.givenAggregate(SUBJECT.toString()).published(submitted(start.plus(Duration.ofDays(30))))
                .whenAggregate(SUBJECT.toString()).publishes(new RequestDeniedEvent(SUBJECT, REQUEST, RequestType.ACCESS,
                        DenialReason.EXEMPTION, null))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
    }

    @Test
    void anUnconfirmedReceiptIsEscalatedAndAConfirmationCancelsTheClock() {
        PrivacyRequestSubmittedEvent californian = new PrivacyRequestSubmittedEvent(SUBJECT, REQUEST, Jurisdiction.US_CA,
                RequestType.DELETION, Requester.SUBJECT, RequestChannel.EMAIL, start, true, LocalDate.now(),
                start.plus(Duration.ofDays(45)), LocalDate.ofInstant(start, Jurisdiction.US_CA.zone()).plusDays(14), null, false);
        fixture.givenAggregate(SUBJECT.toString()).published(californian)
                .whenTimeElapses(Duration.ofDays(16))
                .expectDispatchedCommands(new EscalateUnacknowledgedRequestCommand(SUBJECT, REQUEST));
    }

    @Test
    void aConfirmedReceiptIsNotEscalated() {
        PrivacyRequestSubmittedEvent californian = new PrivacyRequestSubmittedEvent(SUBJECT, REQUEST, Jurisdiction.US_CA,
                RequestType.DELETION, Requester.SUBJECT, RequestChannel.EMAIL, start, true, LocalDate.now(),
                start.plus(Duration.ofDays(45)), LocalDate.ofInstant(start, Jurisdiction.US_CA.zone()).plusDays(14), null, false);
        fixture.givenAggregate(SUBJECT.toString()).published(californian,
                        new io.lethe.core.request.RequestAcknowledgedEvent(SUBJECT, REQUEST))
                .whenTimeElapses(Duration.ofDays(16))
                .expectNoDispatchedCommands();
    }

    /** A UK request whose clock stands until identity is verified; provisionally due in 30 days. */
    private PrivacyRequestSubmittedEvent british() {
        return new PrivacyRequestSubmittedEvent(SUBJECT, REQUEST, Jurisdiction.UK, RequestType.ACCESS, Requester.SUBJECT,
                RequestChannel.EMAIL, start, true, LocalDate.now(), start.plus(Duration.ofDays(30)), null, null, true);
    }

    private static PrivacyRequestSubmittedEvent submitted(Instant dueAt) {
        return new PrivacyRequestSubmittedEvent(SUBJECT, REQUEST, Jurisdiction.EU, RequestType.ACCESS, Requester.SUBJECT,
                RequestChannel.EMAIL, Instant.now(), true, LocalDate.now(), dueAt, null, null, false);
    }
}
