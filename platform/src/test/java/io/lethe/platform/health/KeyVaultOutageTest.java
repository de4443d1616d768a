package io.lethe.platform.health;

import io.lethe.platform.EmbeddedPlatform;
import io.lethe.platform.PlatformClient;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The key vault in a PostgreSQL of its own (as in the distributed shape) stops. The node had stayed
 * ready and let requests hang for the vault pool's 30 s before a 503 that blamed the message bus; now
 * readiness goes DOWN at once, the health names the vault's database, and every request is refused
 * within two seconds naming it. When the vault is back, so is the node.
 */
class KeyVaultOutageTest {

    private static final Duration FAST = Duration.ofSeconds(2);

    @TempDir
    Path directory;

    @Test
    void aKeyVaultDatabaseThatStopsTakesTheNodeOutOfServiceAndIsNamedInEveryRefusal() throws Exception {
        int vaultPort = io.lethe.platform.FreePorts.any();
        EmbeddedPostgres vault = vault(vaultPort);
        try (ConfigurableApplicationContext node = EmbeddedPlatform.start(directory.resolve("node"),
                "--lethe.embedded-postgres.durable=false",
                "--lethe.crypto.vault.url=jdbc:postgresql://localhost:" + vaultPort + "/postgres",
                "--lethe.crypto.vault.username=postgres")) {
            PlatformClient client = new PlatformClient(node);
            String subject = client.register("Vera Vault", "vera.vault@example.eu");
            assertThat(client.get("/actuator/health/readiness", "admin").status()).isEqualTo(200);

            vault.close();
            await().atMost(FAST).pollInterval(Duration.ofMillis(100))
                    .until(() -> client.get("/actuator/health/readiness", "admin").status() == 503);
            JsonNode database = client.get("/actuator/health", "admin").json().get("components").get("database");
            assertThat(database.get("components").get("key-vault").get("status").asString()).isEqualTo("DOWN");
            assertThat(database.get("components").get("platform").get("status").asString()).isEqualTo("UP");

            Instant sent = Instant.now();
            PlatformClient.Answer purchase = client.post("/api/subjects/" + subject + "/purchases", "service",
                    "{\"item\":\"Pass\",\"amount\":{\"currency\":\"EUR\",\"minorUnits\":900},"
                            + "\"card\":{\"expiry\":\"03/30\",\"lastFour\":\"1881\"}}");
            PlatformClient.Answer read = client.get("/api/subjects/" + subject, "staff");
            assertThat(Duration.between(sent, Instant.now())).isLessThan(FAST);
            for (PlatformClient.Answer answer : new PlatformClient.Answer[]{purchase, read}) {
                assertThat(answer.status()).isEqualTo(503);
                assertThat(answer.json().get("type").asString()).isEqualTo("urn:problem-type:lethe:database-unavailable");
                assertThat(answer.json().get("database").asString()).isEqualTo("key-vault");
            }

            vault = vault(vaultPort);
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                    .until(() -> client.get("/actuator/health/readiness", "admin").status() == 200);
            await().atMost(Duration.ofSeconds(20)).until(() -> client.post("/api/subjects/" + subject + "/purchases", "service",
                    "{\"item\":\"Pass\",\"amount\":{\"currency\":\"EUR\",\"minorUnits\":900},"
                            + "\"card\":{\"expiry\":\"03/30\",\"lastFour\":\"1881\"}}").status() == 201);
        } finally {
            vault.close();
        }
    }

    /** The vault's own PostgreSQL on a fixed port, over the same data every time it starts. */
    private EmbeddedPostgres vault(int port) throws IOException {
        return EmbeddedPostgres.builder()
                .setDataDirectory(directory.resolve("vault"))
                .setCleanDataDirectory(false)
                .setPort(port)
                .setRegisterShutdownHook(false)
                .start();
    }

}
