package io.lethe.platform.activity;

import io.lethe.core.activity.ActivityKind;
import io.lethe.core.activity.ActivityRecordedEvent;
import io.lethe.core.activity.PieceDigests;
import io.lethe.core.activity.UsageActivity;
import io.lethe.core.activity.UsagePeriodOpenedEvent;
import io.lethe.core.personaldata.UsagePeriods;
import io.lethe.core.subject.SubjectId;
import io.lethe.platform.PlatformTest;
import io.lethe.platform.Subjects;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static io.lethe.platform.Callers.signedIn;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A history written before usage periods had aggregates of their own: the subject's stream holds the
 * period it opened and the activity filed in it. Read as it was — in the report, the export and the
 * audit history — alongside what is filed after, in the period's own stream; and erased with it.
 */
@PlatformTest
class UsageHistoryOfTheOldShapeTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    EventStore eventStore;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    UsagePeriods periods;

    @Test
    @DisplayName("activity on the subject's own stream reads with what the period's stream holds, and goes with it")
    void theOldShapeReadsBesideTheNewAndIsErasedWithIt() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String subject = Subjects.register(mvc, "US-CA", "Ola Oldshape-" + tag, "ola." + tag + "@old.example");
        SubjectId subjectId = SubjectId.of(subject);
        // before the change the subject published nothing; its stream held its usage data
        jdbc.update("DELETE FROM usage_governance WHERE subject_id = ?", subject);
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
        String period = periods.periodOf(at);
        List<UsageActivity> old = List.of(piece(at, "old-screen-1", "old-1"), piece(at.plusSeconds(1), "old-screen-2", "old-2"));
        long next = eventStore.lastSequenceNumberFor(subject).orElse(-1L) + 1;
        new TransactionTemplate(transactions).executeWithoutResult(status -> eventStore.publish(
                new GenericDomainEventMessage<>("DataSubject", subject, next,
                        new UsagePeriodOpenedEvent(subjectId, period, periods.shredAt(period))),
                new GenericDomainEventMessage<>("DataSubject", subject, next + 1,
                        new ActivityRecordedEvent(subjectId, period, old.size(), old),
                        MetaData.with(ActivityRecordedEvent.PIECES, old.size()).and(ActivityRecordedEvent.PERIOD, period)
                                .and(ActivityRecordedEvent.PIECE_DIGESTS,
                                        PieceDigests.join(List.of(PieceDigests.of("old-1"), PieceDigests.of("old-2")))))));

        assertThat(category(report(subject), "D").get("piecesTotal").asInt()).as("the old shape reads").isEqualTo(2);

        // new activity in the same period goes to the period's own stream; the subject publishes its word first
        mvc.perform(post("/api/activity").with(signedIn("service", "lethe-service")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"activities\":[{\"subjectId\":\"" + subject + "\",\"occurredAt\":\"" + at.plusSeconds(2)
                                + "\",\"kind\":\"APPLICATION\",\"action\":\"viewed\",\"target\":\"new-screen\",\"pieceId\":\"new-1\"}]}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.recorded").value(1));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM usage_governance WHERE subject_id = ?", Long.class, subject))
                .isEqualTo(1);
        assertThat(eventStore.readEvents(UsagePeriods.keyHolder(subject, period)).asStream().count())
                .as("the period's own stream").isEqualTo(1);

        JsonNode report = report(subject);
        assertThat(category(report, "D").get("piecesTotal").asInt()).isEqualTo(3);
        List<String> targets = new ArrayList<>();
        category(report, "D").get("pieces").forEach(piece -> targets.add(piece.get("value").get("target").asString()));
        assertThat(targets).as("in the order they happened").containsExactly("old-screen-1", "old-screen-2", "new-screen");
        JsonNode history = json.readTree(mvc.perform(get("/api/audit/subjects/" + subject + "/events")
                        .with(signedIn("auditor", "lethe-auditor")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        List<Long> activityPositions = new ArrayList<>();
        List<String> activityStreams = new ArrayList<>();
        history.forEach(entry -> {
            if ("ActivityRecordedEvent".equals(entry.get("type").asString())) {
                assertThat(entry.get("subjectId").asString()).isEqualTo(subject);
                activityPositions.add(entry.get("position").asLong());
                activityStreams.add(entry.get("stream").asString());
            }
        });
        assertThat(activityPositions).as("both shapes, in the order they were stored").hasSize(2).isSorted();
        assertThat(activityStreams).as("each named by the stream it is stored in")
                .containsExactly(subject, UsagePeriods.keyHolder(subject, period));

        // the subject's USAGE class goes, and with it the period's key: both shapes read as erased
        mvc.perform(post("/api/subjects/" + subject + "/shredding").with(signedIn("staff", "lethe-staff"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"retentionClasses\":[\"USAGE\"],\"reason\":\"ERASURE_REQUEST\",\"reference\":\"case-old-shape\"}"))
                .andExpect(status().isOk());
        JsonNode erased = report(subject);
        assertThat(erased.toString()).doesNotContain("old-screen").doesNotContain("new-screen");
    }

    private static UsageActivity piece(Instant at, String target, String pieceId) {
        return new UsageActivity(at, ActivityKind.APPLICATION, "viewed", target, null, "US-CA", pieceId);
    }

    private JsonNode report(String subject) throws Exception {
        return json.readTree(mvc.perform(get("/api/subjects/" + subject + "/access-report")
                        .with(signedIn("staff", "lethe-staff")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
    }

    private static JsonNode category(JsonNode report, String category) {
        for (JsonNode entry : report.get("categories")) {
            if (entry.get("category").asString().equals(category)) {
                return entry;
            }
        }
        throw new AssertionError("no category " + category);
    }
}
