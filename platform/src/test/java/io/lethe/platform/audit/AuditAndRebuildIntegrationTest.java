package io.lethe.platform.audit;

import io.lethe.platform.PlatformTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static io.lethe.platform.Callers.signedIn;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The auditors' history (who, when, what — redacted after shredding), its export, and a projection rebuild. */
@PlatformTest
class AuditAndRebuildIntegrationTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;

    @Test
    void aSubjectsHistoryShowsEachEventWithItsPrincipalAndCorrelationAndRedactsWhatWasShredded() throws Exception {
        String subject = registerLinkAndBuy("Hist Orian", "hist.orian@example.eu");

        JsonNode events = auditGet("/api/audit/subjects/" + subject + "/events");
        assertThat(events.size()).isEqualTo(3);
        assertThat(events.get(0).get("type").asString()).isEqualTo("AccountRegisteredEvent");
        assertThat(events.get(0).get("revision").asString()).isEqualTo("1");
        assertThat(events.get(0).get("principal").asString()).isEqualTo("service");
        assertThat(events.get(0).get("correlationId").asString()).isNotBlank();
        assertThat(events.get(0).get("payload").get("name").asString()).isEqualTo("Hist Orian");
        assertThat(events.get(2).get("type").asString()).isEqualTo("PurchaseRecordedEvent");
        assertThat(events.get(2).get("sequence").asLong()).isEqualTo(2);

        mvc.perform(post("/api/subjects/" + subject + "/shredding").with(signedIn("staff", "lethe-staff"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"retentionClasses\":[\"PROFILE\"],\"reason\":\"ERASURE_REQUEST\",\"reference\":\"req-77\"}"))
                .andExpect(status().isOk());

        JsonNode after = auditGet("/api/audit/subjects/" + subject + "/events");
        assertThat(after.get(0).get("payload").get("name").asString()).isEqualTo("[erased]");
        assertThat(after.get(3).get("type").asString()).isEqualTo("PersonalDataShreddedEvent");
        assertThat(after.get(3).get("principal").asString()).isEqualTo("staff");
        assertThat(after.get(3).get("payload").get("reference").asString()).isEqualTo("req-77");
        assertThat(after.toString()).doesNotContain("Hist Orian", "hist.orian@example.eu");
    }

    @Test
    void theGlobalHistoryPagesByPositionToItsEnd() throws Exception {
        registerLinkAndBuy("Paige Ing", "paige@example.eu");
        long after = -1;
        long previous = -1;
        int seen = 0;
        while (true) {
            JsonNode page = auditGet("/api/audit/events?size=2&after=" + after);
            for (JsonNode event : page.get("events")) {
                assertThat(event.get("position").asLong()).isGreaterThan(previous);
                previous = event.get("position").asLong();
                seen++;
            }
            if (page.get("nextAfter") == null || page.get("nextAfter").isNull()) {
                break;
            }
            after = page.get("nextAfter").asLong();
        }
        assertThat(seen).isGreaterThanOrEqualTo(3);
    }

    @Test
    void aSubjectAsOfAMomentShowsWhatWasHeldThen() throws Exception {
        String subject = mvcRegister("Tim Eline", "tim@example.eu");
        Thread.sleep(20);
        Instant between = Instant.now();
        Thread.sleep(20);
        purchase(subject);

        JsonNode before = auditGet("/api/audit/subjects/" + subject + "/as-of?at=" + between);
        assertThat(before.get("existed").asBoolean()).isTrue();
        assertThat(before.get("purchases").asInt()).isZero();
        assertThat(before.get("held").get("email").asString()).isEqualTo("tim@example.eu");
        JsonNode now = auditGet("/api/audit/subjects/" + subject + "/as-of?at=" + Instant.now());
        assertThat(now.get("purchases").asInt()).isEqualTo(1);
        JsonNode beforeBirth = auditGet("/api/audit/subjects/" + subject + "/as-of?at=2000-01-01T00:00:00Z");
        assertThat(beforeBirth.get("existed").asBoolean()).isFalse();
    }

    @Test
    void theExportIsOneHistoryEntryPerLine() throws Exception {
        String subject = registerLinkAndBuy("Ex Port", "export@example.eu");
        MvcResult started = mvc.perform(get("/api/audit/export").with(auditor()))
                .andExpect(request().asyncStarted())
                .andReturn();
        MvcResult result = mvc.perform(asyncDispatch(started)).andExpect(status().isOk()).andReturn();

        assertThat(result.getResponse().getContentType()).startsWith("application/x-ndjson");
        List<JsonNode> lines = Arrays.stream(result.getResponse().getContentAsString().split("\n"))
                .map(line -> json.readTree(line)).toList();
        assertThat(lines).anySatisfy(line -> {
            assertThat(line.get("subjectId").asString()).isEqualTo(subject);
            assertThat(line.get("type").asString()).isEqualTo("AccountRegisteredEvent");
            assertThat(line.get("position").isNumber()).isTrue();
        });
    }

    @Test
    void anAdminRebuildsAProjectionWhileThePlatformKeepsServing() throws Exception {
        String subject = registerLinkAndBuy("Re Build", "rebuild@example.eu");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> mvc.perform(get("/api/subjects/" + subject)
                .with(signedIn("staff", "lethe-staff"))).andExpect(status().isOk()));

        mvc.perform(post("/api/admin/processors/subject-summary/rebuild").with(signedIn("admin", "lethe-admin"))
                        .contentType(MediaType.APPLICATION_JSON))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.rebuild.startedAt").isNotEmpty());
        String during = mvcRegister("Dur Ing", "during@example.eu");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                mvc.perform(get("/api/admin/processors/subject-summary").with(signedIn("admin", "lethe-admin")))
                        .andExpect(jsonPath("$.rebuild.done").value(true))
                        .andExpect(jsonPath("$.caughtUp").value(true)));
        for (String id : List.of(subject, during)) {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> mvc.perform(get("/api/subjects/" + id)
                    .with(signedIn("staff", "lethe-staff"))).andExpect(status().isOk()));
        }
        mvc.perform(post("/api/admin/processors/no-such-processor/rebuild").with(signedIn("admin", "lethe-admin"))
                        .contentType(MediaType.APPLICATION_JSON))
                .andExpect(status().isNotFound());
    }

    private JsonNode auditGet(String path) throws Exception {
        String body = mvc.perform(get(path).with(auditor())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        return json.readTree(body);
    }

    private String registerLinkAndBuy(String name, String email) throws Exception {
        String subject = mvcRegister(name, email);
        mvc.perform(post("/api/subjects/" + subject + "/social-logins").with(service()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"provider\":\"line\",\"externalId\":\"l-1\",\"username\":\"u1\"}"))
                .andExpect(status().isCreated());
        purchase(subject);
        return subject;
    }

    private void purchase(String subject) throws Exception {
        mvc.perform(post("/api/subjects/" + subject + "/purchases").with(service()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"item\":\"Pass\",\"amount\":{\"currency\":\"EUR\",\"minorUnits\":900},"
                                + "\"card\":{\"expiry\":\"03/30\",\"lastFour\":\"1881\"}}"))
                .andExpect(status().isCreated());
    }

    private String mvcRegister(String name, String email) throws Exception {
        String body = mvc.perform(post("/api/subjects").with(service()).contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(Map.of("jurisdiction", "UK", "name", name,
                                "dateOfBirth", "1991-02-03", "email", email))))
                .andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString();
        return json.readTree(body).get("subjectId").asString();
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor service() {
        return signedIn("service", "lethe-service");
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor auditor() {
        return signedIn("auditor", "lethe-auditor");
    }
}
