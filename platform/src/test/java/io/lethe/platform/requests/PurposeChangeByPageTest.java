package io.lethe.platform.requests;

import io.lethe.core.purpose.RecordPurposeChangeNoticeCommand;
import io.lethe.platform.PlatformTest;
import io.lethe.platform.Subjects;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.common.Registration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.commandhandling.CommandMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static io.lethe.platform.Callers.signedIn;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * ADR 0018: a purpose change's notices are handed out a page at a time, each page committed with its
 * checkpoint; only subjects registered by the announcement are owed one, each exactly once; and
 * nothing replays them. Pages of three, so seven subjects make three pages.
 */
@PlatformTest
@TestPropertySource(properties = {
        "lethe.purpose-changes.page-size=3",
        "lethe.purpose-changes.summaries-awaited=1s",
        "db-scheduler.polling-interval=1s"
})
class PurposeChangeByPageTest {

    private static final String FAN_OUT = "purpose-change-fan-out";
    private static final int SUBJECTS = 7;

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    @Qualifier("localSegment")
    CommandBus commandBus;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    TokenStore tokenStore;
    @Autowired
    EventStore eventStore;

    @Test
    void everySubjectRegisteredByTheAnnouncementIsOwedOneNoticePageByPageAndNothingReplaysThem() throws Exception {
        List<String> before = new ArrayList<>();
        for (int i = 0; i < SUBJECTS; i++) {
            before.add(Subjects.register(mvc, "JP", "Subject " + i, "subject" + i + "@example.jp"));
        }
        String change = "purposes-" + UUID.randomUUID();

        // the second page stops at its first notice, inside its own transaction, until released
        AtomicInteger notices = new AtomicInteger();
        List<String> firstPage = new CopyOnWriteArrayList<>();
        CountDownLatch secondPageStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Registration hold = commandBus.registerHandlerInterceptor(holdTheSecondPage(change, notices, firstPage,
                secondPageStarted, release));
        String late;
        try {
            announce(change);
            assertThat(secondPageStarted.await(20, TimeUnit.SECONDS)).as("the second page began").isTrue();

            // the first page committed: its checkpoint is stored, and its subjects are free for other commands
            assertThat(pagesRecorded(change)).isEqualTo(1);
            assertThat(firstPage).hasSize(3);
            mvc.perform(post("/api/subjects/" + firstPage.get(0) + "/purpose-change-notices/" + change)
                            .with(signedIn("service", "lethe-service")).contentType(MediaType.APPLICATION_JSON)
                            .content("{\"channel\":\"EMAIL\"}"))
                    .andExpect(status().isNoContent());
            // a subject registering now, under the new purposes, is owed nothing
            late = Subjects.register(mvc, "JP", "Late Subject", "late@example.jp");
        } finally {
            release.countDown();
            hold.cancel();
        }

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> mvc.perform(get("/api/purpose-changes")
                        .with(signedIn("staff", "lethe-staff")))
                .andExpect(jsonPath("$[?(@.changeId == '" + change + "')].noticePages").value(hasItem(3)))
                .andExpect(jsonPath("$[?(@.changeId == '" + change + "')].noticesOwed").value(hasItem(SUBJECTS)))
                .andExpect(jsonPath("$[?(@.changeId == '" + change + "')].noticesAllOwedAt").value(hasItem(
                        org.hamcrest.Matchers.notNullValue()))));
        assertThat(pagesRecorded(change)).isEqualTo(3);
        assertThat(pageSizes(change)).containsExactly("3", "3", "1");
        for (String subject : before) {
            assertThat(noticesOwed(subject)).as("notices owed to a subject registered before").isEqualTo(1);
        }
        assertThat(noticesOwed(late)).as("notices owed to the subject registered after").isZero();
        long eventsBefore = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);

        // no reset of the process, through the API or Axon
        mvc.perform(post("/api/admin/processors/" + FAN_OUT + "/rebuild").with(signedIn("admin", "lethe-admin"))
                        .contentType(MediaType.APPLICATION_JSON))
                .andExpect(status().isUnprocessableContent());
        // and the worst an operator could do, its token moved back before the announcement, hands out nothing
        StreamingEventProcessor fanOut = processing.eventProcessor(FAN_OUT, StreamingEventProcessor.class).orElseThrow();
        fanOut.shutDown();
        TrackingToken tail = eventStore.createTailToken();
        for (int segment : tokenStore.fetchSegments(FAN_OUT)) {
            tokenStore.storeToken(tail, FAN_OUT, segment);
            tokenStore.releaseClaim(FAN_OUT, segment);
        }
        fanOut.start();
        long head = eventStore.createHeadToken().position().orElseThrow();
        await().atMost(Duration.ofSeconds(20)).until(() -> fanOut.processingStatus().values().stream()
                .allMatch(status -> status.getCurrentPosition().orElse(-1) >= head));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM saga_entry WHERE saga_type LIKE '%PurposeChangeNoticesSaga'",
                Long.class)).as("walks still open").isZero();
        assertThat(pagesRecorded(change)).isEqualTo(3);
        for (String subject : before) {
            assertThat(noticesOwed(subject)).isEqualTo(1);
        }
        assertThat(noticesOwed(late)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class))
                .as("events after the replay").isEqualTo(eventsBefore);
    }

    private void announce(String change) throws Exception {
        mvc.perform(post("/api/purpose-changes").with(signedIn("staff", "lethe-staff")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"changeId\":\"" + change + "\",\"purposes\":[\"ADVERTISING\"],\"categories\":[\"D\",\"F\"],"
                                + "\"effectiveOn\":\"2027-01-01\",\"noticeReference\":\"notice-2027-01\"}"))
                .andExpect(status().isCreated());
    }

    private static MessageHandlerInterceptor<CommandMessage<?>> holdTheSecondPage(
            String change, AtomicInteger notices, List<String> firstPage, CountDownLatch secondPageStarted,
            CountDownLatch release) {
        return (unitOfWork, chain) -> {
            if (unitOfWork.getMessage().getPayload() instanceof RecordPurposeChangeNoticeCommand notice
                    && notice.changeId().equals(change)) {
                int number = notices.incrementAndGet();
                if (number <= 3) {
                    firstPage.add(notice.subjectId().toString());
                } else if (number == 4) {
                    secondPageStarted.countDown();
                    release.await(20, TimeUnit.SECONDS);
                }
            }
            return chain.proceed();
        };
    }

    private long pagesRecorded(String change) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND payload_type LIKE '%PurposeChangeNoticePageRecordedEvent'", Long.class, change);
    }

    /** Each page's count of subjects, in order, from the events' JSON. */
    private List<String> pageSizes(String change) {
        return jdbc.queryForList("SELECT convert_from(payload, 'UTF8')::json ->> 'subjectsOwed' FROM domain_event_entry "
                + "WHERE aggregate_identifier = ? AND payload_type LIKE '%PurposeChangeNoticePageRecordedEvent' "
                + "ORDER BY sequence_number", String.class, change);
    }

    private long noticesOwed(String subject) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND payload_type LIKE '%PurposeChangeNoticeOwedEvent'", Long.class, subject);
        // one change in this test's platform: every notice owed is this change's
    }
}
