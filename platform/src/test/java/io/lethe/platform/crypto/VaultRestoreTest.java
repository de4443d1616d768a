package io.lethe.platform.crypto;

import io.lethe.platform.EmbeddedPlatform;
import io.lethe.platform.PlatformClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The key vault in a database of its own, backed up before an erasure and restored after it: the
 * restored keys are never used — the shred ledger, kept with the events, decides every read while the
 * platform runs, and at the next start the ledger is applied to the vault again before anything is
 * served. The subject stays erased; the others stay readable.
 */
@ExtendWith(OutputCaptureExtension.class)
class VaultRestoreTest {

    @TempDir
    Path dataDirectory;

    @Test
    void aVaultBackupFromBeforeAnErasureDoesNotMakeTheSubjectReadableAgain(CapturedOutput output) {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String erasedName = "Rhea Restored-" + tag;
        String keptName = "Kit Kept-" + tag;
        String erased;
        String kept;
        try (ConfigurableApplicationContext node = start()) {
            PlatformClient client = new PlatformClient(node);
            erased = client.register(erasedName, "rhea." + tag + "@restore.example");
            kept = client.register(keptName, "kit." + tag + "@restore.example");
            await().atMost(Duration.ofSeconds(20)).until(() -> erasedName.equals(summaryName(client, erased)));
            JdbcTemplate vault = new JdbcTemplate(node.getBean(KeyVaultDatabase.class).dataSource());
            assertThat(node.getBean(JdbcTemplate.class).queryForObject("SELECT count(*) FROM subject_key", Long.class))
                    .as("no key in the platform's own database").isZero();
            List<Map<String, Object>> backup = vault.queryForList("SELECT * FROM subject_key");

            assertThat(client.post("/api/subjects/" + erased + "/shredding", "staff",
                    "{\"retentionClasses\":[\"PROFILE\",\"FINANCIAL\",\"USAGE\",\"COMMUNICATIONS\"],"
                            + "\"reason\":\"ERASURE_REQUEST\",\"reference\":\"req-" + tag + "\"}").status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(20)).until(() -> "[erased]".equals(summaryName(client, erased)));

            restore(vault, backup);
            assertThat(vault.queryForObject("SELECT count(*) FROM subject_key WHERE subject_id = ? AND wrapped_key IS NOT NULL",
                    Long.class, erased)).as("the restored vault holds the erased subject's keys again").isEqualTo(4L);
            assertThat(summaryName(client, erased)).as("read while running").isEqualTo("[erased]");
            assertThat(client.get("/api/subjects/" + erased + "/access-report", "staff").body()).doesNotContain(erasedName);
        }

        try (ConfigurableApplicationContext node = start()) {
            PlatformClient client = new PlatformClient(node);
            JdbcTemplate vault = new JdbcTemplate(node.getBean(KeyVaultDatabase.class).dataSource());
            assertThat(vault.queryForObject("SELECT count(*) FROM subject_key WHERE subject_id = ? AND wrapped_key IS NOT NULL",
                    Long.class, erased)).as("shredded again at start-up").isZero();
            assertThat(output.getAll()).contains("The key vault held 4 live keys that the shred ledger records as destroyed");
            assertThat(summaryName(client, erased)).isEqualTo("[erased]");
            assertThat(client.get("/api/audit/subjects/" + erased + "/events", "auditor").body()).doesNotContain(erasedName);
            assertThat(summaryName(client, kept)).isEqualTo(keptName);
        }
    }

    private ConfigurableApplicationContext start() {
        return EmbeddedPlatform.start(dataDirectory, "--lethe.embedded-postgres.vault-database=lethe_vault");
    }

    /** What restoring a data-only dump of the vault does: its rows replace the table's. */
    private static void restore(JdbcTemplate vault, List<Map<String, Object>> backup) {
        vault.execute("TRUNCATE subject_key");
        for (Map<String, Object> row : backup) {
            vault.update("INSERT INTO subject_key (subject_id, retention_class, wrapped_key, kek_id, created_at, shredded_at) "
                            + "VALUES (?, ?, ?, ?, ?, ?)", row.get("subject_id"), row.get("retention_class"), row.get("wrapped_key"),
                    row.get("kek_id"), row.get("created_at"), row.get("shredded_at"));
        }
    }

    private static String summaryName(PlatformClient node, String subject) {
        PlatformClient.Answer answer = node.get("/api/subjects/" + subject, "staff");
        return answer.status() == 200 ? answer.json().get("name").asString() : null;
    }
}
