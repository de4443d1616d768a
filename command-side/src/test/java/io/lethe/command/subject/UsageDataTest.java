package io.lethe.command.subject;

import io.lethe.core.activity.ActivityKind;
import io.lethe.core.activity.ActivityRecordedEvent;
import io.lethe.core.activity.CommunicationKind;
import io.lethe.core.activity.CommunicationRecordedEvent;
import io.lethe.core.activity.InferenceRecordedEvent;
import io.lethe.core.activity.OpenUsagePeriodCommand;
import io.lethe.core.activity.RecordCommunicationCommand;
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
import io.lethe.core.subject.PublishUsageGovernanceCommand;
import io.lethe.core.subject.TerminateAccountCommand;
import io.lethe.core.subject.UsageGovernance;
import io.lethe.command.InMemoryUsageGovernance;
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

/**
 * A subject's usage data as the subject decides it: opening a usage period, publishing what governs
 * its usage data, the rolling retention of its periods, and its communications (CCPA E). The data of a
 * period itself is filed with the period's own aggregate ({@code UsagePeriodTest}).
 */
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
    void theSubjectOpensAPeriodOnceBeforeItsFirstUsageData() {
        fixture.givenCurrentTime(NOW).andGiven(registered())
                .when(new OpenUsagePeriodCommand(SUBJECT, NOVEMBER))
                .expectEvents(new UsagePeriodOpenedEvent(SUBJECT, NOVEMBER, Instant.parse("2028-01-01T00:00:00Z")));
        assertThat(keys.created).as("the period's key, made with the opening")
                .containsExactly(UsagePeriods.keyHolder(SUBJECT.toString(), NOVEMBER) + "/USAGE");
        fixture.givenCurrentTime(NOW).andGiven(registered(), new UsagePeriodOpenedEvent(SUBJECT, NOVEMBER,
                        Instant.parse("2028-01-01T00:00:00Z")))
                .when(new OpenUsagePeriodCommand(SUBJECT, NOVEMBER))
                .expectNoEvents();
        // November 2025 is kept until 1 January 2027; October 2025 was due on 1 December 2026
        fixture.givenCurrentTime(NOW).andGiven(registered())
                .when(new OpenUsagePeriodCommand(SUBJECT, "2025-11-01T00:00:00Z"))
                .expectSuccessfulHandlerExecution();
        fixture.givenCurrentTime(NOW).andGiven(registered())
                .when(new OpenUsagePeriodCommand(SUBJECT, "2025-10-01T00:00:00Z"))
                .expectNoEvents()
                .expectException(RefusedException.class);
    }

    @Test
    void aTerminatedAccountARestrictionOrAShreddedPeriodOpensNoPeriod() {
        fixture.givenCurrentTime(NOW).andGiven(registered(), new AccountTerminatedEvent(SUBJECT, TerminationReason.SUBJECT_REQUEST))
                .when(new OpenUsagePeriodCommand(SUBJECT, DECEMBER))
                .expectNoEvents()
                .expectException(RefusedException.class);
        fixture.givenCurrentTime(NOW).andGiven(registeredIn(Jurisdiction.EU))
                .andGiven(fulfilled(Jurisdiction.EU, RequestType.RESTRICTION))
                .when(new OpenUsagePeriodCommand(SUBJECT, DECEMBER))
                .expectNoEvents()
                .expectException(RefusedException.class);
        fixture.givenCurrentTime(NOW).andGiven(registered(),
                        new UsagePeriodOpenedEvent(SUBJECT, DECEMBER, Instant.parse("2028-02-01T00:00:00Z")),
                        new UsagePeriodShreddedEvent(SUBJECT, DECEMBER, "staff"))
                .when(new OpenUsagePeriodCommand(SUBJECT, DECEMBER))
                .expectNoEvents()
                .expectException(RefusedException.class);
    }

    @Test
    void theSubjectPublishesWhatGovernsItsUsageDataWithEachChange() {
        InMemoryUsageGovernance governance = new InMemoryUsageGovernance();
        FixtureConfiguration<DataSubject> published = Fixtures.dataSubject(keys, governance);
        published.givenCurrentTime(NOW).andGiven(registeredIn(Jurisdiction.EU))
                .when(new OpenUsagePeriodCommand(SUBJECT, DECEMBER))
                .expectSuccessfulHandlerExecution();
        assertThat(governance.current(SUBJECT)).contains(new UsageGovernance.State(false, Set.of(), false, false, false,
                Set.of(DECEMBER)));
        published.givenCurrentTime(NOW).andGiven(registeredIn(Jurisdiction.EU))
                .andGiven(fulfilled(Jurisdiction.EU, RequestType.OBJECTION))
                .when(new TerminateAccountCommand(SUBJECT, TerminationReason.SUBJECT_REQUEST))
                .expectSuccessfulHandlerExecution();
        assertThat(governance.current(SUBJECT)).contains(new UsageGovernance.State(true, Set.of(), false, true, false, Set.of()));
        published.givenCurrentTime(NOW).andGiven(registeredIn(Jurisdiction.EU),
                        new UsagePeriodOpenedEvent(SUBJECT, DECEMBER, Instant.parse("2028-02-01T00:00:00Z")))
                .when(new ShredPersonalDataCommand(SUBJECT, Set.of(RetentionClass.USAGE), ShreddingReason.ERASURE_REQUEST, "r"))
                .expectSuccessfulHandlerExecution();
        assertThat(governance.current(SUBJECT).orElseThrow().erased()).containsExactly(RetentionClass.USAGE);
        // a history begun before publishes its word when asked, unchanged
        InMemoryUsageGovernance fresh = new InMemoryUsageGovernance();
        Fixtures.dataSubject(keys, fresh).givenCurrentTime(NOW).andGiven(registeredIn(Jurisdiction.EU),
                        new UsagePeriodOpenedEvent(SUBJECT, DECEMBER, Instant.parse("2028-02-01T00:00:00Z")))
                .when(new PublishUsageGovernanceCommand(SUBJECT))
                .expectNoEvents();
        assertThat(fresh.current(SUBJECT)).contains(new UsageGovernance.State(false, Set.of(), false, false, false,
                Set.of(DECEMBER)));
    }

    /** A restriction is fulfilled by the request entity; the subject's word changes all the same. */
    @Test
    void aRestrictionFulfilledByItsRequestIsPublishedAtOnce() {
        InMemoryUsageGovernance governance = new InMemoryUsageGovernance();
        RequestId request = RequestId.of("5e4d3c2b-1a09-4f8e-9d7c-6b5a4f3e2d1c");
        LocalDate due = LocalDate.of(2026, 12, 30);
        Fixtures.dataSubject(keys, governance).givenCurrentTime(NOW).andGiven(registeredIn(Jurisdiction.EU),
                        new PrivacyRequestSubmittedEvent(SUBJECT, request, Jurisdiction.EU, RequestType.RESTRICTION,
                                Requester.SUBJECT, RequestChannel.WEB_FORM, NOW.minusSeconds(86_400), false, due,
                                ResponseRule.endOf(due, Jurisdiction.EU.zone()), null, null, false))
                .when(new io.lethe.core.request.FulfilRequestCommand(SUBJECT, request, "response-1"))
                .expectEvents(new RequestFulfilledEvent(SUBJECT, request, RequestType.RESTRICTION, "response-1", null));
        assertThat(governance.current(SUBJECT).orElseThrow().restricted()).isTrue();
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
