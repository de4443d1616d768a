package io.lethe.platform.breach;

import io.lethe.platform.PlatformTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static io.lethe.platform.Callers.signedIn;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** A breach across Japan, the EU and Taiwan through HTTP: the duties, their due times, notification, closure. */
@PlatformTest
class BreachEndToEndTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    @Test
    void aBreachAcrossJapanTheEuAndTaiwanOwesEachLawsNoticesByItsDeadline() throws Exception {
        Instant aware = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        String body = mvc.perform(staff("/api/breaches", """
                        {"awareAt":"%s","summaryReference":"incident-2026-11","facts":{
                          "affectedByJurisdiction":{"JP":1200,"EU":40,"TW":5},"categories":["A","D"],
                          "sensitive":false,"financialDamageRisk":false,"malicious":true,"encryptedKeySafe":false}}"""
                        .formatted(aware)))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        String breach = json.readTree(body).get("breachId").asString();

        Map<String, JsonNode> duties = awaitDuties(breach, 5);
        assertThat(Instant.parse(duties.get("gdpr-authority").get("dueAt").asString())).isEqualTo(aware.plus(Duration.ofHours(72)));
        assertThat(Instant.parse(duties.get("appi-preliminary-report").get("dueAt").asString())).isEqualTo(aware.plus(Duration.ofDays(5)));
        assertThat(Instant.parse(duties.get("appi-final-report").get("dueAt").asString())).isEqualTo(aware.plus(Duration.ofDays(60)));
        assertThat(duties.get("appi-individuals").get("recipient").asString()).isEqualTo("INDIVIDUALS");
        assertThat(duties.get("pdpa-individuals").get("dueAt").isNull()).isTrue();
        Thread.sleep(5_100); // the gauges reuse a count for five seconds
        mvc.perform(get("/actuator/prometheus").with(signedIn("admin", "lethe-admin")))
                .andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content().string(
                        org.hamcrest.Matchers.matchesPattern("(?s).*lethe_breach_duties_open\\{[^}]*jurisdiction=\"JP\"[^}]*\\} [1-9].*")));

        mvc.perform(staff("/api/breaches/" + breach + "/assessment", "{\"risk\":\"HIGH\",\"assessmentReference\":\"dpia-9\"}"))
                .andExpect(status().isNoContent());
        Instant clarified = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        mvc.perform(staff("/api/breaches/" + breach + "/clarification", "{\"clarifiedAt\":\"" + clarified + "\"}"))
                .andExpect(status().isNoContent());
        duties = awaitDuties(breach, 6);
        assertThat(Instant.parse(duties.get("gdpr-individuals").get("dueAt").asString())).isEqualTo(aware.plus(Duration.ofHours(72)));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                awaitDuties(breach, 6).get("pdpa-individuals").get("dueAt").isNull()).isFalse());
        assertThat(Instant.parse(awaitDuties(breach, 6).get("pdpa-individuals").get("dueAt").asString()))
                .isEqualTo(clarified.plus(Duration.ofHours(72)));

        mvc.perform(staff("/api/breaches/" + breach + "/closure", "{\"reference\":\"too-early\"}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("urn:problem-type:lethe:breach-duties-open"));
        for (String duty : duties.keySet()) {
            mvc.perform(staff("/api/breaches/" + breach + "/notifications", "{\"dutyId\":\"" + duty + "\",\"reference\":\"sent-" + duty + "\"}"))
                    .andExpect(status().isNoContent());
        }
        mvc.perform(staff("/api/breaches/" + breach + "/closure", "{\"reference\":\"closure-1\"}")).andExpect(status().isNoContent());
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> mvc.perform(get("/api/breaches/" + breach)
                        .with(signedIn("staff", "lethe-staff")))
                .andExpect(jsonPath("$.status").value("CLOSED"))
                .andExpect(jsonPath("$.risk").value("HIGH")));
    }

    @Test
    void aBreachWithBadFactsIsRefusedAndWritesNothing() throws Exception {
        long before = reportedBreaches();
        mvc.perform(staff("/api/breaches", """
                        {"awareAt":"%s","facts":{"affectedByJurisdiction":{},"categories":[]}}""".formatted(Instant.now())))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").exists());
        mvc.perform(staff("/api/breaches", """
                        {"awareAt":"%s","facts":{"affectedByJurisdiction":{"EU":1},"categories":["A"],"sensitive":false,
                         "financialDamageRisk":false,"malicious":false,"encryptedKeySafe":false}}"""
                        .formatted(Instant.now().plus(Duration.ofDays(1)))))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type").value("urn:problem-type:lethe:breach-aware-in-future"));
        assertThat(reportedBreaches()).isEqualTo(before);
    }

    private long reportedBreaches() {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%BreachReportedEvent'",
                Long.class);
    }

    private Map<String, JsonNode> awaitDuties(String breach, int expected) {
        Map<String, JsonNode> duties = new HashMap<>();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            duties.clear();
            String body = mvc.perform(get("/api/breaches/" + breach).with(signedIn("staff", "lethe-staff")))
                    .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
            json.readTree(body).get("duties").forEach(duty -> duties.put(duty.get("dutyId").asString(), duty));
            assertThat(duties).hasSize(expected);
        });
        return duties;
    }

    private static MockHttpServletRequestBuilder staff(String path, String body) {
        return post(path).with(signedIn("staff", "lethe-staff")).contentType(MediaType.APPLICATION_JSON).content(body);
    }
}
