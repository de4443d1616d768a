package io.lethe.platform.crypto;

import io.lethe.platform.EmbeddedPlatform;
import io.lethe.platform.PlatformClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two nodes on one database, as a command node and a query node would run: the query node keeps
 * reading a subject — its key cache warm, and set to keep keys for ten minutes — while the other node
 * shreds the subject. Within seconds the query node serves the erased values, in the summary and in
 * the access report, and goes on serving the other subjects.
 */
class TwoNodesTest {

    @TempDir
    Path dataDirectory;

    @Test
    void aNodeThatKeepsReadingAShreddedSubjectStopsDecryptingWithinSeconds() {
        try (ConfigurableApplicationContext commandNode = EmbeddedPlatform.start(dataDirectory, "--lethe.crypto.key-cache-ttl=10m");
             ConfigurableApplicationContext queryNode = EmbeddedPlatform.start(dataDirectory, "--lethe.crypto.key-cache-ttl=10m",
                     "--lethe.roles=query", "--db-scheduler.enabled=false")) {
            PlatformClient commands = new PlatformClient(commandNode);
            PlatformClient queries = new PlatformClient(queryNode);
            String tag = UUID.randomUUID().toString().substring(0, 8);
            String name = "Noor Twonode-" + tag;
            String subject = commands.register(name, "noor." + tag + "@nodes.example");
            String other = commands.register("Olli Stays-" + tag, "olli." + tag + "@nodes.example");
            await().atMost(Duration.ofSeconds(20)).until(() -> name.equals(summaryName(queries, subject)));
            assertThat(queries.get("/api/subjects/" + subject + "/access-report", "staff").body()).contains(name);

            assertThat(commands.post("/api/subjects/" + subject + "/shredding", "staff",
                    "{\"retentionClasses\":[\"PROFILE\"],\"reason\":\"ERASURE_REQUEST\",\"reference\":\"req-" + tag + "\"}")
                    .status()).isEqualTo(200);
            Instant shredded = Instant.now();

            // the report decrypts the events with the query node's own cached keys: only an eviction stops it
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() ->
                    !queries.get("/api/subjects/" + subject + "/access-report", "staff").body().contains(name));
            assertThat(Duration.between(shredded, Instant.now())).isLessThan(Duration.ofSeconds(10));
            assertThat(summaryName(queries, subject)).isEqualTo("[erased]");
            assertThat(summaryName(queries, other)).isEqualTo("Olli Stays-" + tag);
        }
    }

    /** A product service retries through another node (a load balancer chose it): the key holds there too. */
    @Test
    void aRetryWithTheSameIdempotencyKeyOnAnotherNodeGetsTheFirstAnswerAndRegistersNoOneTwice() {
        try (ConfigurableApplicationContext first = EmbeddedPlatform.start(dataDirectory);
             ConfigurableApplicationContext second = EmbeddedPlatform.start(dataDirectory, "--lethe.roles=query",
                     "--db-scheduler.enabled=false")) {
            String tag = UUID.randomUUID().toString().substring(0, 8);
            String body = "{\"jurisdiction\":\"EU\",\"name\":\"Remy Retry-" + tag + "\",\"dateOfBirth\":\"1991-01-01\","
                    + "\"email\":\"remy." + tag + "@nodes.example\"}";
            org.springframework.jdbc.core.JdbcTemplate jdbc = first.getBean(org.springframework.jdbc.core.JdbcTemplate.class);
            String registrations = "SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%AccountRegisteredEvent'";
            long before = jdbc.queryForObject(registrations, Long.class);
            PlatformClient.Answer original = new PlatformClient(first).post("/api/subjects", "service", body, "reg-" + tag);
            PlatformClient.Answer retried = new PlatformClient(second).post("/api/subjects", "service", body, "reg-" + tag);
            assertThat(original.status()).isEqualTo(201);
            assertThat(retried.status()).isEqualTo(201);
            assertThat(retried.body()).isEqualTo(original.body());
            assertThat(retried.header("Location")).isEqualTo(original.header("Location"));
            assertThat(retried.header("Idempotent-Replayed")).isEqualTo("true");
            assertThat(jdbc.queryForObject(registrations, Long.class)).as("one subject, not two").isEqualTo(before + 1);
        }
    }

    /**
     * The node a caller writes and reads on runs none of the read models' segments: they run on the
     * other node. A read there with the position it was given is answered once that other node's
     * committed tokens show the subject — never "not found", never the state before.
     */
    @Test
    void aReadWithItsPositionWaitsForTheSegmentsAnotherNodeRuns() throws Exception {
        try (ConfigurableApplicationContext queryNode = EmbeddedPlatform.start(dataDirectory, "--lethe.roles=query",
                "--db-scheduler.enabled=false");
             ConfigurableApplicationContext entryNode = EmbeddedPlatform.start(dataDirectory)) {
            // the entry node gives up its read models; the query node takes over every segment
            org.axonframework.config.EventProcessingConfiguration entryProcessing =
                    entryNode.getBean(org.axonframework.config.EventProcessingConfiguration.class);
            org.axonframework.config.EventProcessingConfiguration queryProcessing =
                    queryNode.getBean(org.axonframework.config.EventProcessingConfiguration.class);
            java.util.Map<String, Integer> segments = java.util.Map.of("subject-summary", 4, "deletion-evidence", 2,
                    "privacy-requests", 2, "provision-records", 2, "breach-register", 1, "purpose-changes", 1);
            for (String readModel : segments.keySet()) {
                entryProcessing.eventProcessor(readModel, org.axonframework.eventhandling.StreamingEventProcessor.class)
                        .orElseThrow().shutdownAsync().get();
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> segments.entrySet().stream().allMatch(readModel ->
                    queryProcessing.eventProcessor(readModel.getKey(), org.axonframework.eventhandling.StreamingEventProcessor.class)
                            .orElseThrow().processingStatus().size() == readModel.getValue()));
            PlatformClient entry = new PlatformClient(entryNode);
            for (int i = 0; i < 10; i++) {
                String tag = UUID.randomUUID().toString().replaceAll("[^a-f]", "");
                PlatformClient.Answer registered = entry.post("/api/subjects", "service", "{\"jurisdiction\":\"EU\","
                        + "\"name\":\"Wren Waits-" + tag + "\",\"dateOfBirth\":\"1991-01-01\",\"email\":\"wren." + tag
                        + "@nodes.example\"}");
                assertThat(registered.status()).isEqualTo(201);
                String subject = registered.json().get("subjectId").asString();
                PlatformClient.Answer read = entry.get("/api/subjects/" + subject, "staff",
                        io.lethe.command.WritePosition.READ_AFTER, registered.header(io.lethe.command.WritePosition.HEADER));
                assertThat(read.status()).as(read.body()).isEqualTo(200);
                assertThat(read.json().get("name").asString()).isEqualTo("Wren Waits-" + tag);
            }
        }
    }

    private static String summaryName(PlatformClient node, String subject) {
        PlatformClient.Answer answer = node.get("/api/subjects/" + subject, "staff");
        return answer.status() == 200 ? answer.json().get("name").asString() : null;
    }
}
