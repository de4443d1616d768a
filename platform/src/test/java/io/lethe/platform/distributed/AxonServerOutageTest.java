package io.lethe.platform.distributed;

import io.lethe.platform.EmbeddedPlatform;
import io.lethe.platform.PlatformClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;
import tools.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A node of the distributed shape loses Axon Server — the network to a real Axon Server is cut — and
 * gets it back. While it is gone the node is out of service and reads of the event store (a subject's
 * history, the global history, the access report) answer 503 {@code messaging-unavailable}, with the
 * gRPC status in the log; a hung Axon Server makes the export fail before its first byte. When it is
 * back, readiness turns UP only once every streaming processor of the node runs again with no segment
 * in error, and the processor view of an idle, caught-up node says nothing is behind.
 *
 * <p>Runs against {@code LETHE_TEST_AXONSERVER} (host:gRPC-port) or a container of the tested image,
 * like {@link AxonServerShapeTest}; skipped, saying so, elsewhere.
 */
@ExtendWith(OutputCaptureExtension.class)
class AxonServerOutageTest {

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
        try {
            if (!DockerClientFactory.instance().isDockerAvailable()) {
                System.out.println("[AxonServerOutageTest] " + AxonServerShapeTest.SKIPPED);
                return;
            }
        } catch (RuntimeException | LinkageError notAvailable) {
            System.out.println("[AxonServerOutageTest] " + AxonServerShapeTest.SKIPPED);
            return;
        }
        container = new GenericContainer<>(DockerImageName.parse(AxonServerShapeTest.IMAGE))
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

    @Test
    void aNodeThatLosesAxonServerAnswers503AndIsReadyAgainOnlyWithItsProcessorsRunning(CapturedOutput output)
            throws Exception {
        Assumptions.assumeTrue(servers != null, AxonServerShapeTest.SKIPPED);
        try (NetworkCut network = new NetworkCut(servers);
             ConfigurableApplicationContext node = EmbeddedPlatform.start(dataDirectory,
                     "--lethe.embedded-postgres.durable=false",
                     "--axon.axonserver.enabled=true", "--axon.axonserver.servers=" + network.address(),
                     "--spring.profiles.active=default,axonserver")) {
            PlatformClient client = new PlatformClient(node);
            String tag = UUID.randomUUID().toString().substring(0, 8);
            String subject = client.register("Ada Outage-" + tag, "ada." + tag + "@outage.example");
            await().atMost(Duration.ofSeconds(30)).until(() -> client.get("/api/subjects/" + subject, "staff").status() == 200);
            await().atMost(Duration.ofSeconds(30)).until(() -> client.get("/actuator/health/readiness", "admin").status() == 200);

            // idle and caught up: nothing is behind
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                for (JsonNode processor : client.get("/api/admin/processors", "admin").json()) {
                    String name = processor.get("name").asString();
                    assertThat(processor.get("caughtUp").asBoolean()).as(name).isTrue();
                    assertThat(processor.get("behind").asLong()).as("%s behind", name).isZero();
                }
            });

            // a hung Axon Server: the export cannot read the head and says so before its first byte
            network.freeze();
            try {
                Instant asked = Instant.now();
                PlatformClient.Answer export = client.get("/api/audit/export?after=-1", "auditor");
                assertThat(Duration.between(asked, Instant.now())).isLessThan(Duration.ofSeconds(20));
                assertThat(export.status()).as(export.body()).isEqualTo(503);
                assertThat(export.json().get("type").asString()).isEqualTo("urn:problem-type:lethe:messaging-unavailable");
            } finally {
                network.thaw();
            }
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> client.get("/actuator/health/readiness", "admin").status() == 200);
            PlatformClient.Answer export = client.get("/api/audit/export?after=-1", "auditor");
            assertThat(export.status()).isEqualTo(200);
            assertThat(export.body().strip().lines().reduce((first, second) -> second).orElseThrow())
                    .startsWith("{\"exportEnd\":{\"complete\":true");

            network.cut();
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                    .until(() -> client.get("/actuator/health/readiness", "admin").status() == 503);
            for (String read : new String[]{"/api/audit/subjects/" + subject + "/events", "/api/audit/events?after=-1&size=10",
                    "/api/subjects/" + subject + "/access-report"}) {
                Instant sent = Instant.now();
                PlatformClient.Answer answer = client.get(read, read.contains("audit") ? "auditor" : "staff");
                assertThat(Duration.between(sent, Instant.now())).as(read).isLessThan(Duration.ofSeconds(15));
                assertThat(answer.status()).as("%s: %s", read, answer.body()).isEqualTo(503);
                assertThat(answer.json().get("type").asString()).isEqualTo("urn:problem-type:lethe:messaging-unavailable");
            }
            assertThat(output.getOut()).contains("Messaging unavailable (gRPC ");

            network.mend();
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                    .until(() -> client.get("/actuator/health/readiness", "admin").status() == 200);
            for (JsonNode processor : client.get("/api/admin/processors", "admin").json()) {
                String name = processor.get("name").asString();
                assertThat(processor.get("running").asBoolean()).as("%s running when the node is ready", name).isTrue();
                assertThat(processor.get("segmentsInError").asInt()).as("%s in error when the node is ready", name).isZero();
            }
            String after = client.register("Bo Back-" + tag, "bo." + tag + "@outage.example");
            await().atMost(Duration.ofSeconds(30)).until(() -> client.get("/api/subjects/" + after, "staff").status() == 200);
        }
    }
}
