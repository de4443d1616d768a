package io.lethe.command.subject;

import io.lethe.core.activity.ActivityKind;
import io.lethe.core.activity.ActivityRecordedEvent;
import io.lethe.core.activity.CommunicationKind;
import io.lethe.core.activity.CommunicationRecordedEvent;
import io.lethe.core.activity.InferenceRecordedEvent;
import io.lethe.core.activity.RecordActivityCommand;
import io.lethe.core.activity.RecordCommunicationCommand;
import io.lethe.core.activity.RecordInferenceCommand;
import io.lethe.core.activity.ShredUsagePeriodCommand;
import io.lethe.core.activity.UsageActivity;
import io.lethe.core.activity.UsagePeriodOpenedEvent;
import io.lethe.core.activity.UsagePeriodShreddedEvent;
import io.lethe.core.jurisdiction.Jurisdiction;
import io.lethe.core.personaldata.DataCategory;
import io.lethe.core.personaldata.RetentionClass;
import io.lethe.core.personaldata.UsagePeriods;
import io.lethe.core.refusal.RefusedException;
import io.lethe.core.request.PrivacyRequestSubmittedEvent;
import io.lethe.core.request.RequestChannel;
import io.lethe.core.request.RequestFulfilledEvent;
import io.lethe.core.request.RequestId;
import io.lethe.core.request.RequestType;
import io.lethe.core.request.ResponseRule;
import io.lethe.core.subject.AccountRegisteredEvent;
import io.lethe.core.subject.AccountTerminatedEvent;
import io.lethe.core.subject.LegalHoldPlacedEvent;
import io.lethe.core.subject.ReleaseLegalHoldCommand;
import io.lethe.core.subject.LegalHoldReleasedEvent;
import io.lethe.core.subject.PersonalDataShreddedEvent;
import io.lethe.core.subject.Requester;
import io.lethe.core.subject.ShredPersonalDataCommand;
import io.lethe.core.subject.ShreddingReason;
import io.lethe.core.subject.ShreddingWithheldEvent;
import io.lethe.core.subject.SubjectId;
import io.lethe.core.subject.TerminationReason;
import org.axonframework.messaging.interceptors.JSR303ViolationException;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Network activity, communications and inferences (CCPA D, E, F), and the rolling retention of usage data. */
class UsageDataTest {

    private static final SubjectId SUBJECT = SubjectId.of("3c2b1a09-8f7e-4d6c-9b5a-4f3e2d1c0b9a");
    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    private static final String DECEMBER = "2026-12-01T00:00:00Z";
    private static final String NOVEMBER = "2026-11-01T00:00:00Z";
    private static final UUID INFERENCE = UUID.fromString("7f6e5d4c-3b2a-4190-8f7e-6d5c4b3a2910");

    private final DataSubjectTest.RecordingKeys keys = new DataSubjectTest.RecordingKeys();
    private FixtureConfiguration<DataSubject> fixture;

    @BeforeEach
    void setUp() {
        fixture = Fixtures.dataSubject(keys);
    }

    @Test
    void activityIsFiledUnderTheMonthItHappenedInAndEachNewMonthOpensItsPeriod() {
        UsageActivity late = activity(Instant.parse("2026-11-30T23:59:00Z"), "viewed");
        UsageActivity early = activity(Instant.parse("2026-12-01T00:01:00Z"), "clicked");
        UsageActivity now = activity(NOW, "searched");
        fixture.givenCurrentTime(NOW).andGiven(registered())
                .when(new RecordActivityCommand(SUBJECT, List.of(early, late, now)))
                .expectEvents(
                        new UsagePeriodOpenedEvent(SUBJECT, NOVEMBER, Instant.parse("2028-01-01T00:00:00Z")),
                        new ActivityRecordedEvent(SUBJECT, NOVEMBER, 1, List.of(late)),
                        new UsagePeriodOpenedEvent(SUBJECT, DECEMBER, Instant.parse("2028-02-01T00:00:00Z")),
                        new ActivityRecordedEvent(SUBJECT, DECEMBER, 2, List.of(early, now)));
        // a period already open is not opened again
        fixture.givenCurrentTime(NOW).andGiven(registered(), new UsagePeriodOpenedEvent(SUBJECT, DECEMBER,
                        Instant.parse("2028-02-01T00:00:00Z")))
                .when(new RecordActivityCommand(SUBJECT, List.of(now)))
                .expectEvents(new ActivityRecordedEvent(SUBJECT, DECEMBER, 1, List.of(now)));
    }

    @Test
    void activityFromTheFutureOrOlderThanUsageDataIsKeptIsRefusedWhole() {
        fixture.givenCurrentTime(NOW).andGiven(registered())
                .when(new RecordActivityCommand(SUBJECT, List.of(activity(NOW, "viewed"),
                        activity(NOW.plusSeconds(3_600), "clicked"))))
                .expectNoEvents()
                .expectExceptionMessage("An activity's occurredAt lies in the future.");
        // October 2025 ends 1 November 2025; kept 13 months, it was shredded on 1 December 2026
        fixture.givenCurrentTime(NOW).andGiven(registered())
                .when(new RecordActivityCommand(SUBJECT, List.of(activity(NOW, "viewed"),
                        activity(Instant.parse("2025-10-31T12:00:00Z"), "clicked"))))
                .expectNoEvents()
                .expectException(RefusedException.class);
        // November 2025 is kept until 1 January 2027
        UsageActivity old = activity(Instant.parse("2025-11-02T12:00:00Z"), "clicked");
        fixture.givenCurrentTime(NOW).andGiven(registered())
                .when(new RecordActivityCommand(SUBJECT, List.of(old)))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void aPeriodShreddedByTheRollingRetentionTakesNoMoreActivity() {
        fixture.givenCurrentTime(NOW).andGiven(registered(),
                        new UsagePeriodOpenedEvent(SUBJECT, DECEMBER, Instant.parse("2028-02-01T00:00:00Z")),
                        new UsagePeriodShreddedEvent(SUBJECT, DECEMBER, "staff"))
                .when(new RecordActivityCommand(SUBJECT, List.of(activity(NOW, "viewed"))))
                .expectNoEvents()
                .expectException(RefusedException.class);
    }

    @Test
    void aRetriedBatchRecordsEachPieceTheServiceIdentifiedOnce() {
        UsageActivity first = identified(NOW.minusSeconds(60), "viewed", "evt-1");
        UsageActivity second = identified(NOW.minusSeconds(30), "clicked", "evt-2");
        UsageActivity third = identified(NOW, "searched", "evt-3");
        fixture.givenCurrentTime(NOW).andGiven(registered())
                .andGivenCommands(new RecordActivityCommand(SUBJECT, List.of(first, second)))
                .when(new RecordActivityCommand(SUBJECT, List.of(first, second, third)))
                .expectEvents(new ActivityRecordedEvent(SUBJECT, periodOf(NOW), 1, List.of(third)))
                .expectResultMessagePayload(1);
    }

    @Test
    void aBatchSentAgainWholeRecordsNothingAndAPieceTwiceInOneBatchOnce() {
        UsageActivity first = identified(NOW.minusSeconds(60), "viewed", "evt-1");
        fixture.givenCurrentTime(NOW).andGiven(registered())
                .andGivenCommands(new RecordActivityCommand(SUBJECT, List.of(first)))
                .when(new RecordActivityCommand(SUBJECT, List.of(first)))
                .expectNoEvents()
                .expectResultMessagePayload(0);
        fixture.givenCurrentTime(NOW).andGiven(registered())
                .when(new RecordActivityCommand(SUBJECT, List.of(first, first)))
                .expectEvents(new UsagePeriodOpenedEvent(SUBJECT, periodOf(NOW), UsagePeriods.DEFAULT.shredAt(periodOf(NOW))),
                        new ActivityRecordedEvent(SUBJECT, periodOf(NOW), 1, List.of(first)))
                .expectResultMessagePayload(1);
    }

    @Test
    void piecesWithoutAnIdentifierAreNeverTakenForOnesAlreadyRecorded() {
        UsageActivity anonymous = activity(NOW, "viewed");
        fixture.givenCurrentTime(NOW).andGiven(registered())
                .andGivenCommands(new RecordActivityCommand(SUBJECT, List.of(anonymous)))
                .when(new RecordActivityCommand(SUBJECT, List.of(anonymous)))
                .expectEvents(new ActivityRecordedEvent(SUBJECT, periodOf(NOW), 1, List.of(anonymous)))
                .expectResultMessagePayload(1);
    }

    @Test
    void aMalformedPieceOrACardNumberRefusesTheCommand() {
        fixture.givenCurrentTime(NOW).andGiven(registered())
                .when(new RecordActivityCommand(SUBJECT, List.of(new UsageActivity(NOW, ActivityKind.APPLICATION, "searched",
                        "search", "4111 1111 1111 1111", "US-CA"))))
                .expectNoEvents()
                .expectException(JSR303ViolationException.class);
        fixture.givenCurrentTime(NOW).andGiven(registered())
                .when(new RecordActivityCommand(SUBJECT, List.of(new UsageActivity(NOW, ActivityKind.APPLICATION, "viewed",
                        "home", null, "Tokyo, Shibuya 1-2-3"))))
                .expectNoEvents()
                .expectException(JSR303ViolationException.class);
    }

    @Test
    void aTerminatedAccountOrARestrictionStopsTheCollectionOfActivity() {
        fixture.givenCurrentTime(NOW).andGiven(registered(), new AccountTerminatedEvent(SUBJECT, TerminationReason.SUBJECT_REQUEST))
                .when(new RecordActivityCommand(SUBJECT, List.of(activity(NOW, "viewed"))))
                .expectNoEvents()
                .expectException(RefusedException.class);
        fixture.givenCurrentTime(NOW).andGiven(registeredIn(Jurisdiction.EU))
                .andGiven(fulfilled(Jurisdiction.EU, RequestType.RESTRICTION))
                .when(new RecordActivityCommand(SUBJECT, List.of(activity(NOW, "viewed"))))
                .expectNoEvents()
                .expectException(RefusedException.class);
    }

    @Test
    void theRollingRetentionShredsOnePeriodsKeyAndNothingElse() {
        fixture.givenCurrentTime(NOW).andGiven(registered(),
                        new UsagePeriodOpenedEvent(SUBJECT, NOVEMBER, Instant.parse("2028-01-01T00:00:00Z")),
                        new UsagePeriodOpenedEvent(SUBJECT, DECEMBER, Instant.parse("2028-02-01T00:00:00Z")))
                .when(new ShredUsagePeriodCommand(SUBJECT, NOVEMBER, "saga"))
                .expectEvents(new UsagePeriodShreddedEvent(SUBJECT, NOVEMBER, "saga"));
        assertThat(keys.shredded).containsExactly(UsagePeriods.keyHolder(SUBJECT.toString(), NOVEMBER) + "/USAGE");
    }

    @Test
    void aLegalHoldOnUsageKeepsThePeriodAndReportsIt() {
        fixture.givenCurrentTime(NOW).andGiven(registered(),
                        new LegalHoldPlacedEvent(SUBJECT, "hold-1", Set.of(RetentionClass.USAGE), "case-7"),
                        new UsagePeriodOpenedEvent(SUBJECT, NOVEMBER, Instant.parse("2028-01-01T00:00:00Z")))
                .when(new ShredUsagePeriodCommand(SUBJECT, NOVEMBER, "saga:retention:x:usage-period:" + NOVEMBER))
                .expectEvents(new ShreddingWithheldEvent(SUBJECT, EnumSet.of(RetentionClass.USAGE), List.of("hold-1"),
                        ShreddingReason.ROLLING_RETENTION, "saga:retention:x:usage-period:" + NOVEMBER, NOVEMBER));
        assertThat(keys.shredded).isEmpty();
    }

    @Test
    void releasingTheHoldShredsThePeriodItKeptPastItsRollingRetention() {
        String reference = "saga:retention:x:usage-period:" + NOVEMBER;
        fixture.givenCurrentTime(NOW).andGiven(registered(),
                        new LegalHoldPlacedEvent(SUBJECT, "hold-1", Set.of(RetentionClass.USAGE), "case-7"),
                        new UsagePeriodOpenedEvent(SUBJECT, NOVEMBER, Instant.parse("2028-01-01T00:00:00Z")),
                        new UsagePeriodOpenedEvent(SUBJECT, DECEMBER, Instant.parse("2028-02-01T00:00:00Z")),
                        new ShreddingWithheldEvent(SUBJECT, EnumSet.of(RetentionClass.USAGE), List.of("hold-1"),
                                ShreddingReason.ROLLING_RETENTION, reference, NOVEMBER))
                .when(new ReleaseLegalHoldCommand(SUBJECT, "hold-1"))
                .expectEvents(new LegalHoldReleasedEvent(SUBJECT, "hold-1"),
                        new UsagePeriodShreddedEvent(SUBJECT, NOVEMBER, reference));
        assertThat(keys.shredded).containsExactly(UsagePeriods.keyHolder(SUBJECT.toString(), NOVEMBER) + "/USAGE");
    }

    @Test
    void shreddingTheUsageClassDestroysEveryPeriodsKeyToo() {
        fixture.givenCurrentTime(NOW).andGiven(registered(),
                        new UsagePeriodOpenedEvent(SUBJECT, NOVEMBER, Instant.parse("2028-01-01T00:00:00Z")),
                        new UsagePeriodOpenedEvent(SUBJECT, DECEMBER, Instant.parse("2028-02-01T00:00:00Z")),
                        new UsagePeriodShreddedEvent(SUBJECT, NOVEMBER, "saga"))
                .when(new ShredPersonalDataCommand(SUBJECT, Set.of(RetentionClass.USAGE), ShreddingReason.ERASURE_REQUEST, "r"))
                .expectEvents(new PersonalDataShreddedEvent(SUBJECT, RetentionClass.USAGE, ShreddingReason.ERASURE_REQUEST, "r"));
        assertThat(keys.shredded).containsExactly(SUBJECT + "/USAGE",
                UsagePeriods.keyHolder(SUBJECT.toString(), DECEMBER) + "/USAGE");
    }

    @Test
    void anInferenceIsFiledUnderTheCurrentPeriodWithWhatItWasDrawnFrom() {
        fixture.givenCurrentTime(NOW).andGiven(registered())
                .when(inference(false))
                .expectEvents(new UsagePeriodOpenedEvent(SUBJECT, DECEMBER, Instant.parse("2028-02-01T00:00:00Z")),
                        new InferenceRecordedEvent(SUBJECT, DECEMBER, INFERENCE, "genre preference", "role-playing games",
                                EnumSet.of(DataCategory.D_NETWORK_ACTIVITY), List.of("activity " + NOVEMBER), "recommender-v3",
                                false));
        fixture.givenCurrentTime(NOW).andGiven(registered(), new UsagePeriodOpenedEvent(SUBJECT, DECEMBER,
                        Instant.parse("2028-02-01T00:00:00Z")), new InferenceRecordedEvent(SUBJECT, DECEMBER, INFERENCE,
                        "genre preference", "role-playing games", EnumSet.of(DataCategory.D_NETWORK_ACTIVITY), List.of(),
                        "recommender-v3", false))
                .when(inference(false))
                .expectNoEvents()
                .expectException(RefusedException.class);
    }

    @Test
    void anObjectionRefusesProfilingAndALimitRefusesSensitiveInferences() {
        fixture.givenCurrentTime(NOW).andGiven(registeredIn(Jurisdiction.EU))
                .andGiven(fulfilled(Jurisdiction.EU, RequestType.OBJECTION))
                .when(inference(false))
                .expectNoEvents()
                .expectException(RefusedException.class);
        fixture.givenCurrentTime(NOW).andGiven(registeredIn(Jurisdiction.US_CA))
                .andGiven(fulfilled(Jurisdiction.US_CA, RequestType.LIMIT_SENSITIVE_USE))
                .when(inference(true))
                .expectNoEvents()
                .expectException(RefusedException.class);
        fixture.givenCurrentTime(NOW).andGiven(registeredIn(Jurisdiction.US_CA))
                .andGiven(fulfilled(Jurisdiction.US_CA, RequestType.LIMIT_SENSITIVE_USE))
                .when(inference(false))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void aCommunicationIsKeptOnceEvenAfterTerminationButNeedsContent() {
        UUID id = UUID.fromString("1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d");
        Instant at = NOW.minusSeconds(600);
        fixture.givenCurrentTime(NOW).andGiven(registered(), new AccountTerminatedEvent(SUBJECT, TerminationReason.SUBJECT_REQUEST))
                .when(new RecordCommunicationCommand(SUBJECT, id, CommunicationKind.INQUIRY, at, "erasure",
                        "Has my data been deleted?", null))
                .expectEvents(new CommunicationRecordedEvent(SUBJECT, id, CommunicationKind.INQUIRY, at, "erasure",
                        "Has my data been deleted?", null));
        fixture.givenCurrentTime(NOW).andGiven(registered(), new CommunicationRecordedEvent(SUBJECT, id,
                        CommunicationKind.INQUIRY, at, "erasure", "Has my data been deleted?", null))
                .when(new RecordCommunicationCommand(SUBJECT, id, CommunicationKind.INQUIRY, at, "erasure", "again", null))
                .expectNoEvents()
                .expectException(RefusedException.class);
        fixture.givenCurrentTime(NOW).andGiven(registered())
                .when(new RecordCommunicationCommand(SUBJECT, id, CommunicationKind.VOICE_RECORD, at, null, null, null))
                .expectNoEvents()
                .expectException(RefusedException.class);
    }

    private static RecordInferenceCommand inference(boolean sensitive) {
        return new RecordInferenceCommand(SUBJECT, INFERENCE, "genre preference", "role-playing games",
                Set.of(DataCategory.D_NETWORK_ACTIVITY), List.of("activity " + NOVEMBER), "recommender-v3", sensitive);
    }

    private static UsageActivity identified(Instant at, String action, String pieceId) {
        return new UsageActivity(at, ActivityKind.APPLICATION, action, "world-map", null, "JP-13", pieceId);
    }

    private static String periodOf(Instant at) {
        return UsagePeriods.DEFAULT.periodOf(at);
    }

    private static UsageActivity activity(Instant at, String action) {
        return new UsageActivity(at, ActivityKind.APPLICATION, action, "world-map", null, "JP-13");
    }

    private static AccountRegisteredEvent registered() {
        return registeredIn(Jurisdiction.JP);
    }

    private static AccountRegisteredEvent registeredIn(Jurisdiction jurisdiction) {
        return new AccountRegisteredEvent(SUBJECT, jurisdiction, "Hanako Yamada", LocalDate.of(1990, 4, 1),
                "1-2-3 Shibuya, Tokyo", "hanako@example.jp", null, null, null);
    }

    private static List<Object> fulfilled(Jurisdiction jurisdiction, RequestType type) {
        RequestId request = RequestId.of("5e4d3c2b-1a09-4f8e-9d7c-6b5a4f3e2d1c");
        LocalDate due = LocalDate.of(2026, 12, 30);
        return List.of(new PrivacyRequestSubmittedEvent(SUBJECT, request, jurisdiction, type, Requester.SUBJECT,
                        RequestChannel.WEB_FORM, NOW.minusSeconds(86_400), false, due, ResponseRule.endOf(due, jurisdiction.zone()),
                        null, null, false),
                new RequestFulfilledEvent(SUBJECT, request, type, "response-1", null));
    }
}
