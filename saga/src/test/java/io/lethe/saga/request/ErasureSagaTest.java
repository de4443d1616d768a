package io.lethe.saga.request;

import io.lethe.core.jurisdiction.Jurisdiction;
import io.lethe.core.request.CompleteErasureCommand;
import io.lethe.core.request.DeletionRequestedAtProcessorEvent;
import io.lethe.core.request.DenialReason;
import io.lethe.core.request.EscalateProcessorCommand;
import io.lethe.core.request.IdentityMethod;
import io.lethe.core.request.IdentityVerifiedEvent;
import io.lethe.core.request.PrivacyRequestSubmittedEvent;
import io.lethe.core.request.ProcessorDeletionConfirmedEvent;
import io.lethe.core.request.RequestChannel;
import io.lethe.core.request.DirectProcessorsCommand;
import java.util.List;
import io.lethe.core.subject.ProfileUpdatedEvent;
import io.lethe.core.request.ProcessorCorrectionConfirmedEvent;
import io.lethe.core.request.CorrectionRequestedAtProcessorEvent;
import io.lethe.core.request.RequestDeniedEvent;
import io.lethe.core.request.RequestFulfilledEvent;
import io.lethe.core.request.RequestId;
import io.lethe.core.request.RequestType;
import io.lethe.core.subject.Requester;
import io.lethe.core.subject.SubjectId;
import org.axonframework.test.saga.FixtureConfiguration;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/** The erasure process: happy path, a processor's timeout, duplicates, and denial. */
class ErasureSagaTest {

    private static final SubjectId SUBJECT = SubjectId.of("8e7d6c5b-4a3f-4e2d-9c1b-0a9f8e7d6c5b");
    private static final RequestId REQUEST = RequestId.of("3e4f5a6b-7c8d-4e9f-8a0b-1c2d3e4f5a6b");

    private FixtureConfiguration fixture;
    private Instant start;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(ErasureSaga.class);
        Map<String, Duration> processors = new LinkedHashMap<>();
        processors.put("email-delivery", Duration.ofDays(7));
        processors.put("analytics", Duration.ofDays(14));
        fixture.registerResource(new RequestProcessProperties(Duration.ofDays(7), processors));
        start = fixture.currentTime();
    }

    @Test
    void aRequestThatIsNotAnErasureStartsNoErasure() {
        fixture.givenNoPriorActivity()
                .whenAggregate(SUBJECT.toString()).publishes(submitted(RequestType.ACCESS))
                .expectActiveSagas(0);
    }

    @Test
    void nothingHappensBeforeIdentityIsVerified() {
        fixture.givenNoPriorActivity()
                .whenAggregate(SUBJECT.toString()).publishes(submitted(RequestType.ERASURE))
                .expectActiveSagas(1)
                .expectNoDispatchedCommands();
    }

    @Test
    void verificationDirectsEveryProcessorToDeleteWithItsOwnTimeout() {
        Map<String, Instant> confirmBy = new LinkedHashMap<>();
        confirmBy.put("email-delivery", start.plus(Duration.ofDays(7)));
        confirmBy.put("analytics", start.plus(Duration.ofDays(14)));
        fixture.givenAggregate(SUBJECT.toString()).published(submitted(RequestType.ERASURE))
                .whenAggregate(SUBJECT.toString()).publishes(verified())
                .expectDispatchedCommands(new DirectProcessorsCommand(SUBJECT, REQUEST, confirmBy));
    }

    @Test
    void whenEveryProcessorConfirmedTheErasureCompletesOnce() {
        fixture.givenAggregate(SUBJECT.toString()).published(submitted(RequestType.ERASURE), verified(),
                        asked("email-delivery", 7), asked("analytics", 14),
                        new ProcessorDeletionConfirmedEvent(SUBJECT, REQUEST, "email-delivery", "t-1"))
                .whenAggregate(SUBJECT.toString()).publishes(
                        new ProcessorDeletionConfirmedEvent(SUBJECT, REQUEST, "analytics", "t-2"))
                .expectDispatchedCommands(new CompleteErasureCommand(SUBJECT, REQUEST))
                .expectNoScheduledDeadlines();
    }

    @Test
    void aDuplicateConfirmationCompletesNothing() {
        fixture.givenAggregate(SUBJECT.toString()).published(submitted(RequestType.ERASURE), verified(),
                        asked("email-delivery", 7), asked("analytics", 14),
                        new ProcessorDeletionConfirmedEvent(SUBJECT, REQUEST, "email-delivery", "t-1"))
                .whenAggregate(SUBJECT.toString()).publishes(
                        new ProcessorDeletionConfirmedEvent(SUBJECT, REQUEST, "email-delivery", "t-1"))
                .expectNoDispatchedCommands();
    }

    @Test
    void aProcessorThatMissesItsTimeoutIsEscalatedAndNothingIsShredded() {
        fixture.givenAggregate(SUBJECT.toString()).published(submitted(RequestType.ERASURE), verified(),
                        asked("email-delivery", 7), asked("analytics", 14),
                        new ProcessorDeletionConfirmedEvent(SUBJECT, REQUEST, "analytics", "t-2"))
                .whenTimeElapses(Duration.ofDays(8))
                .expectDispatchedCommands(new EscalateProcessorCommand(SUBJECT, REQUEST, "email-delivery"))
                .expectActiveSagas(1);
    }

    @Test
    void aLateConfirmationAfterEscalationStillCompletes() throws Exception {
        fixture.givenAggregate(SUBJECT.toString()).published(submitted(RequestType.ERASURE), verified(),
                        asked("email-delivery", 7), asked("analytics", 14),
                        new ProcessorDeletionConfirmedEvent(SUBJECT, REQUEST, "analytics", "t-2"))
                .andThenTimeElapses(Duration.ofDays(8))
                .whenAggregate(SUBJECT.toString()).publishes(
                        new ProcessorDeletionConfirmedEvent(SUBJECT, REQUEST, "email-delivery", "t-1"))
                .expectDispatchedCommands(new CompleteErasureCommand(SUBJECT, REQUEST));
    }

    @Test
    void withoutProcessorsVerificationCompletesAtOnce() {
        fixture.registerResource(new RequestProcessProperties(Duration.ofDays(7), Map.of()));
        fixture.givenAggregate(SUBJECT.toString()).published(submitted(RequestType.DELETION))
                .whenAggregate(SUBJECT.toString()).publishes(verified())
                .expectDispatchedCommands(new CompleteErasureCommand(SUBJECT, REQUEST));
    }

    @Test
    void fulfilmentEndsTheSaga() {
        fixture.givenAggregate(SUBJECT.toString()).published(submitted(RequestType.ERASURE), verified(),
                        asked("email-delivery", 7))
                .whenAggregate(SUBJECT.toString()).publishes(new RequestFulfilledEvent(SUBJECT, REQUEST,
                        RequestType.ERASURE, "request:" + REQUEST, null))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
    }

    @Test
    void aDenialEndsTheSaga() {
        fixture.givenAggregate(SUBJECT.toString()).published(submitted(RequestType.ERASURE))
                .whenAggregate(SUBJECT.toString()).publishes(new RequestDeniedEvent(SUBJECT, REQUEST,
                        RequestType.ERASURE, DenialReason.LEGAL_OBLIGATION, null))
                .expectActiveSagas(0);
    }

    private DeletionRequestedAtProcessorEvent asked(String processor, int days) {
        return new DeletionRequestedAtProcessorEvent(SUBJECT, REQUEST, processor, start.plus(Duration.ofDays(days)));
    }

    private static IdentityVerifiedEvent verified() {
        return new IdentityVerifiedEvent(SUBJECT, REQUEST, IdentityMethod.AUTHENTICATED_SESSION, null, LocalDate.now(),
                Instant.now().plus(Duration.ofDays(30)), null);
    }

    private static final ProfileUpdatedEvent CORRECTED = new ProfileUpdatedEvent(SUBJECT, null, null, "new@example.org", REQUEST);
    private static final RequestFulfilledEvent CORRECTION_FULFILLED =
            new RequestFulfilledEvent(SUBJECT, REQUEST, RequestType.RECTIFICATION, "r", null);

    private Map<String, Instant> correctionConfirmBy() {
        Map<String, Instant> confirmBy = new LinkedHashMap<>();
        confirmBy.put("email-delivery", start.plus(Duration.ofDays(7)));
        confirmBy.put("analytics", start.plus(Duration.ofDays(14)));
        return confirmBy;
    }

    @Test
    void aCorrectionDirectsTheProcessorsOnceItsValuesAreCorrected() {
        fixture.givenAggregate(SUBJECT.toString()).published(submitted(RequestType.RECTIFICATION))
                .whenAggregate(SUBJECT.toString()).publishes(CORRECTED)
                .expectDispatchedCommands(new DirectProcessorsCommand(SUBJECT, REQUEST, correctionConfirmBy()));
    }

    @Test
    void aCorrectionsProcessorThatDoesNotConfirmEscalatesAfterTheRequestIsFulfilled() {
        Map<String, Instant> confirmBy = correctionConfirmBy();
        ProfileUpdatedEvent corrected = CORRECTED;
        RequestFulfilledEvent fulfilled = CORRECTION_FULFILLED;
        fixture.givenAggregate(SUBJECT.toString()).published(submitted(RequestType.RECTIFICATION), corrected, fulfilled,
                        new CorrectionRequestedAtProcessorEvent(SUBJECT, REQUEST, "email-delivery", confirmBy.get("email-delivery"),
                                List.of("email")),
                        new CorrectionRequestedAtProcessorEvent(SUBJECT, REQUEST, "analytics", confirmBy.get("analytics"),
                                List.of("email")))
                .whenTimeElapses(Duration.ofDays(8))
                .expectActiveSagas(1)
                .expectDispatchedCommands(new EscalateProcessorCommand(SUBJECT, REQUEST, "email-delivery"));
    }

    @Test
    void aCorrectionsFollowUpEndsWhenEveryProcessorHasConfirmed() {
        Map<String, Instant> confirmBy = correctionConfirmBy();
        ProfileUpdatedEvent corrected = CORRECTED;
        RequestFulfilledEvent fulfilled = CORRECTION_FULFILLED;
        fixture.givenAggregate(SUBJECT.toString()).published(submitted(RequestType.RECTIFICATION), corrected, fulfilled,
                        new CorrectionRequestedAtProcessorEvent(SUBJECT, REQUEST, "email-delivery", confirmBy.get("email-delivery"),
                                List.of("email")))
                .whenAggregate(SUBJECT.toString()).publishes(new ProcessorCorrectionConfirmedEvent(SUBJECT, REQUEST, "email-delivery", "a"))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
    }

    @Test
    void aProfileUpdateThatIsNoCorrectionConcernsNoSaga() {
        fixture.givenAggregate(SUBJECT.toString()).published(submitted(RequestType.RECTIFICATION))
                .whenAggregate(SUBJECT.toString()).publishes(new ProfileUpdatedEvent(SUBJECT, "New Name", null, null, null))
                .expectActiveSagas(1)
                .expectNoDispatchedCommands();
    }

    @Test
    void aCorrectionFulfilledWithoutValuesHasNothingForTheProcessors() {
        fixture.givenAggregate(SUBJECT.toString()).published(submitted(RequestType.RECTIFICATION))
                .whenAggregate(SUBJECT.toString()).publishes(
                        new RequestFulfilledEvent(SUBJECT, REQUEST, RequestType.RECTIFICATION, "nothing-to-change", null))
                .expectActiveSagas(0);
    }

    private static PrivacyRequestSubmittedEvent submitted(RequestType type) {
        return new PrivacyRequestSubmittedEvent(SUBJECT, REQUEST, Jurisdiction.EU, type, Requester.SUBJECT,
                RequestChannel.EMAIL, Instant.now(), true, LocalDate.now(), Instant.now().plus(Duration.ofDays(30)), null, null, false);
    }
}
