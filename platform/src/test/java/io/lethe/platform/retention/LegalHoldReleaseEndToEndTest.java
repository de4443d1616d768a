package io.lethe.platform.retention;

import io.lethe.platform.PlatformTest;
import io.lethe.platform.Subjects;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
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
 * A legal hold keeps what it covers, and no longer: a shredding it kept back — a staff decision or an
 * erasure request — happens when the hold is released, in the transaction that releases it, and the
 * evidence and the request's certificate say so.
 */
@PlatformTest
class LegalHoldReleaseEndToEndTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aStaffShreddingAHoldKeptBackInPartHappensWhenTheHoldIsReleased() throws Exception {
        String subject = register();
        String hold = placeHold(subject, "FINANCIAL");

        mvc.perform(staff(post("/api/subjects/" + subject + "/shredding"),
                        "{\"retentionClasses\":[\"PROFILE\",\"FINANCIAL\"],\"reason\":\"ERASURE_REQUEST\",\"reference\":\"req-held\"}"))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.destroyed[0]").value("PROFILE"))
                .andExpect(jsonPath("$.withheld[0]").value("FINANCIAL"))
                .andExpect(jsonPath("$.withheldBy[0]").value(hold));
        assertThat(liveKey(subject, "FINANCIAL")).isTrue();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode financial = evidence(subject, "FINANCIAL");
            assertThat(financial.get("state").asString()).isEqualTo("KEPT_BY_LEGAL_HOLD");
            assertThat(financial.get("holds").get(0).asString()).isEqualTo(hold);
        });

        mvc.perform(delete("/api/subjects/" + subject + "/legal-holds/" + hold).with(signedIn("staff", "lethe-staff"))
                        .contentType(MediaType.APPLICATION_JSON))
                .andExpect(status().isNoContent());
        // done in the transaction that released the hold, not later
        assertThat(liveKey(subject, "FINANCIAL")).isFalse();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM shred_ledger WHERE subject_id = ? AND retention_class = 'FINANCIAL'",
                Long.class, subject)).isEqualTo(1);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode financial = evidence(subject, "FINANCIAL");
            assertThat(financial.get("state").asString()).isEqualTo("DESTROYED");
            assertThat(financial.get("reason").asString()).isEqualTo("ERASURE_REQUEST");
            assertThat(financial.get("reference").asString()).isEqualTo("req-held");
        });
    }

    @Test
    void anErasureRequestAHoldKeptBackInPartIsCompletedAndItsCertificateReissuedWhenTheHoldIsReleased() throws Exception {
        String subject = register();
        String hold = placeHold(subject, "FINANCIAL");
        String request = json.readTree(mvc.perform(post("/api/subjects/" + subject + "/privacy-requests")
                        .with(signedIn("service", "lethe-service")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"type\":\"erasure\",\"requester\":\"SUBJECT\",\"channel\":\"WEB_FORM\"}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString()).get("requestId").asString();
        mvc.perform(staff(post("/api/subjects/" + subject + "/privacy-requests/" + request + "/identity-verification"),
                        "{\"method\":\"AUTHENTICATED_SESSION\"}"))
                .andExpect(status().isNoContent());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode certificate = requestView(request).get("certificate");
            assertThat(certificate.isNull()).isFalse();
            assertThat(certificate.get("withheldClasses").get(0).asString()).isEqualTo("FINANCIAL");
            assertThat(certificate.get("erasedClasses")).hasSize(3);
        });
        assertThat(liveKey(subject, "FINANCIAL")).isTrue();

        mvc.perform(delete("/api/subjects/" + subject + "/legal-holds/" + hold).with(signedIn("staff", "lethe-staff"))
                        .contentType(MediaType.APPLICATION_JSON))
                .andExpect(status().isNoContent());
        assertThat(liveKey(subject, "FINANCIAL")).isFalse();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode certificate = requestView(request).get("certificate");
            assertThat(certificate.get("erasedClasses")).hasSize(4);
            assertThat(certificate.get("withheldClasses")).isEmpty();
            assertThat(certificate.get("withheldBy")).isEmpty();
            JsonNode financial = evidence(subject, "FINANCIAL");
            assertThat(financial.get("state").asString()).isEqualTo("DESTROYED");
            assertThat(financial.get("reference").asString()).isEqualTo("request:" + request);
        });
    }

    private String register() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        return Subjects.register(mvc, "EU", "Hollis Held-" + tag, "hollis." + tag + "@hold.example");
    }

    private String placeHold(String subject, String retentionClass) throws Exception {
        return json.readTree(mvc.perform(staff(post("/api/subjects/" + subject + "/legal-holds"),
                        "{\"retentionClasses\":[\"" + retentionClass + "\"],\"caseReference\":\"case-2026-77\"}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString()).get("holdId").asString();
    }

    private boolean liveKey(String subject, String retentionClass) {
        return jdbc.queryForObject("SELECT count(*) FROM subject_key WHERE subject_id = ? AND retention_class = ? "
                + "AND wrapped_key IS NOT NULL", Long.class, subject, retentionClass) == 1;
    }

    private JsonNode evidence(String subject, String retentionClass) throws Exception {
        JsonNode classes = json.readTree(mvc.perform(get("/api/subjects/" + subject + "/deletion-evidence")
                        .with(signedIn("auditor", "lethe-auditor")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString()).get("classes");
        for (JsonNode outcome : classes) {
            if (retentionClass.equals(outcome.get("retentionClass").asString())) {
                return outcome;
            }
        }
        throw new AssertionError("no evidence yet for " + retentionClass);
    }

    private JsonNode requestView(String request) throws Exception {
        return json.readTree(mvc.perform(get("/api/privacy-requests/" + request).with(signedIn("staff", "lethe-staff")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
    }

    private static MockHttpServletRequestBuilder staff(MockHttpServletRequestBuilder call, String body) {
        return call.with(signedIn("staff", "lethe-staff")).contentType(MediaType.APPLICATION_JSON).content(body);
    }
}
