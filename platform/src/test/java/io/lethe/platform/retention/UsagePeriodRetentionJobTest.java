package io.lethe.platform.retention;

import io.lethe.core.personaldata.UsagePeriods;
import io.lethe.platform.PlatformTest;
import io.lethe.platform.Subjects;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static io.lethe.platform.Callers.signedIn;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The rolling retention of a usage period for many subjects at once runs as one job for the period,
 * page by page, not as a deadline per subject: every subject's period key goes with its own
 * evidence, a subject under a legal hold on USAGE keeps it until the hold is released, and the job
 * is gone once the period is done.
 */
@PlatformTest
@TestPropertySource(properties = {
        "lethe.retention.usage.period=PT15S",
        "lethe.retention.usage.kept-for=PT3S",
        "lethe.retention.usage.job.batch-size=4",
        "db-scheduler.polling-interval=1s"
})
class UsagePeriodRetentionJobTest {

    private static final int SUBJECTS = 18;

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    UsagePeriods periods;

    @Test
    @DisplayName("a period due for many subjects is shredded by one job, page by page, a held subject's on release")
    void onePeriodOneJob() throws Exception {
        List<String> subjects = new ArrayList<>();
        for (int i = 0; i < SUBJECTS; i++) {
            String tag = UUID.randomUUID().toString().substring(0, 8);
            subjects.add(Subjects.register(mvc, "US-CA", "Rowan Period-" + tag, "rowan." + tag + "@period.example"));
        }
        String held = subjects.get(0);
        String hold = json.readTree(mvc.perform(post("/api/subjects/" + held + "/legal-holds")
                        .with(signedIn("staff", "lethe-staff")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"retentionClasses\":[\"USAGE\"],\"caseReference\":\"case-2026-81\"}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString()).get("holdId").asString();

        // every subject's piece at one instant: one period for all of them, with time to watch its job waiting
        Instant periodEnd = periods.endOf(periods.periodOf(Instant.now()));
        if (Duration.between(Instant.now(), periodEnd).compareTo(Duration.ofSeconds(8)) < 0) {
            Thread.sleep(Duration.between(Instant.now(), periodEnd).toMillis() + 50);
        }
        Instant at = Instant.now();
        ArrayNode pieces = json.createArrayNode();
        for (String subject : subjects) {
            ObjectNode piece = pieces.addObject();
            piece.put("subjectId", subject);
            piece.put("occurredAt", at.toString());
            piece.put("kind", "APPLICATION");
            piece.put("action", "viewed");
            piece.put("target", "home");
            piece.put("region", "US-CA");
        }
        ObjectNode batch = json.createObjectNode();
        batch.set("activities", pieces);
        mvc.perform(post("/api/activity").with(signedIn("service", "lethe-service")).contentType(MediaType.APPLICATION_JSON)
                        .content(batch.toString()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.recorded").value(SUBJECTS));

        String period = await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForList(
                "SELECT DISTINCT period FROM usage_period WHERE subject_id = ANY (?)", String.class,
                (Object) subjects.toArray(String[]::new)), found -> found.size() == 1).get(0);
        await().atMost(Duration.ofSeconds(20)).until(() -> owed(period), owed -> owed == SUBJECTS);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM scheduled_tasks WHERE task_name = 'usage-period-retention' "
                + "AND task_instance = ?", Long.class, period)).as("one job for the period").isEqualTo(1);

        // the period ends, and is kept three seconds more: then every key but the held subject's goes
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(subjects.stream().skip(1).filter(subject -> liveKey(subject, period)).toList())
                        .as("periods still holding a key").isEmpty());
        assertThat(liveKey(held, period)).as("a legal hold on USAGE keeps the period").isTrue();
        String sample = subjects.get(SUBJECTS - 1);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode outcome = periodEvidence(sample, period);
            assertThat(outcome.get("state").asString()).isEqualTo("DESTROYED");
            assertThat(outcome.get("reference").asString()).isEqualTo("saga:retention:" + sample + ":usage-period:" + period);
        });
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(periodEvidence(held, period).get("holds")).as("the evidence names the hold").isNotEmpty();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM scheduled_tasks WHERE task_name = 'usage-period-retention' "
                    + "AND task_instance = ?", Long.class, period)).as("the job is done").isZero();
        });

        mvc.perform(delete("/api/subjects/" + held + "/legal-holds/" + hold).with(signedIn("staff", "lethe-staff"))
                        .contentType(MediaType.APPLICATION_JSON))
                .andExpect(status().isNoContent());
        assertThat(liveKey(held, period)).as("released: the withheld period goes at once").isFalse();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(periodEvidence(held, period).get("state").asString()).isEqualTo("DESTROYED");
            assertThat(owedOrWithheld(period)).as("nothing left of the period").isZero();
        });
    }

    private long owed(String period) {
        return jdbc.queryForObject("SELECT count(*) FROM usage_period WHERE period = ? AND sent_at IS NULL", Long.class, period);
    }

    private long owedOrWithheld(String period) {
        return jdbc.queryForObject("SELECT count(*) FROM usage_period WHERE period = ?", Long.class, period);
    }

    private boolean liveKey(String subject, String period) {
        return jdbc.queryForObject("SELECT count(*) FROM subject_key WHERE subject_id = ? AND wrapped_key IS NOT NULL",
                Long.class, subject + "/" + period) == 1;
    }

    private JsonNode periodEvidence(String subject, String period) throws Exception {
        JsonNode periods = json.readTree(mvc.perform(get("/api/subjects/" + subject + "/deletion-evidence")
                        .with(signedIn("auditor", "lethe-auditor")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString()).get("usagePeriods");
        for (JsonNode outcome : periods) {
            if (period.equals(outcome.get("period").asString())) {
                return outcome;
            }
        }
        throw new AssertionError("no evidence of period " + period + " yet");
    }
}
