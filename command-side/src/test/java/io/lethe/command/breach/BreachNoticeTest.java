package io.lethe.command.breach;

import io.lethe.command.CachedCommandTargetResolver;
import io.lethe.core.breach.BreachId;
import io.lethe.core.breach.BreachNoticeId;
import io.lethe.core.breach.BreachNoticeSentEvent;
import io.lethe.core.breach.BreachNoticeUndeliveredEvent;
import io.lethe.core.breach.DutyKind;
import io.lethe.core.breach.RecordBreachNoticeSentCommand;
import io.lethe.core.breach.RecordBreachNoticeUndeliveredCommand;
import io.lethe.core.request.NoticeFailure;
import io.lethe.core.subject.SubjectId;
import org.axonframework.messaging.interceptors.BeanValidationInterceptor;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

/** One person's breach notice: recorded once however often the delivery says so, and sent after a give-up. */
class BreachNoticeTest {

    private static final BreachNoticeId NOTICE = new BreachNoticeId(UUID.fromString("0f1e2d3c-4b5a-4697-8887-a6b5c4d3e2f1"));
    private static final BreachId BREACH = BreachId.of("7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d");
    private static final SubjectId SUBJECT = SubjectId.random();
    private static final Instant SENT = Instant.parse("2026-11-21T09:00:00Z");

    private FixtureConfiguration<BreachNotice> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(BreachNotice.class);
        fixture.registerCommandTargetResolver(new CachedCommandTargetResolver());
        fixture.registerCommandHandlerInterceptor(new BeanValidationInterceptor<>());
    }

    @Test
    void aSendingIsRecordedOnce() {
        fixture.givenNoPriorActivity().when(sent())
                .expectEvents(new BreachNoticeSentEvent(NOTICE, BREACH, "appi-individuals", DutyKind.APPI_INDIVIDUALS, SUBJECT,
                        "ja", SENT, "<m@lethe.example>"));
        fixture.given(sentEvent()).when(sent()).expectNoEvents();
        fixture.given(sentEvent()).when(undelivered()).expectNoEvents();
    }

    @Test
    void aNoticeGivenUpAndThenSentIsRecordedBothWays() {
        fixture.givenNoPriorActivity().when(undelivered())
                .expectEvents(new BreachNoticeUndeliveredEvent(NOTICE, BREACH, "appi-individuals", DutyKind.APPI_INDIVIDUALS,
                        SUBJECT, 3, NoticeFailure.MAIL_UNREACHABLE));
        fixture.given(new BreachNoticeUndeliveredEvent(NOTICE, BREACH, "appi-individuals", DutyKind.APPI_INDIVIDUALS, SUBJECT, 3,
                        NoticeFailure.MAIL_UNREACHABLE))
                .when(sent()).expectEvents(sentEvent());
    }

    private static RecordBreachNoticeSentCommand sent() {
        return new RecordBreachNoticeSentCommand(NOTICE, BREACH, "appi-individuals", DutyKind.APPI_INDIVIDUALS, SUBJECT, "ja",
                SENT, "<m@lethe.example>");
    }

    private static BreachNoticeSentEvent sentEvent() {
        return new BreachNoticeSentEvent(NOTICE, BREACH, "appi-individuals", DutyKind.APPI_INDIVIDUALS, SUBJECT, "ja", SENT,
                "<m@lethe.example>");
    }

    private static RecordBreachNoticeUndeliveredCommand undelivered() {
        return new RecordBreachNoticeUndeliveredCommand(NOTICE, BREACH, "appi-individuals", DutyKind.APPI_INDIVIDUALS, SUBJECT, 3,
                NoticeFailure.MAIL_UNREACHABLE);
    }
}
