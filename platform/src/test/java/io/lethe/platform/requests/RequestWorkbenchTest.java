package io.lethe.platform.requests;

import io.lethe.platform.PlatformClient;
import io.lethe.platform.PlatformTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request's workbench as the API gives it: internal notes, the trail of who did what (the subject's
 * history narrowed to the request), and the history's filters by type and time. A note is the
 * subject's personal data: erased with their communications.
 */
@PlatformTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RequestWorkbenchTest {

    @Autowired
    ConfigurableApplicationContext context;

    @Test
    void aNoteJoinsTheRequestsTrailWithWhoWroteItAndIsErasedWithTheSubjectsCommunications() {
        PlatformClient client = new PlatformClient(context);
        String subject = client.register("Nadia Notes", "nadia.notes@example.eu");
        PlatformClient.Answer submitted = client.post("/api/subjects/" + subject + "/privacy-requests", "service",
                "{\"type\":\"access\",\"requester\":\"SUBJECT\",\"channel\":\"EMAIL\"}");
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
        String request = submitted.json().get("requestId").asString();
        PlatformClient.Answer second = client.post("/api/subjects/" + subject + "/privacy-requests", "service",
                "{\"type\":\"portability\",\"requester\":\"SUBJECT\",\"channel\":\"EMAIL\"}");
        String other = second.json().get("requestId").asString();
        String written = second.header("Lethe-Position");
        // the queue in the order asked for
        assertThat(ids(client.get("/api/privacy-requests?subjectId=" + subject + "&sort=received", "staff",
                "Lethe-Read-After", written).json()))
                .containsExactly(request, other);
        assertThat(ids(client.get("/api/privacy-requests?subjectId=" + subject + "&sort=-received", "staff").json()))
                .containsExactly(other, request);
        assertThat(client.get("/api/privacy-requests?sort=name", "staff").status()).isEqualTo(400);
        // the subjects in the order asked for; processor work a page at a time
        JsonNode oldestFirst = client.get("/api/subjects?sort=registered&size=5", "staff").json().get("items");
        for (int i = 1; i < oldestFirst.size(); i++) {
            assertThat(Instant.parse(oldestFirst.get(i).get("registeredAt").asString()))
                    .isAfterOrEqualTo(Instant.parse(oldestFirst.get(i - 1).get("registeredAt").asString()));
        }
        JsonNode newestFirst = client.get("/api/subjects?size=5", "staff").json().get("items");
        for (int i = 1; i < newestFirst.size(); i++) {
            assertThat(Instant.parse(newestFirst.get(i).get("registeredAt").asString()))
                    .isBeforeOrEqualTo(Instant.parse(newestFirst.get(i - 1).get("registeredAt").asString()));
        }
        assertThat(client.get("/api/subjects?sort=-last-activity", "staff").status()).isEqualTo(200);
        assertThat(client.get("/api/subjects?sort=name", "staff").status()).isEqualTo(400);
        assertThat(client.get("/api/processor-deletions?size=0", "staff").status()).isEqualTo(400);
        assertThat(client.get("/api/processor-corrections?page=0&size=1", "staff").json().size()).isLessThanOrEqualTo(1);
        assertThat(client.get("/api/breaches?size=0", "staff").status()).isEqualTo(400);
        assertThat(client.get("/api/breaches?state=all&size=1", "staff").json().size()).isLessThanOrEqualTo(1);

        assertThat(client.post("/api/subjects/" + subject + "/privacy-requests/" + request + "/identity-verification",
                "staff", "{\"method\":\"AUTHENTICATED_SESSION\"}").status()).isEqualTo(204);

        PlatformClient.Answer noted = client.post("/api/subjects/" + subject + "/privacy-requests/" + request + "/notes",
                "staff", "{\"text\":\"Nadia called back; she wants the answer by post.\"}");
        assertThat(noted.status()).as(noted.body()).isEqualTo(201);
        assertThat(noted.json().get("noteId").asString()).isNotBlank();
        assertThat(noted.header("Location")).endsWith("/api/audit/subjects/" + subject + "/events?requestId=" + request);
        // a product service keeps no notes; a note is no place for a card number
        assertThat(client.post("/api/subjects/" + subject + "/privacy-requests/" + request + "/notes", "service",
                "{\"text\":\"from a service\"}").status()).isEqualTo(403);
        assertThat(client.post("/api/subjects/" + subject + "/privacy-requests/" + request + "/notes", "staff",
                "{\"text\":\"card 4111 1111 1111 1111\"}").status()).isEqualTo(422);
        assertThat(client.post("/api/subjects/" + subject + "/privacy-requests/" + request + "/notes", "staff",
                "{\"text\":\"  \"}").status()).isEqualTo(400);

        // the trail: this request's events only, each with who caused it, the note readable
        PlatformClient.Answer trail = client.get("/api/audit/subjects/" + subject + "/events?requestId=" + request, "staff");
        assertThat(trail.status()).isEqualTo(200);
        assertThat(types(trail.json())).containsExactly("PrivacyRequestSubmittedEvent", "IdentityVerifiedEvent",
                "RequestNoteAddedEvent");
        assertThat(trail.header("X-Total-Count")).isEqualTo("3");
        JsonNode note = trail.json().get(2);
        assertThat(note.get("principal").asString()).isEqualTo("staff");
        assertThat(note.get("payload").get("text").asString()).isEqualTo("Nadia called back; she wants the answer by post.");
        assertThat(types(client.get("/api/audit/subjects/" + subject + "/events?requestId=" + other, "staff").json()))
                .containsExactly("PrivacyRequestSubmittedEvent");

        // filters by type (repeated) and time; a known subject with nothing in the window is an empty page, not a 404
        PlatformClient.Answer typed = client.get("/api/audit/subjects/" + subject
                + "/events?type=RequestNoteAddedEvent&type=AccountRegisteredEvent", "staff");
        assertThat(types(typed.json())).containsExactly("AccountRegisteredEvent", "RequestNoteAddedEvent");
        assertThat(typed.header("X-Total-Count")).isEqualTo("2");
        String noteTime = note.get("timestamp").asString();
        PlatformClient.Answer since = client.get("/api/audit/subjects/" + subject + "/events?from=" + encode(noteTime), "auditor");
        assertThat(types(since.json())).containsExactly("RequestNoteAddedEvent");
        PlatformClient.Answer before = client.get("/api/audit/subjects/" + subject + "/events?until="
                + encode(Instant.parse(noteTime).minusSeconds(3600).toString()), "auditor");
        assertThat(before.status()).isEqualTo(200);
        assertThat(before.json().size()).isZero();
        assertThat(before.header("X-Total-Count")).isEqualTo("0");
        assertThat(client.get("/api/audit/subjects/" + subject + "/events?from=2026-01-02T00:00:00Z&until=2026-01-01T00:00:00Z",
                "auditor").status()).isEqualTo(400);
        assertThat(client.get("/api/audit/subjects/" + subject + "/events?type=not-a-type", "auditor").status()).isEqualTo(400);
        assertThat(client.get("/api/audit/subjects/" + UUID.randomUUID() + "/events?type=RequestNoteAddedEvent", "auditor")
                .status()).isEqualTo(404);

        // erased with the subject's communications
        assertThat(client.post("/api/subjects/" + subject + "/shredding", "staff",
                "{\"retentionClasses\":[\"COMMUNICATIONS\"],\"reason\":\"ERASURE_REQUEST\",\"reference\":\"req-notes\"}")
                .status()).isEqualTo(200);
        JsonNode erased = client.get("/api/audit/subjects/" + subject + "/events?type=RequestNoteAddedEvent", "staff").json().get(0);
        assertThat(erased.get("payload").get("text").asString()).doesNotContain("Nadia");
        // and a note, being the subject's communications, can no longer be kept
        PlatformClient.Answer refused = client.post("/api/subjects/" + subject + "/privacy-requests/" + request + "/notes",
                "staff", "{\"text\":\"After the erasure\"}");
        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(refused.json().get("type").asString()).isEqualTo("urn:problem-type:lethe:personal-data-erased");
    }

    private static List<String> types(JsonNode entries) {
        List<String> types = new ArrayList<>();
        entries.forEach(entry -> types.add(entry.get("type").asString()));
        return types;
    }

    private static List<String> ids(JsonNode requests) {
        List<String> ids = new ArrayList<>();
        requests.forEach(view -> ids.add(view.get("requestId").asString()));
        return ids;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
