package io.lethe.platform.distributed;

import io.lethe.platform.EmbeddedPlatform;
import io.lethe.platform.PlatformClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;
import tools.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The distributed shape on a real Axon Server: a command node and a query-and-saga node, the events
 * in Axon Server, every command, query and event crossing it serialized. The README's walk-through
 * works across them: registration, the subject and the list, the access report, an erasure the other
 * node stops serving within seconds, a purpose change owed to the subject, and the audit history paged
 * and exported from a position — all through one entry point, the command node, which serves the
 * whole API and routes what it does not handle.
 *
 * <p>Axon Server is the one at {@code LETHE_TEST_AXONSERVER} (host:gRPC-port) when that is set, or a
 * container of the tested image where a Docker engine runs; otherwise the test is skipped, saying so.
 */
class AxonServerShapeTest {

    /** The Axon Server image the shape was tested with (docker/compose.yml pins the same). */
    static final String IMAGE = "axoniq/axonserver:2024.2.22";

    static final String SKIPPED = "Skipped: no Axon Server to test the distributed shape against. Set "
            + "LETHE_TEST_AXONSERVER=host:8124 to a running Axon Server, or run where a Docker engine can start " + IMAGE + ".";

    private static GenericContainer<?> container;
    private static String servers;

    @TempDir
    Path dataDirectory;

    @BeforeAll
    static void axonServer() {
        String configured = System.getenv("LETHE_TEST_AXONSERVER");
        if (configured != null && !configured.isBlank()) {
            servers = configured;
            return;
        }
        if (!dockerAvailable()) {
            System.out.println("[AxonServerShapeTest] " + SKIPPED);
            return;
        }
        container = new GenericContainer<>(DockerImageName.parse(IMAGE))
                .withEnv("AXONIQ_AXONSERVER_STANDALONE", "true")
                .withEnv("AXONIQ_AXONSERVER_DEVMODE_ENABLED", "true")
                .withExposedPorts(8024, 8124)
                .waitingFor(Wait.forHttp("/actuator/health").forPort(8024).withStartupTimeout(Duration.ofMinutes(3)));
        container.start();
        servers = container.getHost() + ":" + container.getMappedPort(8124);
    }

    @AfterAll
    static void stopAxonServer() {
        if (container != null) {
            container.stop();
        }
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError notAvailable) {
            return false;
        }
    }

    @Test
    void theWalkThroughWorksAcrossNodesConnectedByAxonServer() {
        Assumptions.assumeTrue(servers != null, SKIPPED);
        String[] shape = {"--axon.axonserver.enabled=true", "--axon.axonserver.servers=" + servers,
                "--lethe.requests.processors.email-delivery=7d"};
        try (ConfigurableApplicationContext commandNode = start("command", shape);
             ConfigurableApplicationContext queryNode = start("query,saga", shape)) {
            // one entry point: every call goes to the command node, which routes reads to the query node
            PlatformClient entry = new PlatformClient(commandNode);
            PlatformClient queryNodeDirectly = new PlatformClient(queryNode);
            assertThat(entry.get("/actuator/health", "admin").json().get("components").get("axonServer").get("status")
                    .asString()).isEqualTo("UP");

            String tag = UUID.randomUUID().toString().substring(0, 8);
            String name = "Axel Server-" + tag;
            String subject = entry.register(name, "axel." + tag + "@shape.example");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(entry.get("/api/subjects/" + subject, "staff").body()).contains(name));
            assertThat(entry.get("/api/subjects?jurisdiction=EU&size=200", "staff").body()).contains(subject);
            assertThat(entry.get("/api/subjects/" + subject + "/access-report", "staff").body()).contains(name);

            // the audit history pages from a position and the export resumes from one, to the head it began at
            // (a second subject, so that something follows the first event even on a fresh Axon Server)
            entry.register("Second Event-" + tag, "second." + tag + "@shape.example");
            JsonNode first = entry.get("/api/audit/events?after=-1&size=1", "auditor").json();
            long position = first.get("events").get(0).get("position").asLong();
            assertThat(first.get("nextAfter").asLong()).isEqualTo(position);
            assertThat(entry.get("/api/audit/events?after=" + position + "&size=5", "auditor").json().get("events"))
                    .isNotEmpty();
            PlatformClient.Answer export = entry.get("/api/audit/export?after=" + position, "auditor");
            assertThat(export.status()).isEqualTo(200);
            assertThat(export.body()).contains("\"position\":" + (position + 1));
            assertThat(export.body().strip().lines().reduce((line, next) -> next).orElseThrow())
                    .startsWith("{\"exportEnd\":{\"complete\":true");

            // a purpose change is owed to the subject: the fan-out pages the summaries across the bus
            assertThat(entry.post("/api/purpose-changes", "staff", "{\"changeId\":\"change-" + tag + "\","
                    + "\"purposes\":[\"ADVERTISING\"],\"categories\":[\"D\"],\"effectiveOn\":\"2027-01-01\","
                    + "\"noticeReference\":\"n-" + tag + "\"}").status()).isEqualTo(201);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(entry.get("/api/purpose-changes/change-" + tag + "/notices", "staff").body()).contains(subject));

            // an erasure request, through the processor's confirmation, to shredding; the query node stops serving the name
            String request = entry.post("/api/subjects/" + subject + "/privacy-requests", "service",
                    "{\"type\":\"erasure\",\"requester\":\"SUBJECT\",\"channel\":\"WEB_FORM\"}").json().get("requestId").asString();
            assertThat(entry.post("/api/subjects/" + subject + "/privacy-requests/" + request + "/identity-verification", "staff",
                    "{\"method\":\"EMAIL_CONFIRMATION\"}").status()).isEqualTo(204);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(entry.get("/api/processor-deletions", "email-delivery").body()).contains(request));
            assertThat(entry.post("/api/subjects/" + subject + "/privacy-requests/" + request + "/processor-confirmations",
                    "email-delivery", "{\"reference\":\"t-" + tag + "\"}").status()).isEqualTo(204);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(entry.get("/api/privacy-requests/" + request, "staff").json().get("status").asString())
                        .isEqualTo("FULFILLED");
                assertThat(entry.get("/api/subjects/" + subject + "/access-report", "staff").body()).doesNotContain(name);
                assertThat(queryNodeDirectly.get("/api/subjects/" + subject + "/access-report", "staff").body()).doesNotContain(name);
            });
        }
    }

    private ConfigurableApplicationContext start(String roles, String... shape) {
        String[] arguments = new String[shape.length + 1];
        System.arraycopy(shape, 0, arguments, 0, shape.length);
        arguments[shape.length] = "--lethe.roles=" + roles;
        return EmbeddedPlatform.start(dataDirectory, arguments);
    }
}
