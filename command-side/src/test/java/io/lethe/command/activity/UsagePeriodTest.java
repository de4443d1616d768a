package io.lethe.command.activity;

import io.lethe.command.CachedCommandTargetResolver;
import io.lethe.command.InMemoryUsageGovernance;
import io.lethe.core.activity.ActivityKind;
import io.lethe.core.activity.ActivityRecordedEvent;
import io.lethe.core.activity.InferenceRecordedEvent;
import io.lethe.core.activity.PieceDigests;
import io.lethe.core.activity.RecordPeriodActivityCommand;
import io.lethe.core.activity.RecordPeriodInferenceCommand;
import io.lethe.core.activity.UsageActivity;
import io.lethe.core.personaldata.DataCategory;
import io.lethe.core.personaldata.RetentionClass;
import io.lethe.core.personaldata.UsagePeriods;
import io.lethe.core.refusal.RefusedException;
import io.lethe.core.subject.SubjectId;
import io.lethe.core.subject.UsageGovernance;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.interceptors.BeanValidationInterceptor;
import org.axonframework.messaging.interceptors.JSR303ViolationException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A usage period's own aggregate: it files a subject's activity and inferences of one period, once
 * each identified piece, as long as what the subject published about its usage data allows it.
 */
class UsagePeriodTest {

    private static final SubjectId SUBJECT = SubjectId.of("3c2b1a09-8f7e-4d6c-9b5a-4f3e2d1c0b9a");
    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    private static final String DECEMBER = "2026-12-01T00:00:00Z";
    private static final String OCTOBER_2025 = "2025-10-01T00:00:00Z";
    private static final String PERIOD = UsagePeriods.keyHolder(SUBJECT.toString(), DECEMBER);
    private static final UUID INFERENCE = UUID.fromString("7f6e5d4c-3b2a-4190-8f7e-6d5c4b3a2910");
    private static final UsageGovernance.State OPEN = new UsageGovernance.State(false, Set.of(), false, false, false,
            Set.of(DECEMBER, OCTOBER_2025));

    private final InMemoryUsageGovernance governance = new InMemoryUsageGovernance();
    private FixtureConfiguration<UsagePeriod> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(UsagePeriod.class);
        fixture.registerCommandHandlerInterceptor(new BeanValidationInterceptor<>());
        fixture.registerCommandTargetResolver(new CachedCommandTargetResolver());
        fixture.registerInjectableResource(governance);
        fixture.registerInjectableResource(UsagePeriods.DEFAULT);
        governance.publish(SUBJECT, OPEN);
    }

    @Test
    void piecesAreFiledAsOneEventOfTheirPeriodCountedInItsMetadata() {
        UsageActivity first = activity(NOW.minusSeconds(60), "viewed");
        UsageActivity second = activity(NOW, "clicked");
        fixture.givenCurrentTime(NOW)
                .when(activity(first, second))
                .expectEvents(new ActivityRecordedEvent(SUBJECT, DECEMBER, 2, List.of(first, second)))
                .expectResultMessagePayload(2);
    }

    @Test
    void aRetriedBatchRecordsEachPieceTheServiceIdentifiedOnce() {
        UsageActivity first = identified(NOW.minusSeconds(60), "evt-1");
        UsageActivity second = identified(NOW.minusSeconds(30), "evt-2");
        UsageActivity third = identified(NOW, "evt-3");
        fixture.givenCurrentTime(NOW).andGivenCommands(activity(first, second))
                .when(activity(first, second, third))
                .expectEvents(new ActivityRecordedEvent(SUBJECT, DECEMBER, 1, List.of(third)))
                .expectResultMessagePayload(1);
        fixture.givenCurrentTime(NOW).andGivenCommands(activity(first))
                .when(activity(first))
                .expectNoEvents()
                .expectResultMessagePayload(0);
        fixture.givenCurrentTime(NOW)
                .when(activity(first, first))
                .expectEvents(new ActivityRecordedEvent(SUBJECT, DECEMBER, 1, List.of(first)))
                .expectResultMessagePayload(1);
    }

    @Test
    void theDigestsOfAPeriodAreSourcedFromTheMetadataAlone() {
        UsageActivity first = identified(NOW.minusSeconds(60), "evt-1");
        // a stored event whose payload is never read: only its metadata names the piece
        fixture.givenCurrentTime(NOW).andGiven(List.of(new GenericDomainEventMessage<>("UsagePeriod", PERIOD, 0,
                        new ActivityRecordedEvent(SUBJECT, DECEMBER, 1, List.of(first)),
                        MetaData.with(ActivityRecordedEvent.PIECES, 1).and(ActivityRecordedEvent.PERIOD, DECEMBER)
                                .and(ActivityRecordedEvent.PIECE_DIGESTS, PieceDigests.join(List.of(PieceDigests.of("evt-1")))))))
                .when(activity(first))
                .expectNoEvents()
                .expectResultMessagePayload(0);
    }

    @Test
    void piecesWithoutAnIdentifierAreNeverTakenForOnesAlreadyRecorded() {
        UsageActivity anonymous = activity(NOW, "viewed");
        fixture.givenCurrentTime(NOW).andGivenCommands(activity(anonymous))
                .when(activity(anonymous))
                .expectEvents(new ActivityRecordedEvent(SUBJECT, DECEMBER, 1, List.of(anonymous)))
                .expectResultMessagePayload(1);
    }

    @Test
    void whatTheSubjectPublishedStopsCollection() {
        for (UsageGovernance.State refusing : List.of(
                new UsageGovernance.State(true, Set.of(), false, false, false, Set.of(DECEMBER)),
                new UsageGovernance.State(false, Set.of(RetentionClass.USAGE), false, false, false, Set.of(DECEMBER)),
                new UsageGovernance.State(false, Set.of(), true, false, false, Set.of(DECEMBER)),
                // a period the subject has not opened (or has shredded)
                new UsageGovernance.State(false, Set.of(), false, false, false, Set.of()))) {
            governance.publish(SUBJECT, refusing);
            fixture.givenCurrentTime(NOW)
                    .when(activity(activity(NOW, "viewed")))
                    .expectNoEvents()
                    .expectException(RefusedException.class);
        }
    }

    @Test
    void aSubjectThatPublishedNothingIsNotKnown() {
        InMemoryUsageGovernance none = new InMemoryUsageGovernance();
        FixtureConfiguration<UsagePeriod> unknown = new AggregateTestFixture<>(UsagePeriod.class);
        unknown.registerCommandTargetResolver(new CachedCommandTargetResolver());
        unknown.registerInjectableResource(none);
        unknown.registerInjectableResource(UsagePeriods.DEFAULT);
        unknown.givenCurrentTime(NOW)
                .when(activity(activity(NOW, "viewed")))
                .expectNoEvents()
                .expectExceptionMessage("No data subject with this id is known.");
    }

    @Test
    void aPeriodPastItsRollingRetentionTakesNothing() {
        // October 2025 ends 1 November 2025; kept 13 months, it was due on 1 December 2026
        UsageActivity old = activity(Instant.parse("2025-10-31T12:00:00Z"), "clicked");
        fixture.givenCurrentTime(NOW)
                .when(new RecordPeriodActivityCommand(UsagePeriods.keyHolder(SUBJECT.toString(), OCTOBER_2025), SUBJECT,
                        OCTOBER_2025, List.of(old)))
                .expectNoEvents()
                .expectException(RefusedException.class);
    }

    @Test
    void aMalformedPieceOrACardNumberRefusesTheCommand() {
        fixture.givenCurrentTime(NOW)
                .when(activity(new UsageActivity(NOW, ActivityKind.APPLICATION, "searched", "search", "4111 1111 1111 1111",
                        "US-CA")))
                .expectNoEvents()
                .expectException(JSR303ViolationException.class);
    }

    @Test
    void anInferenceIsFiledOnceWithWhatItWasDrawnFrom() {
        InferenceRecordedEvent recorded = new InferenceRecordedEvent(SUBJECT, DECEMBER, INFERENCE, "genre preference",
                "role-playing games", EnumSet.of(DataCategory.D_NETWORK_ACTIVITY), List.of("activity 2026-11"),
                "recommender-v3", false);
        fixture.givenCurrentTime(NOW)
                .when(inference(false))
                .expectEvents(recorded);
        fixture.givenCurrentTime(NOW).andGivenCommands(inference(false))
                .when(inference(false))
                .expectNoEvents()
                .expectException(RefusedException.class);
    }

    @Test
    void anObjectionRefusesProfilingAndALimitRefusesSensitiveInferences() {
        governance.publish(SUBJECT, new UsageGovernance.State(false, Set.of(), false, true, false, Set.of(DECEMBER)));
        fixture.givenCurrentTime(NOW)
                .when(inference(false))
                .expectNoEvents()
                .expectExceptionMessage("The subject objected (GDPR Art. 21): no sale, sharing or provision for advertising.");
        governance.publish(SUBJECT, new UsageGovernance.State(false, Set.of(), false, false, true, Set.of(DECEMBER)));
        fixture.givenCurrentTime(NOW)
                .when(inference(true))
                .expectNoEvents()
                .expectException(RefusedException.class);
        fixture.givenCurrentTime(NOW)
                .when(inference(false))
                .expectSuccessfulHandlerExecution();
    }

    private static RecordPeriodActivityCommand activity(UsageActivity... pieces) {
        return new RecordPeriodActivityCommand(PERIOD, SUBJECT, DECEMBER, List.of(pieces));
    }

    private static RecordPeriodInferenceCommand inference(boolean sensitive) {
        return new RecordPeriodInferenceCommand(PERIOD, SUBJECT, DECEMBER, INFERENCE, "genre preference",
                "role-playing games", Set.of(DataCategory.D_NETWORK_ACTIVITY), List.of("activity 2026-11"),
                "recommender-v3", sensitive);
    }

    private static UsageActivity identified(Instant at, String pieceId) {
        return new UsageActivity(at, ActivityKind.APPLICATION, "viewed", "world-map", null, "JP-13", pieceId);
    }

    private static UsageActivity activity(Instant at, String action) {
        return new UsageActivity(at, ActivityKind.APPLICATION, action, "world-map", null, "JP-13");
    }
}
