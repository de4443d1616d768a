package io.lethe.platform.ops;

import io.lethe.platform.PlatformTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static io.lethe.platform.Callers.signedIn;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Real faults, made in the database: a projection's update that PostgreSQL refuses, and a retention
 * shredding whose ledger entry it refuses. The first parks the subject's events without quoting a value
 * and holds back no erasure; the second keeps its deadline, shows up as overdue, and is done once the
 * fault is gone. Nothing is lost, and both are visible to operators.
 */
@PlatformTest
@TestPropertySource(properties = {
        "lethe.retention.after-termination.USAGE=4s",
        "db-scheduler.polling-interval=1s",
        "lethe.dead-letters.retry-interval=1h"})
@ExtendWith(OutputCaptureExtension.class)
class ProcessingFailuresTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MeterRegistry meters;

    @Test
    void aRefusedSummaryUpdateParksTheSubjectQuotingNoValueAndHoldsBackNoErasure(CapturedOutput output) throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String name = "Parker Stuck-" + tag;
        String email = "parker." + tag + "@dlq.example";
        String subject = register(name, email);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> summary(subject).andExpect(jsonPath("$.name").value(name)));
        String constraint = "refuse_" + tag;
        jdbc.execute("ALTER TABLE subject_summary ADD CONSTRAINT " + constraint
                + " CHECK (subject_id <> '" + subject + "'::uuid OR purchase_count = 0)");
        try {
            String position = mvc.perform(post("/api/subjects/" + subject + "/purchases").with(service()).contentType(MediaType.APPLICATION_JSON)
                            .content("{\"item\":\"Locker\",\"amount\":{\"currency\":\"EUR\",\"minorUnits\":300},"
                                    + "\"card\":{\"expiry\":\"02/30\",\"lastFour\":\"1881\"}}"))
                    .andExpect(status().isCreated()).andReturn().getResponse().getHeader("Lethe-Position");

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(jdbc.queryForList(
                    "SELECT cause_message FROM dead_letter_entry WHERE processing_group = 'subject-summary' AND sequence_identifier = ?",
                    String.class, subject)).singleElement().asString()
                    .contains("SQL state 23514").doesNotContain(tag, "lethe:v", "Failing row"));
            // a read after the purchase is told at once that the summary will not show it, not given the old row
            mvc.perform(get("/api/subjects/" + subject).with(io.lethe.platform.Callers.signedIn("staff", "lethe-staff"))
                            .header("Lethe-Read-After", position))
                    .andExpect(status().isServiceUnavailable())
                    .andExpect(jsonPath("$.type").value("urn:problem-type:lethe:read-model-parked"));
            JsonNode queue = body(get("/api/admin/dead-letters/subject-summary").with(admin()));
            JsonNode parked = find(queue.get("parked"), subject);
            assertThat(parked.get("letters").get(0).get("eventType").asString()).isEqualTo("PurchaseRecordedEvent");
            assertThat(parked.get("letters").get(0).get("failures").asInt()).isEqualTo(1);
            assertThat(meters.get("lethe.dead-letters.sequences").tag("processing_group", "subject-summary").gauge().value())
                    .isGreaterThanOrEqualTo(1);

            // the erasure's event is parked behind the failure; the summary's sealed copy is erased all the same
            mvc.perform(post("/api/subjects/" + subject + "/shredding").with(staff()).contentType(MediaType.APPLICATION_JSON)
                            .content("{\"retentionClasses\":[\"PROFILE\"],\"reason\":\"ERASURE_REQUEST\",\"reference\":\"req-" + tag + "\"}"))
                    .andExpect(status().isOk());
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                    "SELECT count(*) FROM dead_letter_entry WHERE sequence_identifier = ? AND processing_group = 'subject-summary'",
                    Long.class, subject)).isEqualTo(2));
            summary(subject).andExpect(jsonPath("$.name").value("[erased]")).andExpect(jsonPath("$.email").value("[erased]"))
                    .andExpect(jsonPath("$.erasedClasses").isEmpty());

            // a retry while the fault stands leaves it parked, counted
            assertThat(body(post("/api/admin/dead-letters/subject-summary/retry").with(admin()).contentType(MediaType.APPLICATION_JSON)).get("released").asInt()).isZero();
            JsonNode stillParked = find(body(get("/api/admin/dead-letters/subject-summary").with(admin())).get("parked"), subject);
            assertThat(stillParked.get("letters").get(0).get("failures").asInt()).isEqualTo(2);
            assertThat(stillParked.get("letters")).hasSize(2);
            assertThat(stillParked.get("lettersTotal").asLong()).isEqualTo(2);
        } finally {
            jdbc.execute("ALTER TABLE subject_summary DROP CONSTRAINT " + constraint);
        }

        assertThat(body(post("/api/admin/dead-letters/subject-summary/retry").with(admin()).contentType(MediaType.APPLICATION_JSON)).get("released").asInt()).isEqualTo(1);
        summary(subject).andExpect(jsonPath("$.purchaseCount").value(1)).andExpect(jsonPath("$.erasedClasses[0]").value("PROFILE"));
        assertThat(output.getAll()).doesNotContain(name, email);
    }

    @Test
    void aRetentionShreddingThatFailsKeepsItsDeadlineIsListedAsOverdueAndIsDoneOnceTheFaultIsGone() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String subject = register("Dora Deadline-" + tag, "dora." + tag + "@deadline.example");
        jdbc.execute("CREATE OR REPLACE FUNCTION refuse_ledger_" + tag + "() RETURNS trigger AS $$ BEGIN "
                + "IF NEW.subject_id = '" + subject + "' THEN RAISE EXCEPTION 'the ledger is unavailable'; END IF; "
                + "RETURN NEW; END $$ LANGUAGE plpgsql");
        jdbc.execute("CREATE TRIGGER refuse_ledger_" + tag + " BEFORE INSERT ON shred_ledger FOR EACH ROW "
                + "EXECUTE FUNCTION refuse_ledger_" + tag + "()");
        try {
            mvc.perform(post("/api/subjects/" + subject + "/termination").with(service()).contentType(MediaType.APPLICATION_JSON)
                    .content("{\"reason\":\"SUBJECT_REQUEST\"}")).andExpect(status().isNoContent());

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode overdue = find(body(get("/api/admin/overdue-deadlines").with(admin())), subject);
                assertThat(overdue.get("deadline").asString()).isEqualTo("retention-due");
                assertThat(overdue.get("process").asString()).isEqualTo("RetentionSaga");
                assertThat(overdue.get("failures").asInt()).isPositive();
            });
            assertThat(meters.get("lethe.deadlines.failing").gauge().value()).isPositive();
            assertThat(shreddings(subject)).isZero();
        } finally {
            jdbc.execute("DROP TRIGGER refuse_ledger_" + tag + " ON shred_ledger");
        }

        assertThat(body(post("/api/admin/overdue-deadlines/retry").with(admin()).contentType(MediaType.APPLICATION_JSON)).get("rescheduled").asInt()).isPositive();
        await().atMost(Duration.ofSeconds(30)).until(() -> shreddings(subject) == 1);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(body(get("/api/admin/overdue-deadlines").with(admin())).findValues("subjectId").stream()
                        .map(JsonNode::asString)).doesNotContain(subject));
        assertThat(jdbc.queryForObject("SELECT retention_class FROM shred_ledger WHERE subject_id = ?", String.class, subject))
                .isEqualTo("USAGE");
    }

    @Test
    void aStatementPostgresRefusesNamesNoValueOfTheRefusedRow() {
        String value = "Refused Row-" + UUID.randomUUID();
        jdbc.execute("CREATE TABLE IF NOT EXISTS refusal_probe (value TEXT PRIMARY KEY)");
        jdbc.update("INSERT INTO refusal_probe VALUES (?)", value);

        Throwable refused = org.assertj.core.api.Assertions.catchThrowable(() ->
                jdbc.update("INSERT INTO refusal_probe VALUES (?)", value));

        assertThat(refused).isInstanceOf(org.springframework.dao.DuplicateKeyException.class);
        for (Throwable cause = refused; cause != null; cause = cause.getCause()) {
            assertThat(String.valueOf(cause.getMessage())).as(cause.getClass().getSimpleName())
                    .doesNotContain(value).doesNotContain("Key (value)");
        }
    }

    private long shreddings(String subject) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND payload_type LIKE '%PersonalDataShreddedEvent'", Long.class, subject);
    }

    /** The element of a list that names the subject (as its sequence, or in what its process is about). */
    private static JsonNode find(JsonNode list, String subject) {
        for (JsonNode element : list) {
            if (element.toString().contains(subject)) {
                return element;
            }
        }
        throw new AssertionError("nothing about " + subject + " in " + list);
    }

    private String register(String name, String email) throws Exception {
        return body(post("/api/subjects").with(service()).contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(Map.of("jurisdiction", "EU", "name", name, "dateOfBirth", "1980-01-01",
                        "email", email)))).get("subjectId").asString();
    }

    private org.springframework.test.web.servlet.ResultActions summary(String subject) throws Exception {
        return mvc.perform(get("/api/subjects/" + subject).with(staff())).andExpect(status().isOk());
    }

    private JsonNode body(MockHttpServletRequestBuilder call) throws Exception {
        return json.readTree(mvc.perform(call).andReturn().getResponse().getContentAsString());
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor service() {
        return signedIn("service", "lethe-service");
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor staff() {
        return signedIn("staff", "lethe-staff");
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor admin() {
        return signedIn("admin", "lethe-admin");
    }
}
