package io.lethe.command.subject;

import io.lethe.core.jurisdiction.Jurisdiction;
import io.lethe.core.consent.OptedOutOfSaleSharingEvent;
import io.lethe.core.personaldata.RetentionClass;
import io.lethe.core.refusal.RefusedException;
import io.lethe.core.request.AcknowledgeRequestCommand;
import io.lethe.core.request.NoticeFailure;
import io.lethe.core.request.NoticeKind;
import io.lethe.core.request.RecordNoticeSentCommand;
import io.lethe.core.request.RecordNoticeUndeliveredCommand;
import io.lethe.core.request.RequestNoticeSentEvent;
import io.lethe.core.request.RequestNoticeUndeliveredEvent;
import io.lethe.core.request.CompleteErasureCommand;
import io.lethe.core.request.ConfirmProcessorCommand;
import io.lethe.core.request.ProcessorCorrectionOverdueEvent;
import io.lethe.core.request.ProcessorCorrectionConfirmedEvent;
import io.lethe.core.request.CorrectionRequestedAtProcessorEvent;
import io.lethe.core.request.DeletionRequestedAtProcessorEvent;
import io.lethe.core.request.DenialReason;
import io.lethe.core.request.DenyRequestCommand;
import io.lethe.core.request.ErasureCertificate;
import io.lethe.core.request.EscalateOverdueRequestCommand;
import io.lethe.core.request.EscalateProcessorCommand;
import io.lethe.core.request.EscalateUnacknowledgedRequestCommand;
import io.lethe.core.request.RequestAcknowledgedEvent;
import io.lethe.core.request.RequestAcknowledgementOverdueEvent;
import io.lethe.core.request.ExtendRequestDeadlineCommand;
import io.lethe.core.request.ExtensionReason;
import io.lethe.core.request.FeeSettlement;
import io.lethe.core.request.FulfilRequestCommand;
import io.lethe.core.request.IdentityMethod;
import io.lethe.core.request.IdentityVerifiedEvent;
import io.lethe.core.request.PrivacyRequestSubmittedEvent;
import io.lethe.core.request.ProcessorDeletionConfirmedEvent;
import io.lethe.core.request.ProcessorDeletionOverdueEvent;
import io.lethe.core.request.RaiseRequestReminderCommand;
import io.lethe.core.request.RequestChannel;
import io.lethe.core.request.RequestDeadlineExtendedEvent;
import io.lethe.core.request.DirectProcessorsCommand;
import io.lethe.core.request.RequestDeniedEvent;
import io.lethe.core.request.RequestFeeSettledEvent;
import io.lethe.core.request.RequestFulfilledEvent;
import io.lethe.core.request.RequestId;
import io.lethe.core.subject.TerminationReason;
import io.lethe.core.subject.AccountTerminatedEvent;
import io.lethe.core.subject.UpdateProfileCommand;
import io.lethe.core.subject.ProfileUpdatedEvent;
import io.lethe.core.request.CorrectProfileCommand;
import io.lethe.core.request.RequestOverdueEvent;
import io.lethe.core.request.RequestReminderRaisedEvent;
import io.lethe.core.request.RequestRules;
import io.lethe.core.request.RequestType;
import io.lethe.core.request.ResponseRule;
import io.lethe.core.request.SettleRequestFeeCommand;
import io.lethe.core.request.SubmitPrivacyRequestCommand;
import io.lethe.core.request.VerifyIdentityCommand;
import io.lethe.core.subject.AccountRegisteredEvent;
import io.lethe.core.subject.LegalHoldPlacedEvent;
import io.lethe.core.subject.LegalHoldReleasedEvent;
import io.lethe.core.subject.ReleaseLegalHoldCommand;
import io.lethe.core.request.ErasureCertificateReissuedEvent;
import io.lethe.core.subject.Money;
import io.lethe.core.subject.PersonalDataShreddedEvent;
import io.lethe.core.subject.Requester;
import io.lethe.core.subject.ShreddingReason;
import io.lethe.core.subject.ShreddingWithheldEvent;
import io.lethe.core.subject.SubjectId;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Data-subject requests: the rule table per jurisdiction, the clock, verification, fees and the erasure steps. */
class PrivacyRequestTest {

    private static final SubjectId SUBJECT = SubjectId.of("4f1e2d3c-5b6a-4798-8a9b-0c1d2e3f4a5b");
    private static final RequestId REQUEST = RequestId.of("9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d");
    private static final RequestRules RULES = new RequestRules();

    private FixtureConfiguration<DataSubject> fixture;
    private final DataSubjectTest.RecordingKeys keys = new DataSubjectTest.RecordingKeys();

    @BeforeEach
    void setUp() {
        fixture = Fixtures.dataSubject(keys);
    }

    // --- the clock per jurisdiction (each due date counted in the jurisdiction's own zone) ---

    @Test
    void aJapaneseDisclosureOwesTheFeeAndIsDueWithinTheConfiguredDays() {
        Instant received = at(2026, 11, 20, 10, Jurisdiction.JP);
        fixture.givenCurrentTime(received).andGiven(registeredIn(Jurisdiction.JP))
                .when(submit(RequestType.DISCLOSURE))
                .expectEvents(submitted(Jurisdiction.JP, RequestType.DISCLOSURE, received, true,
                        LocalDate.of(2026, 12, 4), null, new Money("JPY", 1000)));
    }

    @Test
    @DisplayName("RULES.md rule 2: a JP disclosure owes 1,000 JPY and is not fulfilled before identity is verified")
    void aJapaneseDisclosureIsFulfilledOnlyAfterIdentityAndTheFee() {
        Instant received = at(2026, 11, 20, 10, Jurisdiction.JP);
        PrivacyRequestSubmittedEvent submitted = submitted(Jurisdiction.JP, RequestType.DISCLOSURE, received, true,
                LocalDate.of(2026, 12, 4), null, RequestRules.JAPAN_DISCLOSURE_FEE);
        fixture.givenCurrentTime(received).andGiven(registeredIn(Jurisdiction.JP), submitted)
                .when(new FulfilRequestCommand(SUBJECT, REQUEST, "response-1"))
                .expectNoEvents()
                .expectException(RefusedException.class)
                .expectExceptionMessage("The request cannot be fulfilled before the requester's identity is verified.");
        IdentityVerifiedEvent verified = new IdentityVerifiedEvent(SUBJECT, REQUEST, IdentityMethod.IDENTITY_DOCUMENT,
                "check-1", LocalDate.of(2026, 12, 4), ResponseRule.endOf(LocalDate.of(2026, 12, 4), Jurisdiction.JP.zone()),
                received);
        fixture.givenCurrentTime(received).andGiven(registeredIn(Jurisdiction.JP), submitted, verified)
                .when(new FulfilRequestCommand(SUBJECT, REQUEST, "response-1"))
                .expectNoEvents()
                .expectExceptionMessage("The request's fee is owed; it cannot be fulfilled until the fee is paid or waived.");
        fixture.givenCurrentTime(received).andGiven(registeredIn(Jurisdiction.JP), submitted, verified,
                        new RequestFeeSettledEvent(SUBJECT, REQUEST, FeeSettlement.WAIVED, "waiver-1"))
                .when(new FulfilRequestCommand(SUBJECT, REQUEST, "response-1"))
                .expectEvents(new RequestFulfilledEvent(SUBJECT, REQUEST, RequestType.DISCLOSURE, "response-1", null));
    }

    @Test
    void aRequestTakesInternalNotesOpenOrClosedEachOnceAndUpToItsLimit() {
        Instant received = at(2026, 11, 20, 10, Jurisdiction.EU);
        PrivacyRequestSubmittedEvent submitted = submitted(Jurisdiction.EU, RequestType.ACCESS, received, false,
                LocalDate.of(2026, 12, 20), null, null);
        java.util.UUID note = java.util.UUID.fromString("0b5e3a4c-6d7e-4f80-9a1b-2c3d4e5f6a7b");
        fixture.givenCurrentTime(received).andGiven(registeredIn(Jurisdiction.EU), submitted)
                .when(new io.lethe.core.request.AddRequestNoteCommand(SUBJECT, REQUEST, note, "Called back; sends ID Monday."))
                .expectEvents(new io.lethe.core.request.RequestNoteAddedEvent(SUBJECT, REQUEST, note, "Called back; sends ID Monday."));
        // the same note again (a retry): nothing more
        fixture.givenCurrentTime(received).andGiven(registeredIn(Jurisdiction.EU), submitted,
                        new io.lethe.core.request.RequestNoteAddedEvent(SUBJECT, REQUEST, note, "Called back; sends ID Monday."))
                .when(new io.lethe.core.request.AddRequestNoteCommand(SUBJECT, REQUEST, note, "Called back; sends ID Monday."))
                .expectNoEvents().expectSuccessfulHandlerExecution();
        // a closed request still takes notes
        fixture.givenCurrentTime(received).andGiven(registeredIn(Jurisdiction.EU), submitted,
                        new RequestDeniedEvent(SUBJECT, REQUEST, RequestType.ACCESS, DenialReason.UNVERIFIABLE_IDENTITY, null))
                .when(new io.lethe.core.request.AddRequestNoteCommand(SUBJECT, REQUEST, note, "Subject phoned after the denial."))
                .expectEvents(new io.lethe.core.request.RequestNoteAddedEvent(SUBJECT, REQUEST, note, "Subject phoned after the denial."));
        // the limit: the 201st is refused and records nothing
        List<Object> history = new java.util.ArrayList<>(List.of(registeredIn(Jurisdiction.EU), submitted));
        for (int i = 0; i < io.lethe.core.request.AddRequestNoteCommand.MAX_NOTES; i++) {
            history.add(new io.lethe.core.request.RequestNoteAddedEvent(SUBJECT, REQUEST, java.util.UUID.randomUUID(), "note " + i));
        }
        fixture.givenCurrentTime(received).andGiven(history)
                .when(new io.lethe.core.request.AddRequestNoteCommand(SUBJECT, REQUEST, note, "one more"))
                .expectNoEvents()
                .expectException(RefusedException.class);
    }

    @Test
    void aRequestThatOwesNoFeeCannotSettleOne() {
        Instant received = at(2026, 11, 20, 10, Jurisdiction.JP);
        fixture.givenCurrentTime(received).andGiven(registeredIn(Jurisdiction.JP),
                        submitted(Jurisdiction.JP, RequestType.CORRECTION, received, true, LocalDate.of(2026, 12, 4), null, null))
                .when(new SettleRequestFeeCommand(SUBJECT, REQUEST, FeeSettlement.PAID, "receipt-1"))
                .expectNoEvents()
                .expectException(RefusedException.class);
    }

    @Test
    void japanGrantsNoExtension() {
        Instant received = at(2026, 11, 20, 10, Jurisdiction.JP);
        fixture.givenCurrentTime(received).andGiven(registeredIn(Jurisdiction.JP),
                        submitted(Jurisdiction.JP, RequestType.CORRECTION, received, true, LocalDate.of(2026, 12, 4), null, null))
                .when(new ExtendRequestDeadlineCommand(SUBJECT, REQUEST, ExtensionReason.COMPLEXITY,
                        LocalDate.of(2026, 11, 20), "notice-1"))
                .expectNoEvents()
                .expectExceptionMessage("The law of the subject's jurisdiction grants no extension for this request type.");
    }

    @Test
    void aCaliforniaRightToKnowIsDueIn45DaysWithReceiptConfirmedIn10BusinessDaysAndExtendsOnceTo90() {
        Instant received = at(2026, 11, 20, 10, Jurisdiction.US_CA); // a Friday
        LocalDate due = LocalDate.of(2027, 1, 4);                       // D+45
        PrivacyRequestSubmittedEvent submitted = submitted(Jurisdiction.US_CA, RequestType.KNOW_SPECIFIC_PIECES, received,
                true, due, LocalDate.of(2026, 12, 7), null);            // 10 business days: weekends and Thanksgiving skipped
        fixture.givenCurrentTime(received).andGiven(registeredIn(Jurisdiction.US_CA))
                .when(submit(RequestType.KNOW_SPECIFIC_PIECES))
                .expectEvents(submitted);

        LocalDate extended = LocalDate.of(2027, 2, 18);                 // D+90
        fixture.givenCurrentTime(at(2026, 12, 1, 9, Jurisdiction.US_CA)).andGiven(registeredIn(Jurisdiction.US_CA), submitted)
                .when(new ExtendRequestDeadlineCommand(SUBJECT, REQUEST, ExtensionReason.COMPLEXITY,
                        LocalDate.of(2026, 12, 1), "notice-1"))
                .expectEvents(new RequestDeadlineExtendedEvent(SUBJECT, REQUEST, ExtensionReason.COMPLEXITY,
                        LocalDate.of(2026, 12, 1), "notice-1", extended, ResponseRule.endOf(extended, Jurisdiction.US_CA.zone())));

        fixture.givenCurrentTime(at(2026, 12, 1, 9, Jurisdiction.US_CA)).andGiven(registeredIn(Jurisdiction.US_CA), submitted,
                        new RequestDeadlineExtendedEvent(SUBJECT, REQUEST, ExtensionReason.COMPLEXITY, LocalDate.of(2026, 12, 1),
                                "notice-1", extended, ResponseRule.endOf(extended, Jurisdiction.US_CA.zone())))
                .when(new ExtendRequestDeadlineCommand(SUBJECT, REQUEST, ExtensionReason.OTHER, LocalDate.of(2026, 12, 1), null))
                .expectNoEvents()
                .expectExceptionMessage("The deadline can be extended once, and already was.");
    }

    @Test
    void anExtensionNoticeAfterTheOriginalPeriodIsTooLate() {
        Instant received = at(2026, 11, 20, 10, Jurisdiction.US_CA);
        fixture.givenCurrentTime(at(2027, 1, 10, 9, Jurisdiction.US_CA)).andGiven(registeredIn(Jurisdiction.US_CA),
                        submitted(Jurisdiction.US_CA, RequestType.DELETION, received, true, LocalDate.of(2027, 1, 4),
                                LocalDate.of(2026, 12, 4), null))
                .when(new ExtendRequestDeadlineCommand(SUBJECT, REQUEST, ExtensionReason.COMPLEXITY,
                        LocalDate.of(2027, 1, 5), "notice-1"))
                .expectNoEvents()
                .expectException(RefusedException.class);
    }

    @Test
    @DisplayName("RULES.md rule 4: an EU request is due one month after receipt")
    void anEuRequestIsDueOneMonthLaterEvenAtTheEndOfAMonth() {
        Instant received = at(2027, 1, 31, 12, Jurisdiction.EU);
        fixture.givenCurrentTime(received).andGiven(registeredIn(Jurisdiction.EU))
                .when(submit(RequestType.ACCESS))
                .expectEvents(submitted(Jurisdiction.EU, RequestType.ACCESS, received, true, LocalDate.of(2027, 2, 28),
                        null, null));
    }

    @Test
    void anEuExtensionAddsTwoMonths() {
        Instant received = at(2026, 11, 20, 12, Jurisdiction.EU);
        LocalDate extended = LocalDate.of(2027, 2, 20);
        fixture.givenCurrentTime(at(2026, 12, 10, 9, Jurisdiction.EU)).andGiven(registeredIn(Jurisdiction.EU),
                        submitted(Jurisdiction.EU, RequestType.PORTABILITY, received, true, LocalDate.of(2026, 12, 20), null, null))
                .when(new ExtendRequestDeadlineCommand(SUBJECT, REQUEST, ExtensionReason.NUMBER_OF_REQUESTS,
                        LocalDate.of(2026, 12, 10), "notice-2"))
                .expectEvents(new RequestDeadlineExtendedEvent(SUBJECT, REQUEST, ExtensionReason.NUMBER_OF_REQUESTS,
                        LocalDate.of(2026, 12, 10), "notice-2", extended, ResponseRule.endOf(extended, Jurisdiction.EU.zone())));
    }

    @Test
    @DisplayName("UK: no extension while the clock waits for identity, which would fix the due date afresh and lose it")
    void noExtensionBeforeTheUkClockStarts() {
        Instant received = at(2026, 11, 2, 12, Jurisdiction.UK);
        fixture.givenCurrentTime(at(2026, 11, 10, 12, Jurisdiction.UK)).andGiven(registeredIn(Jurisdiction.UK),
                        submitted(Jurisdiction.UK, RequestType.ACCESS, received, true, LocalDate.of(2026, 12, 2), null, null))
                .when(new ExtendRequestDeadlineCommand(SUBJECT, REQUEST, ExtensionReason.COMPLEXITY,
                        LocalDate.of(2026, 11, 10), "notice-1"))
                .expectNoEvents()
                .expectExceptionMessage("The request's clock starts once identity is verified (UK); there is no period to extend before it.");
    }

    @Test
    void theUkClockRunsFromIdentityVerification() {
        Instant received = at(2026, 11, 2, 12, Jurisdiction.UK);
        LocalDate due = LocalDate.of(2027, 1, 9); // verified on 9 December: one month from then
        Instant verifiedAt = at(2026, 12, 9, 15, Jurisdiction.UK);
        fixture.givenCurrentTime(verifiedAt).andGiven(registeredIn(Jurisdiction.UK),
                        submitted(Jurisdiction.UK, RequestType.ERASURE, received, true, LocalDate.of(2026, 12, 2), null, null))
                .when(new VerifyIdentityCommand(SUBJECT, REQUEST, IdentityMethod.EMAIL_CONFIRMATION, "code-1"))
                .expectEvents(new IdentityVerifiedEvent(SUBJECT, REQUEST, IdentityMethod.EMAIL_CONFIRMATION, "code-1", due,
                        ResponseRule.endOf(due, Jurisdiction.UK.zone()), verifiedAt));
    }

    @Test
    @DisplayName("RULES.md, UK: the clock runs again from the day the identity evidence arrived, not the day it was recorded")
    void theUkClockRunsFromTheArrivalOfTheEvidence() {
        Instant received = at(2026, 11, 2, 12, Jurisdiction.UK);
        Instant evidenceArrived = at(2026, 11, 20, 9, Jurisdiction.UK);
        LocalDate due = LocalDate.of(2026, 12, 20);
        fixture.givenCurrentTime(at(2026, 12, 9, 15, Jurisdiction.UK)).andGiven(registeredIn(Jurisdiction.UK),
                        submitted(Jurisdiction.UK, RequestType.ERASURE, received, true, LocalDate.of(2026, 12, 2), null, null))
                .when(new VerifyIdentityCommand(SUBJECT, REQUEST, IdentityMethod.IDENTITY_DOCUMENT, "passport-check-1",
                        evidenceArrived))
                .expectEvents(new IdentityVerifiedEvent(SUBJECT, REQUEST, IdentityMethod.IDENTITY_DOCUMENT,
                        "passport-check-1", due, ResponseRule.endOf(due, Jurisdiction.UK.zone()), evidenceArrived));
    }

    @Test
    void identityEvidenceArrivesBetweenTheRequestAndNow() {
        Instant received = at(2026, 11, 2, 12, Jurisdiction.UK);
        Instant now = at(2026, 12, 9, 15, Jurisdiction.UK);
        for (Instant arrived : List.of(received.minusSeconds(1), now.plusSeconds(60))) {
            fixture.givenCurrentTime(now).andGiven(registeredIn(Jurisdiction.UK),
                            submitted(Jurisdiction.UK, RequestType.ERASURE, received, true, LocalDate.of(2026, 12, 2), null, null))
                    .when(new VerifyIdentityCommand(SUBJECT, REQUEST, IdentityMethod.IDENTITY_DOCUMENT, null, arrived))
                    .expectNoEvents()
                    .expectExceptionMessage("evidenceReceivedAt must lie between the request's receipt and now.");
        }
    }

    @Test
    @DisplayName("RULES.md, UK: no reminder and no overdue escalation while the clock stands awaiting identity")
    void theUkClockStandsStillWhileIdentityIsAwaited() {
        Instant received = at(2026, 11, 2, 12, Jurisdiction.UK);
        PrivacyRequestSubmittedEvent submitted = submitted(Jurisdiction.UK, RequestType.ACCESS, received, true,
                LocalDate.of(2026, 12, 2), null, null);
        fixture.givenCurrentTime(at(2026, 12, 9, 15, Jurisdiction.UK)).andGiven(registeredIn(Jurisdiction.UK), submitted)
                .when(new EscalateOverdueRequestCommand(SUBJECT, REQUEST))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.givenCurrentTime(at(2026, 11, 28, 15, Jurisdiction.UK)).andGiven(registeredIn(Jurisdiction.UK), submitted)
                .when(new RaiseRequestReminderCommand(SUBJECT, REQUEST))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        // the EU's clock does not stop: the same request there is overdue
        fixture.givenCurrentTime(at(2026, 12, 9, 15, Jurisdiction.EU)).andGiven(registeredIn(Jurisdiction.EU),
                        submitted(Jurisdiction.EU, RequestType.ACCESS, received, true, LocalDate.of(2026, 12, 2), null, null))
                .when(new EscalateOverdueRequestCommand(SUBJECT, REQUEST))
                .expectEvents(new RequestOverdueEvent(SUBJECT, REQUEST, LocalDate.of(2026, 12, 2)));
    }

    @Test
    @DisplayName("RULES.md, UK: a clock that restarts on verification owes its reminder and escalation anew")
    void verificationThatMovesTheDueDateResetsTheReminderAndTheEscalation() {
        Instant received = at(2026, 11, 2, 12, Jurisdiction.UK);
        LocalDate provisional = LocalDate.of(2026, 12, 2);
        LocalDate due = LocalDate.of(2027, 1, 9);
        // recorded before the clock stood still: a reminder and an escalation against the provisional date
        fixture.givenCurrentTime(at(2027, 1, 10, 9, Jurisdiction.UK)).andGiven(registeredIn(Jurisdiction.UK),
                        submitted(Jurisdiction.UK, RequestType.ACCESS, received, true, provisional, null, null),
                        new RequestReminderRaisedEvent(SUBJECT, REQUEST, provisional),
                        new RequestOverdueEvent(SUBJECT, REQUEST, provisional),
                        new IdentityVerifiedEvent(SUBJECT, REQUEST, IdentityMethod.IDENTITY_DOCUMENT, null, due,
                                ResponseRule.endOf(due, Jurisdiction.UK.zone()), at(2026, 12, 9, 15, Jurisdiction.UK)))
                .when(new EscalateOverdueRequestCommand(SUBJECT, REQUEST))
                .expectEvents(new RequestOverdueEvent(SUBJECT, REQUEST, due));
    }

    @Test
    @DisplayName("RULES.md rule 5: a TW copy request is due on D+15 (to D+30), a deletion on D+30 (to D+60)")
    void taiwanCopyIsDueIn15DaysAndDeletionIn30EachExtendableOnceBySamePeriod() {
        Instant received = at(2026, 11, 20, 10, Jurisdiction.TW);
        fixture.givenCurrentTime(received).andGiven(registeredIn(Jurisdiction.TW))
                .when(submit(RequestType.COPY))
                .expectEvents(submitted(Jurisdiction.TW, RequestType.COPY, received, true, LocalDate.of(2026, 12, 5), null, null));
        fixture.givenCurrentTime(received).andGiven(registeredIn(Jurisdiction.TW),
                        submitted(Jurisdiction.TW, RequestType.COPY, received, true, LocalDate.of(2026, 12, 5), null, null))
                .when(new ExtendRequestDeadlineCommand(SUBJECT, REQUEST, ExtensionReason.OTHER, LocalDate.of(2026, 11, 20), "letter-1"))
                .expectEvents(new RequestDeadlineExtendedEvent(SUBJECT, REQUEST, ExtensionReason.OTHER, LocalDate.of(2026, 11, 20),
                        "letter-1", LocalDate.of(2026, 12, 20), ResponseRule.endOf(LocalDate.of(2026, 12, 20), Jurisdiction.TW.zone())));
        assertThat(RULES.rule(Jurisdiction.TW, RequestType.DELETION).orElseThrow().dueOn(LocalDate.of(2026, 11, 20)))
                .isEqualTo(LocalDate.of(2026, 12, 20));
        assertThat(RULES.rule(Jurisdiction.TW, RequestType.DELETION).orElseThrow().extendedDueOn(LocalDate.of(2026, 12, 20)))
                .contains(LocalDate.of(2027, 1, 19));
    }

    @Test
    void aTypeTheJurisdictionDoesNotGrantIsRefusedNamingTheGrantedOnes() {
        fixture.given(registeredIn(Jurisdiction.JP))
                .when(submit(RequestType.PORTABILITY))
                .expectNoEvents()
                .expectException(RefusedException.class)
                .expectExceptionMessage("The law of the subject's jurisdiction (JP) does not grant this request type; it grants: "
                        + "disclosure, correction, cessation-of-use-or-deletion, cessation-of-provision.");
        fixture.given(registeredIn(Jurisdiction.US_CA))
                .when(submit(RequestType.ERASURE))
                .expectNoEvents()
                .expectException(RefusedException.class);
    }

    @Test
    void aRequestCannotBeReceivedInTheFuture() {
        Instant now = at(2026, 11, 20, 10, Jurisdiction.EU);
        fixture.givenCurrentTime(now).andGiven(registeredIn(Jurisdiction.EU))
                .when(new SubmitPrivacyRequestCommand(SUBJECT, REQUEST, RequestType.ACCESS, Requester.SUBJECT,
                        RequestChannel.EMAIL, now.plusSeconds(3600)))
                .expectNoEvents()
                .expectException(RefusedException.class);
    }

    @Test
    void anOptOutNeedsNoVerificationTakesEffectAtOnceAndIsNotRecordedTwice() {
        Instant received = at(2026, 11, 20, 10, Jurisdiction.US_CA);
        fixture.givenCurrentTime(received).andGiven(registeredIn(Jurisdiction.US_CA))
                .when(submit(RequestType.OPT_OUT_OF_SALE_SHARING))
                .expectEvents(
                        submitted(Jurisdiction.US_CA, RequestType.OPT_OUT_OF_SALE_SHARING, received, false,
                                LocalDate.of(2026, 12, 14), null, null), // 15 business days, Thanksgiving not one
                        new OptedOutOfSaleSharingEvent(SUBJECT, RequestChannel.WEB_FORM),
                        new RequestFulfilledEvent(SUBJECT, REQUEST, RequestType.OPT_OUT_OF_SALE_SHARING, "opt-out-recorded", null));
        fixture.givenCurrentTime(received).andGiven(registeredIn(Jurisdiction.US_CA),
                        new OptedOutOfSaleSharingEvent(SUBJECT, RequestChannel.GLOBAL_PRIVACY_CONTROL))
                .when(submit(RequestType.OPT_OUT_OF_SALE_SHARING))
                .expectEvents(
                        submitted(Jurisdiction.US_CA, RequestType.OPT_OUT_OF_SALE_SHARING, received, false,
                                LocalDate.of(2026, 12, 14), null, null),
                        new RequestFulfilledEvent(SUBJECT, REQUEST, RequestType.OPT_OUT_OF_SALE_SHARING, "opt-out-recorded", null));
    }

    @Test
    void aDeniedRequestIsClosed() {
        Instant received = at(2026, 11, 20, 10, Jurisdiction.EU);
        PrivacyRequestSubmittedEvent submitted = submitted(Jurisdiction.EU, RequestType.OBJECTION, received, true,
                LocalDate.of(2026, 12, 20), null, null);
        fixture.givenCurrentTime(received).andGiven(registeredIn(Jurisdiction.EU), submitted)
                .when(new DenyRequestCommand(SUBJECT, REQUEST, DenialReason.UNVERIFIABLE_IDENTITY, "letter-7"))
                .expectEvents(new RequestDeniedEvent(SUBJECT, REQUEST, RequestType.OBJECTION, DenialReason.UNVERIFIABLE_IDENTITY, "letter-7"));
        fixture.givenCurrentTime(received).andGiven(registeredIn(Jurisdiction.EU), submitted,
                        new RequestDeniedEvent(SUBJECT, REQUEST, RequestType.OBJECTION, DenialReason.UNVERIFIABLE_IDENTITY, "letter-7"))
                .when(new VerifyIdentityCommand(SUBJECT, REQUEST, IdentityMethod.IDENTITY_DOCUMENT, null))
                .expectNoEvents()
                .expectExceptionMessage("The request is already fulfilled or denied.");
    }

    @Test
    @DisplayName("A correction is fulfilled with its corrected values, together, and only once identity is verified")
    void aCorrectionChangesTheValuesAndIsFulfilledTogether() {
        Instant received = at(2026, 11, 20, 10, Jurisdiction.US_CA);
        PrivacyRequestSubmittedEvent submitted = submitted(Jurisdiction.US_CA, RequestType.CORRECTION, received, true,
                LocalDate.of(2027, 1, 4), LocalDate.of(2026, 12, 7), null);
        CorrectProfileCommand correct = new CorrectProfileCommand(SUBJECT, REQUEST, null, null, "mei.lin@example.com",
                "letter-9");
        fixture.givenCurrentTime(received).andGiven(registeredIn(Jurisdiction.US_CA), submitted)
                .when(correct)
                .expectNoEvents()
                .expectExceptionMessage("The request cannot be fulfilled before the requester's identity is verified.");
        fixture.givenCurrentTime(received).andGiven(registeredIn(Jurisdiction.US_CA), submitted, verified())
                .when(correct)
                .expectEvents(new ProfileUpdatedEvent(SUBJECT, null, null, "mei.lin@example.com", REQUEST),
                        new RequestFulfilledEvent(SUBJECT, REQUEST, RequestType.CORRECTION, "letter-9", null));
        fixture.givenCurrentTime(received).andGiven(registeredIn(Jurisdiction.US_CA), submitted, verified())
                .when(new CorrectProfileCommand(SUBJECT, REQUEST, null, null, null, "letter-9"))
                .expectNoEvents()
                .expectException(RefusedException.class);
        fixture.givenCurrentTime(received).andGiven(registeredIn(Jurisdiction.US_CA),
                        submitted(Jurisdiction.US_CA, RequestType.KNOW_SPECIFIC_PIECES, received, true, LocalDate.of(2027, 1, 4),
                                LocalDate.of(2026, 12, 7), null), verified())
                .when(correct)
                .expectNoEvents()
                .expectExceptionMessage("The request is not a correction, rectification or supplement request.");
        fixture.givenCurrentTime(received).andGiven(registeredIn(Jurisdiction.US_CA), submitted, verified(),
                        shredded(RetentionClass.PROFILE))
                .when(correct)
                .expectNoEvents()
                .expectException(RefusedException.class);
    }

    @Test
    void aProductServiceUpdatesTheProfileOfAnActiveAccountOnly() {
        fixture.given(registeredIn(Jurisdiction.EU))
                .when(new UpdateProfileCommand(SUBJECT, null, "Rue de la Loi 16, Brussels", "mei@example.be"))
                .expectEvents(new ProfileUpdatedEvent(SUBJECT, null, "Rue de la Loi 16, Brussels", "mei@example.be", null));
        fixture.given(registeredIn(Jurisdiction.EU), new AccountTerminatedEvent(SUBJECT, TerminationReason.SUBJECT_REQUEST))
                .when(new UpdateProfileCommand(SUBJECT, null, null, "mei@example.be"))
                .expectNoEvents()
                .expectException(RefusedException.class);
        fixture.given(registeredIn(Jurisdiction.EU))
                .when(new UpdateProfileCommand(SUBJECT, null, null, null))
                .expectNoEvents()
                .expectExceptionMessage("Give at least one of name, postalAddress, email.");
    }

    @Test
    void anUnknownRequestIsNotFound() {
        fixture.given(registeredIn(Jurisdiction.EU))
                .when(new DenyRequestCommand(SUBJECT, REQUEST, DenialReason.EXEMPTION, null))
                .expectNoEvents()
                .expectExceptionMessage("No request with this id is known for the subject.");
    }

    @Test
    void everyCommandForAnUnknownRequestOfASubjectWithOtherRequestsIsRefusedAsNotFound() {
        RequestId unknown = RequestId.of("0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e");
        List<Object> commands = List.of(
                new AcknowledgeRequestCommand(SUBJECT, unknown),
                new VerifyIdentityCommand(SUBJECT, unknown, IdentityMethod.IDENTITY_DOCUMENT, null),
                new SettleRequestFeeCommand(SUBJECT, unknown, FeeSettlement.PAID, null),
                new ExtendRequestDeadlineCommand(SUBJECT, unknown, ExtensionReason.COMPLEXITY, LocalDate.of(2026, 11, 21), null),
                new FulfilRequestCommand(SUBJECT, unknown, "response-1"),
                new DenyRequestCommand(SUBJECT, unknown, DenialReason.EXEMPTION, null),
                new RaiseRequestReminderCommand(SUBJECT, unknown),
                new EscalateUnacknowledgedRequestCommand(SUBJECT, unknown),
                new EscalateOverdueRequestCommand(SUBJECT, unknown),
                new DirectProcessorsCommand(SUBJECT, unknown, Map.of("email-delivery", Instant.parse("2026-12-01T00:00:00Z"))),
                new ConfirmProcessorCommand(SUBJECT, unknown, "email-delivery", null),
                new EscalateProcessorCommand(SUBJECT, unknown, "email-delivery"),
                new CorrectProfileCommand(SUBJECT, unknown, null, null, "mei.lin@example.com", null),
                new CompleteErasureCommand(SUBJECT, unknown),
                new RecordNoticeSentCommand(SUBJECT, unknown, NoticeKind.RECEIPT, "en", Instant.parse("2026-11-25T10:00:00Z"), "<n@x>"),
                new RecordNoticeUndeliveredCommand(SUBJECT, unknown, NoticeKind.DENIAL, 3, NoticeFailure.MAIL_REFUSED));
        for (Object command : commands) {
            fixture.givenCurrentTime(Instant.parse("2026-11-25T10:00:00Z"))
                    .andGiven(registeredIn(Jurisdiction.EU), erasureSubmitted(), verified())
                    .when(command)
                    .expectNoEvents()
                    .expectException(RefusedException.class)
                    .expectExceptionMessage("No request with this id is known for the subject.");
        }
    }

    @Test
    void aReceiptSentConfirmsReceiptOnceAndIsRecordedOnce() {
        Instant sentAt = Instant.parse("2026-11-25T10:00:05Z");
        RecordNoticeSentCommand receipt = new RecordNoticeSentCommand(SUBJECT, REQUEST, NoticeKind.RECEIPT, "en", sentAt, "<n1@lethe.example>");
        RequestNoticeSentEvent sent = new RequestNoticeSentEvent(SUBJECT, REQUEST, NoticeKind.RECEIPT, "en", sentAt, "<n1@lethe.example>");
        fixture.givenCurrentTime(Instant.parse("2026-11-25T10:00:00Z"))
                .andGiven(registeredIn(Jurisdiction.EU), erasureSubmitted())
                .when(receipt)
                .expectEvents(sent, new RequestAcknowledgedEvent(SUBJECT, REQUEST));
        fixture.givenCurrentTime(Instant.parse("2026-11-25T10:00:00Z"))
                .andGiven(registeredIn(Jurisdiction.EU), erasureSubmitted(), sent, new RequestAcknowledgedEvent(SUBJECT, REQUEST))
                .when(receipt)
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        // staff confirmed receipt by telephone first: the mail is recorded, the acknowledgement is not repeated
        fixture.givenCurrentTime(Instant.parse("2026-11-25T10:00:00Z"))
                .andGiven(registeredIn(Jurisdiction.EU), erasureSubmitted(), new RequestAcknowledgedEvent(SUBJECT, REQUEST))
                .when(receipt)
                .expectEvents(sent);
    }

    @Test
    void aDenialNoticeFollowsTheClosedRequestAndAnUndeliveredOneIsRecordedUnlessItWasSent() {
        Instant now = Instant.parse("2026-11-26T10:00:00Z");
        RequestDeniedEvent denied = new RequestDeniedEvent(SUBJECT, REQUEST, RequestType.ERASURE, DenialReason.LEGAL_OBLIGATION, null);
        fixture.givenCurrentTime(now)
                .andGiven(registeredIn(Jurisdiction.EU), erasureSubmitted(), denied)
                .when(new RecordNoticeSentCommand(SUBJECT, REQUEST, NoticeKind.DENIAL, "en", now, "<n2@lethe.example>"))
                .expectEvents(new RequestNoticeSentEvent(SUBJECT, REQUEST, NoticeKind.DENIAL, "en", now, "<n2@lethe.example>"));
        fixture.givenCurrentTime(now)
                .andGiven(registeredIn(Jurisdiction.EU), erasureSubmitted(), denied)
                .when(new RecordNoticeUndeliveredCommand(SUBJECT, REQUEST, NoticeKind.DENIAL, 5, NoticeFailure.MAIL_UNREACHABLE))
                .expectEvents(new RequestNoticeUndeliveredEvent(SUBJECT, REQUEST, NoticeKind.DENIAL, 5, NoticeFailure.MAIL_UNREACHABLE));
        fixture.givenCurrentTime(now)
                .andGiven(registeredIn(Jurisdiction.EU), erasureSubmitted(), denied,
                        new RequestNoticeSentEvent(SUBJECT, REQUEST, NoticeKind.DENIAL, "en", now, "<n2@lethe.example>"))
                .when(new RecordNoticeUndeliveredCommand(SUBJECT, REQUEST, NoticeKind.DENIAL, 5, NoticeFailure.MAIL_UNREACHABLE))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void eachOfTwoOpenRequestsIsChangedOnlyByItsOwnEvents() {
        RequestId other = RequestId.of("1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f");
        Instant received = at(2026, 11, 20, 10, Jurisdiction.EU);
        LocalDate due = LocalDate.of(2026, 12, 20);
        PrivacyRequestSubmittedEvent access = submitted(Jurisdiction.EU, RequestType.ACCESS, received, true, due, null, null);
        PrivacyRequestSubmittedEvent otherAccess = new PrivacyRequestSubmittedEvent(SUBJECT, other, Jurisdiction.EU,
                RequestType.ACCESS, Requester.SUBJECT, RequestChannel.EMAIL, received, true, due,
                ResponseRule.endOf(due, Jurisdiction.EU.zone()), null, null, false);
        Object[] firstAnsweredAndClosed = {registeredIn(Jurisdiction.EU), access, otherAccess,
                new RequestAcknowledgedEvent(SUBJECT, REQUEST), verified(),
                new RequestReminderRaisedEvent(SUBJECT, REQUEST, due),
                new RequestFulfilledEvent(SUBJECT, REQUEST, RequestType.ACCESS, "response-1", null)};
        fixture.givenCurrentTime(received).andGiven(firstAnsweredAndClosed)
                .when(new AcknowledgeRequestCommand(SUBJECT, other))
                .expectEvents(new RequestAcknowledgedEvent(SUBJECT, other));
        fixture.givenCurrentTime(received).andGiven(firstAnsweredAndClosed)
                .when(new FulfilRequestCommand(SUBJECT, other, "response-2"))
                .expectNoEvents()
                .expectExceptionMessage("The request cannot be fulfilled before the requester's identity is verified.");
        fixture.givenCurrentTime(at(2026, 12, 15, 10, Jurisdiction.EU)).andGiven(firstAnsweredAndClosed)
                .when(new RaiseRequestReminderCommand(SUBJECT, other))
                .expectEvents(new RequestReminderRaisedEvent(SUBJECT, other, due));
        fixture.givenCurrentTime(received).andGiven(firstAnsweredAndClosed)
                .when(new DenyRequestCommand(SUBJECT, other, DenialReason.EXEMPTION, null))
                .expectEvents(new RequestDeniedEvent(SUBJECT, other, RequestType.ACCESS, DenialReason.EXEMPTION, null));
        fixture.givenCurrentTime(received).andGiven(firstAnsweredAndClosed)
                .when(new AcknowledgeRequestCommand(SUBJECT, REQUEST))
                .expectNoEvents()
                .expectExceptionMessage("The request is already fulfilled or denied.");
    }

    @Test
    void remindersAndEscalationsComeOnceAndOnlyForOpenRequestsPastTheirDate() {
        Instant received = at(2026, 11, 20, 10, Jurisdiction.EU);
        LocalDate due = LocalDate.of(2026, 12, 20);
        PrivacyRequestSubmittedEvent submitted = submitted(Jurisdiction.EU, RequestType.ACCESS, received, true, due, null, null);
        fixture.givenCurrentTime(received).andGiven(registeredIn(Jurisdiction.EU), submitted)
                .when(new RaiseRequestReminderCommand(SUBJECT, REQUEST))
                .expectEvents(new RequestReminderRaisedEvent(SUBJECT, REQUEST, due));
        fixture.givenCurrentTime(received).andGiven(registeredIn(Jurisdiction.EU), submitted,
                        new RequestReminderRaisedEvent(SUBJECT, REQUEST, due))
                .when(new RaiseRequestReminderCommand(SUBJECT, REQUEST))
                .expectNoEvents();
        // before the end of the due day (Brussels time) nothing is overdue
        fixture.givenCurrentTime(at(2026, 12, 20, 23, Jurisdiction.EU)).andGiven(registeredIn(Jurisdiction.EU), submitted)
                .when(new EscalateOverdueRequestCommand(SUBJECT, REQUEST))
                .expectNoEvents();
        fixture.givenCurrentTime(at(2026, 12, 21, 0, Jurisdiction.EU)).andGiven(registeredIn(Jurisdiction.EU), submitted)
                .when(new EscalateOverdueRequestCommand(SUBJECT, REQUEST))
                .expectEvents(new RequestOverdueEvent(SUBJECT, REQUEST, due));
        fixture.givenCurrentTime(at(2026, 12, 22, 0, Jurisdiction.EU)).andGiven(registeredIn(Jurisdiction.EU), submitted,
                        new RequestDeniedEvent(SUBJECT, REQUEST, RequestType.ACCESS, DenialReason.EXEMPTION, null))
                .when(new EscalateOverdueRequestCommand(SUBJECT, REQUEST))
                .expectNoEvents();
    }

    @Test
    void anUnconfirmedCaliforniaReceiptIsEscalatedAfterItsTenthBusinessDay() {
        Instant received = at(2026, 11, 20, 10, Jurisdiction.US_CA);
        PrivacyRequestSubmittedEvent submitted = submitted(Jurisdiction.US_CA, RequestType.DELETION, received, true,
                LocalDate.of(2027, 1, 4), LocalDate.of(2026, 12, 4), null);
        fixture.givenCurrentTime(at(2026, 12, 4, 23, Jurisdiction.US_CA)).andGiven(registeredIn(Jurisdiction.US_CA), submitted)
                .when(new EscalateUnacknowledgedRequestCommand(SUBJECT, REQUEST))
                .expectNoEvents();
        fixture.givenCurrentTime(at(2026, 12, 5, 0, Jurisdiction.US_CA)).andGiven(registeredIn(Jurisdiction.US_CA), submitted)
                .when(new EscalateUnacknowledgedRequestCommand(SUBJECT, REQUEST))
                .expectEvents(new RequestAcknowledgementOverdueEvent(SUBJECT, REQUEST, LocalDate.of(2026, 12, 4)));
        fixture.givenCurrentTime(at(2026, 12, 5, 0, Jurisdiction.US_CA)).andGiven(registeredIn(Jurisdiction.US_CA), submitted,
                        new RequestAcknowledgedEvent(SUBJECT, REQUEST))
                .when(new EscalateUnacknowledgedRequestCommand(SUBJECT, REQUEST))
                .expectNoEvents();
    }

    // --- the erasure steps ---

    @Test
    void anErasureIsNotFulfilledByHandNorStartedBeforeIdentity() {
        fixture.given(registeredIn(Jurisdiction.EU), erasureSubmitted())
                .when(new FulfilRequestCommand(SUBJECT, REQUEST, "done"))
                .expectNoEvents()
                .expectException(RefusedException.class);
        fixture.given(registeredIn(Jurisdiction.EU), erasureSubmitted())
                .when(new DirectProcessorsCommand(SUBJECT, REQUEST, Map.of("email-delivery", Instant.now())))
                .expectNoEvents()
                .expectExceptionMessage("The request cannot be fulfilled before the requester's identity is verified.");
    }

    @Test
    void aSecondErasureWhileOneIsOpenIsRefused() {
        fixture.given(registeredIn(Jurisdiction.EU), erasureSubmitted())
                .when(new SubmitPrivacyRequestCommand(SUBJECT, RequestId.random(), RequestType.ERASURE, Requester.SUBJECT,
                        RequestChannel.EMAIL, null))
                .expectNoEvents()
                .expectException(RefusedException.class);
    }

    @Test
    @DisplayName("CCPA Regs §7023(c): processors follow a correction once its values are corrected, and confirm after it is fulfilled")
    void processorsAreDirectedToCorrectAfterTheCorrectionAndConfirmWhenTheyHaveDoneIt() {
        Instant received = at(2026, 11, 20, 10, Jurisdiction.US_CA);
        Instant confirmBy = Instant.parse("2026-12-01T00:00:00Z");
        PrivacyRequestSubmittedEvent submitted = submitted(Jurisdiction.US_CA, RequestType.CORRECTION, received, true,
                LocalDate.of(2027, 1, 4), LocalDate.of(2026, 12, 7), null);
        ProfileUpdatedEvent corrected = new ProfileUpdatedEvent(SUBJECT, null, "2 Elm St, Fresno", "mei.lin@example.com", REQUEST);
        RequestFulfilledEvent fulfilled = new RequestFulfilledEvent(SUBJECT, REQUEST, RequestType.CORRECTION, "letter-9", null);
        fixture.givenCurrentTime(received).andGiven(registeredIn(Jurisdiction.US_CA), submitted, verified())
                .when(new DirectProcessorsCommand(SUBJECT, REQUEST, Map.of("email-delivery", confirmBy)))
                .expectNoEvents()
                .expectException(RefusedException.class);
        fixture.givenCurrentTime(received).andGiven(registeredIn(Jurisdiction.US_CA), submitted, verified(), corrected, fulfilled)
                .when(new DirectProcessorsCommand(SUBJECT, REQUEST, Map.of("email-delivery", confirmBy)))
                .expectEvents(new CorrectionRequestedAtProcessorEvent(SUBJECT, REQUEST, "email-delivery", confirmBy,
                        List.of("postalAddress", "email")));
        CorrectionRequestedAtProcessorEvent asked = new CorrectionRequestedAtProcessorEvent(SUBJECT, REQUEST, "email-delivery",
                confirmBy, List.of("postalAddress", "email"));
        fixture.givenCurrentTime(received).andGiven(registeredIn(Jurisdiction.US_CA), submitted, verified(), corrected, fulfilled,
                        asked)
                .when(new ConfirmProcessorCommand(SUBJECT, REQUEST, "email-delivery", "crm-7"))
                .expectEvents(new ProcessorCorrectionConfirmedEvent(SUBJECT, REQUEST, "email-delivery", "crm-7"));
        fixture.givenCurrentTime(received).andGiven(registeredIn(Jurisdiction.US_CA), submitted, verified(), corrected, fulfilled,
                        asked)
                .when(new EscalateProcessorCommand(SUBJECT, REQUEST, "email-delivery"))
                .expectEvents(new ProcessorCorrectionOverdueEvent(SUBJECT, REQUEST, "email-delivery", confirmBy));
        fixture.givenCurrentTime(received).andGiven(registeredIn(Jurisdiction.US_CA), submitted, verified(), corrected, fulfilled,
                        asked, new ProcessorCorrectionConfirmedEvent(SUBJECT, REQUEST, "email-delivery", "crm-7"))
                .when(new EscalateProcessorCommand(SUBJECT, REQUEST, "email-delivery"))
                .expectNoEvents();
    }

    @Test
    void processorsAreAskedOnceAndConfirmOnce() {
        Instant confirmBy = Instant.parse("2026-12-01T00:00:00Z");
        fixture.given(registeredIn(Jurisdiction.EU), erasureSubmitted(), verified())
                .when(new DirectProcessorsCommand(SUBJECT, REQUEST, Map.of("email-delivery", confirmBy)))
                .expectEvents(new DeletionRequestedAtProcessorEvent(SUBJECT, REQUEST, "email-delivery", confirmBy));
        fixture.given(registeredIn(Jurisdiction.EU), erasureSubmitted(), verified(),
                        new DeletionRequestedAtProcessorEvent(SUBJECT, REQUEST, "email-delivery", confirmBy))
                .when(new DirectProcessorsCommand(SUBJECT, REQUEST, Map.of("email-delivery", confirmBy)))
                .expectNoEvents();
        fixture.given(registeredIn(Jurisdiction.EU), erasureSubmitted(), verified(),
                        new DeletionRequestedAtProcessorEvent(SUBJECT, REQUEST, "email-delivery", confirmBy),
                        new ProcessorDeletionConfirmedEvent(SUBJECT, REQUEST, "email-delivery", "ticket-1"))
                .when(new ConfirmProcessorCommand(SUBJECT, REQUEST, "email-delivery", "ticket-1"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(registeredIn(Jurisdiction.EU), erasureSubmitted(), verified())
                .when(new ConfirmProcessorCommand(SUBJECT, REQUEST, "analytics", "ticket-2"))
                .expectNoEvents()
                .expectException(RefusedException.class);
    }

    @Test
    @DisplayName("RULES.md rule 20: a processor that misses its timeout escalates and the request is not fulfilled")
    void aProcessorThatDoesNotConfirmEscalatesAndTheErasureCannotComplete() {
        Instant confirmBy = Instant.parse("2026-12-01T00:00:00Z");
        DeletionRequestedAtProcessorEvent asked = new DeletionRequestedAtProcessorEvent(SUBJECT, REQUEST, "email-delivery", confirmBy);
        fixture.given(registeredIn(Jurisdiction.EU), erasureSubmitted(), verified(), asked)
                .when(new EscalateProcessorCommand(SUBJECT, REQUEST, "email-delivery"))
                .expectEvents(new ProcessorDeletionOverdueEvent(SUBJECT, REQUEST, "email-delivery", confirmBy));
        fixture.given(registeredIn(Jurisdiction.EU), erasureSubmitted(), verified(), asked,
                        new ProcessorDeletionOverdueEvent(SUBJECT, REQUEST, "email-delivery", confirmBy))
                .when(new CompleteErasureCommand(SUBJECT, REQUEST))
                .expectNoEvents()
                .expectExceptionMessage("Not every processor has confirmed its deletion yet.");
        assertThat(keys.shredded).isEmpty();
    }

    @Test
    void completingTheErasureShredsEveryClassAndFulfilsWithACertificate() {
        Instant now = Instant.parse("2026-11-25T10:00:00Z");
        fixture.givenCurrentTime(now).andGiven(registeredIn(Jurisdiction.EU), erasureSubmitted(), verified(),
                        new DeletionRequestedAtProcessorEvent(SUBJECT, REQUEST, "email-delivery", now),
                        new ProcessorDeletionConfirmedEvent(SUBJECT, REQUEST, "email-delivery", "ticket-1"))
                .when(new CompleteErasureCommand(SUBJECT, REQUEST))
                .expectEvents(
                        shredded(RetentionClass.PROFILE), shredded(RetentionClass.FINANCIAL),
                        shredded(RetentionClass.USAGE), shredded(RetentionClass.COMMUNICATIONS),
                        new RequestFulfilledEvent(SUBJECT, REQUEST, RequestType.ERASURE, "request:" + REQUEST,
                                new ErasureCertificate(ErasureCertificate.CRYPTO_SHREDDING, EnumSet.allOf(RetentionClass.class),
                                        EnumSet.noneOf(RetentionClass.class), List.of(), List.of("email-delivery"), now)));
        assertThat(keys.shredded).hasSize(4);
    }

    @Test
    void aLegalHoldKeepsItsClassesAndTheCertificateSaysSo() {
        Instant now = Instant.parse("2026-11-25T10:00:00Z");
        fixture.givenCurrentTime(now).andGiven(registeredIn(Jurisdiction.EU), erasureSubmitted(), verified(),
                        new LegalHoldPlacedEvent(SUBJECT, "hold-1", Set.of(RetentionClass.FINANCIAL), "case-1"))
                .when(new CompleteErasureCommand(SUBJECT, REQUEST))
                .expectEvents(
                        shredded(RetentionClass.PROFILE), shredded(RetentionClass.USAGE), shredded(RetentionClass.COMMUNICATIONS),
                        new ShreddingWithheldEvent(SUBJECT, EnumSet.of(RetentionClass.FINANCIAL), List.of("hold-1"),
                                ShreddingReason.ERASURE_REQUEST, "request:" + REQUEST),
                        new RequestFulfilledEvent(SUBJECT, REQUEST, RequestType.ERASURE, "request:" + REQUEST,
                                new ErasureCertificate(ErasureCertificate.CRYPTO_SHREDDING,
                                        EnumSet.of(RetentionClass.PROFILE, RetentionClass.USAGE, RetentionClass.COMMUNICATIONS),
                                        EnumSet.of(RetentionClass.FINANCIAL), List.of("hold-1"), List.of(), now)));
    }

    @Test
    void releasingTheHoldThatKeptPartOfAnErasureShredsItAndReissuesTheCertificate() {
        Instant fulfilledAt = Instant.parse("2026-11-25T10:00:00Z");
        Instant releasedAt = Instant.parse("2026-12-02T09:00:00Z");
        fixture.givenCurrentTime(releasedAt).andGiven(registeredIn(Jurisdiction.EU), erasureSubmitted(), verified(),
                        new LegalHoldPlacedEvent(SUBJECT, "hold-1", Set.of(RetentionClass.FINANCIAL), "case-1"),
                        shredded(RetentionClass.PROFILE), shredded(RetentionClass.USAGE), shredded(RetentionClass.COMMUNICATIONS),
                        new ShreddingWithheldEvent(SUBJECT, EnumSet.of(RetentionClass.FINANCIAL), List.of("hold-1"),
                                ShreddingReason.ERASURE_REQUEST, "request:" + REQUEST),
                        new RequestFulfilledEvent(SUBJECT, REQUEST, RequestType.ERASURE, "request:" + REQUEST,
                                new ErasureCertificate(ErasureCertificate.CRYPTO_SHREDDING,
                                        EnumSet.of(RetentionClass.PROFILE, RetentionClass.USAGE, RetentionClass.COMMUNICATIONS),
                                        EnumSet.of(RetentionClass.FINANCIAL), List.of("hold-1"), List.of("email-delivery"),
                                        fulfilledAt)))
                .when(new ReleaseLegalHoldCommand(SUBJECT, "hold-1"))
                .expectEvents(new LegalHoldReleasedEvent(SUBJECT, "hold-1"), shredded(RetentionClass.FINANCIAL),
                        new ErasureCertificateReissuedEvent(SUBJECT, REQUEST, new ErasureCertificate(
                                ErasureCertificate.CRYPTO_SHREDDING, EnumSet.allOf(RetentionClass.class),
                                EnumSet.noneOf(RetentionClass.class), List.of(), List.of("email-delivery"), releasedAt)));
        assertThat(keys.shredded).containsExactly(SUBJECT + "/FINANCIAL");
    }

    @Test
    void completingAnErasureTwiceRecordsNothingTheSecondTime() {
        Instant now = Instant.parse("2026-11-25T10:00:00Z");
        fixture.givenCurrentTime(now).andGiven(registeredIn(Jurisdiction.EU), erasureSubmitted(), verified(),
                        new RequestFulfilledEvent(SUBJECT, REQUEST, RequestType.ERASURE, "request:" + REQUEST, null))
                .when(new CompleteErasureCommand(SUBJECT, REQUEST))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    private static PersonalDataShreddedEvent shredded(RetentionClass retentionClass) {
        return new PersonalDataShreddedEvent(SUBJECT, retentionClass, ShreddingReason.ERASURE_REQUEST, "request:" + REQUEST);
    }

    private static PrivacyRequestSubmittedEvent erasureSubmitted() {
        return submitted(Jurisdiction.EU, RequestType.ERASURE, Instant.parse("2026-11-20T10:00:00Z"), true,
                LocalDate.of(2026, 12, 20), null, null);
    }

    private static IdentityVerifiedEvent verified() {
        return new IdentityVerifiedEvent(SUBJECT, REQUEST, IdentityMethod.AUTHENTICATED_SESSION, null,
                LocalDate.of(2026, 12, 20), ResponseRule.endOf(LocalDate.of(2026, 12, 20), Jurisdiction.EU.zone()), null);
    }

    private static SubmitPrivacyRequestCommand submit(RequestType type) {
        return new SubmitPrivacyRequestCommand(SUBJECT, REQUEST, type, Requester.SUBJECT, RequestChannel.WEB_FORM, null);
    }

    private static PrivacyRequestSubmittedEvent submitted(Jurisdiction jurisdiction, RequestType type, Instant received,
                                                          boolean identity, LocalDate due, LocalDate acknowledgeBy, Money fee) {
        return new PrivacyRequestSubmittedEvent(SUBJECT, REQUEST, jurisdiction, type, Requester.SUBJECT,
                RequestChannel.WEB_FORM, received, identity, due, ResponseRule.endOf(due, jurisdiction.zone()),
                acknowledgeBy, fee, identity && jurisdiction == Jurisdiction.UK);
    }

    static AccountRegisteredEvent registeredIn(Jurisdiction jurisdiction) {
        return new AccountRegisteredEvent(SUBJECT, jurisdiction, "Mei Lin", LocalDate.of(1988, 2, 29),
                "No. 7, Section 5, Xinyi Road, Taipei", "mei@example.tw", null, null);
    }

    /** An instant on a day at an hour in the jurisdiction's zone. */
    private static Instant at(int year, int month, int day, int hour, Jurisdiction jurisdiction) {
        return ZonedDateTime.of(year, month, day, hour, 0, 0, 0, jurisdiction.zone()).toInstant();
    }
}
