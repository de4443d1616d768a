package io.lethe.platform.activity;

import io.lethe.platform.PlatformTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static io.lethe.platform.Callers.signedIn;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Categories D, E and F through the HTTP API, with usage periods of seconds so that the rolling
 * retention can be watched: activity goes in by the thousand, shows in the 12-month report, and
 * falls out when its period is shredded, while the rest of the subject stays.
 */
@PlatformTest
@TestPropertySource(properties = {
        "lethe.retention.usage.period=PT5S",
        "lethe.retention.usage.kept-for=PT8S",
        "db-scheduler.polling-interval=1s"
})
class UsageDataEndToEndTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;

    @Test
    @DisplayName("10,000 activity events go in a thousand per request, show under D, and fall out by rolling retention")
    void activityGoesInByTheThousandShowsUnderDAndFallsOutByTheRollingRetention() throws Exception {
        String subject = register("Avery Stone", "avery@example.com");
        for (int request = 0; request < 10; request++) {
            Instant at = Instant.now().minusMillis(50);
            ArrayNode pieces = json.createArrayNode();
            for (int i = 0; i < 1_000; i++) {
                pieces.add(piece(subject, at, i % 7 == 0 ? "ADVERTISEMENT" : "APPLICATION", "viewed", "screen-" + i));
            }
            mvc.perform(service("/api/activity", batch(pieces)))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.recorded").value(1_000))
                    .andExpect(jsonPath("$.subjects").value(1))
                    .andExpect(jsonPath("$.refused.length()").value(0));
        }
        JsonNode report = report(subject);
        JsonNode activity = category(report, "D");
        assertThat(activity.get("piecesTotal").asInt()).isEqualTo(10_000);
        assertThat(pieces(report, "D")).as("the most recent 500, listed").hasSize(500)
                .allSatisfy(piece -> assertThat(piece.get("value").get("target").asString()).startsWith("screen-"));
        assertThat(pieces(report, "D").get(499).get("value").get("target").asString()).isEqualTo("screen-999");
        assertThat(pieces(report, "D").get(0).get("value").get("target").asString()).isEqualTo("screen-500");
        assertThat(report.get("collectedSince").isNull()).as("a US-CA report looks back 12 months").isFalse();
        // every piece, from the activity endpoint the report names, and the read logged
        var streaming = mvc.perform(get(activity.get("allPieces").asString()).with(signedIn("staff", "lethe-staff")))
                .andExpect(request().asyncStarted())
                .andExpect(header().string("X-Total-Count", "10000"))
                .andReturn();
        String all = mvc.perform(asyncDispatch(streaming)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(all.lines()).hasSize(10_000).allSatisfy(line -> assertThat(json.readTree(line).get("field").asString())
                .endsWith("Interaction"));
        assertThat(all.lines().filter(line -> line.contains("advertisementInteraction")).count()).isEqualTo(10 * 143);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            JsonNode later = report(subject);
            assertThat(pieces(later, "D")).as("every period shredded").isEmpty();
            assertThat(later.get("usagePeriodsErased").size()).isPositive();
        });
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode evidence = json.readTree(mvc.perform(get("/api/subjects/" + subject + "/deletion-evidence")
                    .with(signedIn("auditor", "lethe-auditor"))).andExpect(status().isOk()).andReturn().getResponse()
                    .getContentAsString());
            assertThat(evidence.get("usagePeriods")).isNotEmpty()
                    .allSatisfy(period -> assertThat(period.get("state").asString()).isEqualTo("DESTROYED"));
            assertThat(evidence.get("classes")).as("no class was destroyed").isEmpty();
        });
        JsonNode later = report(subject);
        assertThat(pieces(later, "A")).anySatisfy(piece -> assertThat(piece.get("value").asString()).isEqualTo("Avery Stone"));
        assertThat(later.get("erasedClasses").size()).as("the account's other data stays").isZero();
        // the account lives on: new activity goes into a new period
        ArrayNode fresh = json.createArrayNode();
        fresh.add(piece(subject, Instant.now(), "APPLICATION", "clicked", "shop"));
        mvc.perform(service("/api/activity", batch(fresh))).andExpect(jsonPath("$.recorded").value(1));
        assertThat(pieces(report(subject), "D")).hasSize(1);
    }

    @Test
    void aBatchIsCheckedWholeFirstAndRefusedSubjectsAreNamedWithTheirReason() throws Exception {
        String subject = register("Jordan Hale", "jordan@example.com");
        String unknown = UUID.randomUUID().toString();
        ArrayNode malformed = json.createArrayNode();
        malformed.add(piece(subject, Instant.now(), "APPLICATION", "viewed", "home"));
        ObjectNode badRegion = piece(subject, Instant.now(), "APPLICATION", "viewed", "home");
        badRegion.put("region", "12 Elm Street, Springfield");
        malformed.add(badRegion);
        mvc.perform(service("/api/activity", batch(malformed)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("activities[1].piece.region"))
                .andExpect(result -> assertThat(result.getResponse().getContentAsString()).doesNotContain("Elm Street"));
        ArrayNode withCard = json.createArrayNode();
        ObjectNode card = piece(subject, Instant.now(), "APPLICATION", "searched", "search");
        card.put("detail", "4111 1111 1111 1111");
        withCard.add(card);
        mvc.perform(service("/api/activity", batch(withCard)))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type").value("urn:problem-type:lethe:card-number-refused"))
                .andExpect(result -> assertThat(result.getResponse().getContentAsString()).doesNotContain("4111"));
        assertThat(pieces(report(subject), "D")).as("nothing of a refused batch is stored").isEmpty();

        ArrayNode mixed = json.createArrayNode();
        mixed.add(piece(subject, Instant.now(), "APPLICATION", "viewed", "home"));
        mixed.add(piece(unknown, Instant.now(), "APPLICATION", "viewed", "home"));
        mixed.add(piece(unknown, Instant.now(), "ADVERTISEMENT", "clicked", "ad-7"));
        mixed.add(piece(subject, Instant.now().plusSeconds(3_600), "APPLICATION", "viewed", "future"));
        mixed.add(piece(subject, Instant.now(), "APPLICATION", "viewed", "home"));
        mvc.perform(service("/api/activity", batch(mixed)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.recorded").value(0))
                .andExpect(jsonPath("$.subjects").value(0))
                .andExpect(jsonPath("$.refused.length()").value(2))
                .andExpect(jsonPath("$.refused[0].subjectId").value(subject))
                .andExpect(jsonPath("$.refused[0].pieces").value(3))
                .andExpect(jsonPath("$.refused[0].code").value("activity-in-the-future"))
                .andExpect(jsonPath("$.refused[1].subjectId").value(unknown))
                .andExpect(jsonPath("$.refused[1].code").value("subject-not-found"));
        mvc.perform(post("/api/activity").with(signedIn("staff", "lethe-staff")).contentType(MediaType.APPLICATION_JSON)
                .content(batch(mixed))).andExpect(status().isForbidden());
    }

    @Test
    void inquiriesAndInferencesShowUnderEAndFWithWhatTheyWereDrawnFrom() throws Exception {
        String subject = register("Morgan Lee", "morgan@example.com");
        mvc.perform(service("/api/subjects/" + subject + "/communications",
                        "{\"kind\":\"INQUIRY\",\"occurredAt\":\"" + Instant.now().minusSeconds(60) + "\","
                                + "\"topic\":\"billing\",\"content\":\"Why was I charged twice?\"}"))
                .andExpect(status().isCreated());
        mvc.perform(service("/api/subjects/" + subject + "/inferences",
                        "{\"characteristic\":\"spending tier\",\"value\":\"high\",\"drawnFrom\":[\"C\",\"D\"],"
                                + "\"sources\":[\"purchases 2026\"],\"inferredBy\":\"segmentation-v2\"}"))
                .andExpect(status().isCreated());
        mvc.perform(service("/api/subjects/" + subject + "/inferences",
                        "{\"characteristic\":\"x\",\"value\":\"y\",\"drawnFrom\":[],\"inferredBy\":\"m\"}"))
                .andExpect(status().isBadRequest());
        JsonNode report = report(subject);
        JsonNode inquiry = pieces(report, "E").get(0);
        assertThat(inquiry.get("value").get("content").asString()).isEqualTo("Why was I charged twice?");
        assertThat(inquiry.get("source").asString()).contains("inquiry");
        JsonNode inference = pieces(report, "F").get(0);
        assertThat(inference.get("value").get("value").asString()).isEqualTo("high");
        assertThat(inference.get("value").get("drawnFrom").toString()).isEqualTo("[\"C\",\"D\"]");
        assertThat(inference.get("source").asString()).isEqualTo("drawn by segmentation-v2 from categories C, D");
        JsonNode export = json.readTree(mvc.perform(get("/api/subjects/" + subject + "/portability-export")
                .with(signedIn("staff", "lethe-staff"))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        assertThat(export.get("communications").get(0).get("topic").asString()).isEqualTo("billing");
        assertThat(export.toString()).as("inferences are not data the subject provided").doesNotContain("spending tier");
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

    private static java.util.List<JsonNode> pieces(JsonNode report, String category) {
        for (JsonNode entry : report.get("categories")) {
            if (entry.get("category").asString().equals(category)) {
                java.util.List<JsonNode> pieces = new java.util.ArrayList<>();
                entry.get("pieces").forEach(pieces::add);
                return pieces;
            }
        }
        return java.util.List.of();
    }

    private ObjectNode piece(String subject, Instant at, String kind, String action, String target) {
        ObjectNode piece = json.createObjectNode();
        piece.put("subjectId", subject);
        piece.put("occurredAt", at.toString());
        piece.put("kind", kind);
        piece.put("action", action);
        piece.put("target", target);
        piece.put("region", "US-CA");
        return piece;
    }

    private String batch(ArrayNode pieces) {
        ObjectNode batch = json.createObjectNode();
        batch.set("activities", pieces);
        return batch.toString();
    }

    private String register(String name, String email) throws Exception {
        return json.readTree(mvc.perform(service("/api/subjects", "{\"jurisdiction\":\"US-CA\",\"name\":\"" + name
                        + "\",\"dateOfBirth\":\"1985-06-01\",\"email\":\"" + email + "\"}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString()).get("subjectId").asString();
    }

    private static MockHttpServletRequestBuilder service(String path, String body) {
        return post(path).with(signedIn("service", "lethe-service")).contentType(MediaType.APPLICATION_JSON).content(body);
    }
}
