package io.lethe.platform.activity;

import io.lethe.core.personaldata.UsagePeriods;
import io.lethe.platform.PlatformTest;
import io.lethe.platform.Subjects;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static io.lethe.platform.Callers.signedIn;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Product services' activity and staff's work on the same subjects at once, with more senders than
 * the pool has connections: each usage period takes its own lock, so neither waits for the other and
 * every piece is recorded; and a subject's termination, recorded while its activity pours in, lets
 * nothing in after it.
 */
@PlatformTest
class ActivityBesideStaffTest {

    private static final int SUBJECTS = 6;
    private static final int SENDERS = 24;

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    UsagePeriods periods;

    @Test
    @DisplayName("24 senders of activity beside staff placing and releasing holds on the same subjects: every piece lands")
    void activityAndStaffWorkOnTheSameSubjectsBothGoThrough() throws Exception {
        List<String> subjects = new ArrayList<>();
        for (int i = 0; i < SUBJECTS; i++) {
            String tag = UUID.randomUUID().toString().substring(0, 8);
            subjects.add(Subjects.register(mvc, "US-CA", "Beside Staff-" + tag, "beside." + tag + "@staff.example"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(SENDERS + SUBJECTS);
        AtomicInteger recorded = new AtomicInteger();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        List<Future<?>> work = new ArrayList<>();
        for (int sender = 0; sender < SENDERS; sender++) {
            int first = sender;
            work.add(pool.submit(() -> {
                for (int batch = 0; batch < 5; batch++) {
                    String subject = subjects.get((first + batch) % SUBJECTS);
                    MvcResult result = activity(subject, 10, "s" + first + "-b" + batch);
                    if (result.getResponse().getStatus() != 200) {
                        failures.add("activity " + result.getResponse().getStatus());
                        continue;
                    }
                    JsonNode answer = json.readTree(result.getResponse().getContentAsString());
                    recorded.addAndGet(answer.get("recorded").asInt());
                    answer.get("refused").forEach(refusal -> failures.add("refused " + refusal.get("code").asString()));
                }
                return null;
            }));
        }
        for (String subject : subjects) {
            work.add(pool.submit(() -> {
                for (int round = 0; round < 3; round++) {
                    MvcResult placed = mvc.perform(post("/api/subjects/" + subject + "/legal-holds")
                            .with(signedIn("staff", "lethe-staff")).contentType(MediaType.APPLICATION_JSON)
                            .content("{\"retentionClasses\":[\"USAGE\"],\"caseReference\":\"case-beside\"}")).andReturn();
                    if (placed.getResponse().getStatus() != 201) {
                        failures.add("hold " + placed.getResponse().getStatus());
                        continue;
                    }
                    String hold = json.readTree(placed.getResponse().getContentAsString()).get("holdId").asString();
                    int released = mvc.perform(delete("/api/subjects/" + subject + "/legal-holds/" + hold)
                            .with(signedIn("staff", "lethe-staff")).contentType(MediaType.APPLICATION_JSON))
                            .andReturn().getResponse().getStatus();
                    if (released != 204) {
                        failures.add("release " + released);
                    }
                }
                return null;
            }));
        }
        for (Future<?> done : work) {
            done.get(120, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(failures).isEmpty();
        assertThat(recorded.get()).isEqualTo(SENDERS * 5 * 10);
        String period = periods.periodOf(Instant.now().minusSeconds(1));
        long stored = 0;
        for (String subject : subjects) {
            stored += jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? "
                    + "AND payload_type = 'io.lethe.core.activity.ActivityRecordedEvent'", Long.class,
                    UsagePeriods.keyHolder(subject, period));
        }
        assertThat(stored).as("one event per batch, each in its period's own stream").isEqualTo(SENDERS * 5);
    }

    @Test
    @DisplayName("a termination recorded while activity pours in lets no piece in after it")
    void nothingIsFiledAfterTheSubjectSaysStop() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String subject = Subjects.register(mvc, "US-CA", "Stop Flow-" + tag, "stop." + tag + "@flow.example");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        AtomicBoolean stop = new AtomicBoolean();
        ConcurrentLinkedQueue<String> answers = new ConcurrentLinkedQueue<>();
        List<Future<?>> senders = new ArrayList<>();
        for (int sender = 0; sender < 8; sender++) {
            int id = sender;
            senders.add(pool.submit(() -> {
                int batch = 0;
                while (!stop.get()) {
                    JsonNode answer = json.readTree(activity(subject, 3, "t" + id + "-" + batch++).getResponse().getContentAsString());
                    answer.get("refused").forEach(refusal -> answers.add(refusal.get("code").asString()));
                }
                return null;
            }));
        }
        Thread.sleep(1_500);
        mvc.perform(post("/api/subjects/" + subject + "/termination").with(signedIn("service", "lethe-service"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"SUBJECT_REQUEST\"}"))
                .andReturn();
        Thread.sleep(1_000);
        stop.set(true);
        for (Future<?> sender : senders) {
            sender.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(answers).as("every refusal is the termination's").isNotEmpty().containsOnly("account-terminated");
        Long terminatedAt = jdbc.queryForObject("SELECT global_index FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND payload_type = 'io.lethe.core.subject.AccountTerminatedEvent'", Long.class, subject);
        Long lastActivity = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry WHERE aggregate_identifier LIKE ? "
                + "AND payload_type = 'io.lethe.core.activity.ActivityRecordedEvent'", Long.class, subject + "/%");
        assertThat(lastActivity).as("activity was recorded before the termination").isNotNull();
        assertThat(lastActivity).as("and none after it").isLessThan(terminatedAt);
    }

    private MvcResult activity(String subject, int pieces, String prefix) throws Exception {
        StringBuilder body = new StringBuilder("{\"activities\":[");
        Instant at = Instant.now().minusSeconds(1);
        for (int i = 0; i < pieces; i++) {
            body.append(i == 0 ? "" : ",").append("{\"subjectId\":\"").append(subject).append("\",\"occurredAt\":\"")
                    .append(at).append("\",\"kind\":\"APPLICATION\",\"action\":\"viewed\",\"target\":\"screen-").append(i)
                    .append("\",\"pieceId\":\"").append(prefix).append('-').append(i).append("\"}");
        }
        return mvc.perform(post("/api/activity").with(signedIn("service", "lethe-service"))
                .contentType(MediaType.APPLICATION_JSON).content(body.append("]}").toString())).andReturn();
    }
}
