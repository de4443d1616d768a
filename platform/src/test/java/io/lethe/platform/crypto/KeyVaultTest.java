package io.lethe.platform.crypto;

import io.lethe.core.crypto.KeyShreddedException;
import io.lethe.core.personaldata.RetentionClass;
import io.lethe.platform.PlatformTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.crypto.SecretKey;
import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The key vault on the real PostgreSQL: creation, shredding, KEK rotation, and where KEKs come from. */
@PlatformTest
class KeyVaultTest {

    private static final String OLD_KEK = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String NEW_KEK = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

    @Autowired
    DataSource dataSource;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aKeyIsCreatedOnceOnFirstUseAndStoredOnlyWrapped() {
        KeyVaultNode vault = vault(properties(List.of(kek("k1", OLD_KEK)), null));
        String subject = UUID.randomUUID().toString();

        SecretKey first = vault.keyForEncryption(subject, RetentionClass.PROFILE);
        SecretKey again = vault(properties(List.of(kek("k1", OLD_KEK)), null)).keyForEncryption(subject, RetentionClass.PROFILE);

        assertThat(again.getEncoded()).isEqualTo(first.getEncoded());
        byte[] stored = jdbc.queryForObject("SELECT wrapped_key FROM subject_key WHERE subject_id = ? AND retention_class = 'PROFILE'",
                byte[].class, subject);
        assertThat(stored).isNotNull();
        assertThat(Base64.getEncoder().encodeToString(stored)).doesNotContain(Base64.getEncoder().encodeToString(first.getEncoded()));
        assertThat(java.util.Collections.indexOfSubList(boxed(stored), boxed(first.getEncoded()))).isEqualTo(-1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM subject_key WHERE subject_id = ?", Long.class, subject))
                .as("one key per class, made together").isEqualTo(RetentionClass.values().length);
        assertThat(vault.keyForDecryption(UUID.randomUUID().toString(), RetentionClass.FINANCIAL)).isEmpty();
    }

    @Test
    void aShreddedKeyIsGoneForGoodAndNeverRecreated() {
        KeyVaultNode vault = vault(properties(List.of(kek("k1", OLD_KEK)), null));
        String subject = UUID.randomUUID().toString();
        vault.keyForEncryption(subject, RetentionClass.PROFILE);

        Boolean shredded = new TransactionTemplate(transactions).execute(status -> vault.shred(subject, RetentionClass.PROFILE));
        assertThat(shredded).isTrue();

        assertThat(vault.keyForDecryption(subject, RetentionClass.PROFILE)).isEmpty();
        assertThatThrownBy(() -> vault.keyForEncryption(subject, RetentionClass.PROFILE))
                .isInstanceOf(KeyShreddedException.class);
        assertThat(vault.shred(subject, RetentionClass.PROFILE)).as("a second shredding").isFalse();
        assertThat(jdbc.queryForObject("SELECT wrapped_key IS NULL AND shredded_at IS NOT NULL FROM subject_key "
                + "WHERE subject_id = ? AND retention_class = 'PROFILE'", Boolean.class, subject)).isTrue();
    }

    @Test
    void aShreddingRolledBackWithItsCommandKeepsTheKey() {
        KeyVaultNode vault = vault(properties(List.of(kek("k1", OLD_KEK)), null));
        String subject = UUID.randomUUID().toString();
        SecretKey key = vault.keyForEncryption(subject, RetentionClass.FINANCIAL);

        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            vault.shred(subject, RetentionClass.FINANCIAL);
            status.setRollbackOnly();
        });

        assertThat(vault.keyForDecryption(subject, RetentionClass.FINANCIAL)).get()
                .extracting(SecretKey::getEncoded).isEqualTo(key.getEncoded());
    }

    @Test
    void aNodeThatNeverSeesTheShreddingStopsDecryptingWithinTheCacheBoundWhileItKeepsReading() {
        CryptoProperties properties = properties(List.of(kek("k1", OLD_KEK)), null);
        KeyVaultNode shredding = vault(properties);
        FakeTicker clock = new FakeTicker();
        KeyVaultNode reading = new KeyVaultNode(KeyVaultDatabase.shared(dataSource, transactions), new ShredLedger(dataSource),
                properties, clock);
        String subject = UUID.randomUUID().toString();
        shredding.keyForEncryption(subject, RetentionClass.PROFILE);
        assertThat(reading.keyForDecryption(subject, RetentionClass.PROFILE)).isPresent();

        new TransactionTemplate(transactions).executeWithoutResult(status -> shredding.shred(subject, RetentionClass.PROFILE));

        // read on and on, just under the bound: the key loaded before the shredding is still cached here
        for (int second = 0; second < 59; second++) {
            clock.advance(Duration.ofSeconds(1));
            assertThat(reading.keyForDecryption(subject, RetentionClass.PROFILE)).isPresent();
        }
        clock.advance(Duration.ofSeconds(1));
        assertThat(reading.keyForDecryption(subject, RetentionClass.PROFILE)).as("a minute after loading").isEmpty();
    }

    @Test
    void aNodeFollowingTheLedgerForgetsAKeyShreddedOnAnotherNodeAtItsNextLook() {
        CryptoProperties properties = properties(List.of(kek("k1", OLD_KEK)), null);
        KeyVaultNode shredding = vault(properties);
        KeyVaultNode reading = vault(properties);
        reading.followLedger(Duration.ofHours(1));
        String subject = UUID.randomUUID().toString();
        String other = UUID.randomUUID().toString();
        shredding.keyForEncryption(subject, RetentionClass.USAGE);
        shredding.keyForEncryption(other, RetentionClass.USAGE);
        assertThat(reading.keyForDecryption(subject, RetentionClass.USAGE)).isPresent();
        assertThat(reading.keyForDecryption(other, RetentionClass.USAGE)).isPresent();

        new TransactionTemplate(transactions).executeWithoutResult(status -> shredding.shred(subject, RetentionClass.USAGE));
        assertThat(reading.keyForDecryption(subject, RetentionClass.USAGE)).as("cached, before the look").isPresent();

        assertThat(reading.evictShreddedSinceLastLook()).isEqualTo(1);
        assertThat(reading.keyForDecryption(subject, RetentionClass.USAGE)).isEmpty();
        assertThat(reading.keyForDecryption(other, RetentionClass.USAGE)).isPresent();
        assertThat(reading.evictShreddedSinceLastLook()).as("each entry is seen once").isZero();
    }

    @Test
    void aLedgerEntryCommittedAfterALaterOneIsStillSeen() throws InterruptedException {
        CryptoProperties properties = properties(List.of(kek("k1", OLD_KEK)), null);
        KeyVaultNode shredding = vault(properties);
        KeyVaultNode reading = vault(properties);
        reading.followLedger(Duration.ofHours(1));
        String slow = UUID.randomUUID().toString();
        String fast = UUID.randomUUID().toString();
        shredding.keyForEncryption(slow, RetentionClass.PROFILE);
        shredding.keyForEncryption(fast, RetentionClass.PROFILE);
        reading.keyForDecryption(slow, RetentionClass.PROFILE);

        java.util.concurrent.CountDownLatch shredded = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch commit = new java.util.concurrent.CountDownLatch(1);
        Thread slowTransaction = new Thread(() -> new TransactionTemplate(transactions).executeWithoutResult(status -> {
            shredding.shred(slow, RetentionClass.PROFILE); // takes the earlier position, commits last
            shredded.countDown();
            try {
                commit.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        slowTransaction.start();
        try {
            assertThat(shredded.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            new TransactionTemplate(transactions).executeWithoutResult(status -> shredding.shred(fast, RetentionClass.PROFILE));
            assertThat(reading.evictShreddedSinceLastLook()).as("only the later entry is visible yet").isEqualTo(1);
        } finally {
            commit.countDown();
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !slowTransaction.isAlive());

        assertThat(reading.evictShreddedSinceLastLook()).as("the skipped position, filled since").isEqualTo(1);
        assertThat(reading.keyForDecryption(slow, RetentionClass.PROFILE)).isEmpty();
    }

    @Test
    void aVaultRestoredFromBeforeAShreddingIsShreddedAgainFromTheLedger() {
        KeyVaultNode vault = vault(properties(List.of(kek("k1", OLD_KEK)), null));
        String subject = UUID.randomUUID().toString();
        String younger = UUID.randomUUID().toString();
        SecretKey key = vault.keyForEncryption(subject, RetentionClass.PROFILE);
        List<Map<String, Object>> backup = jdbc.queryForList("SELECT * FROM subject_key WHERE subject_id = ?", subject);
        vault.keyForEncryption(younger, RetentionClass.PROFILE);
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            vault.shred(subject, Set.of(RetentionClass.values()));
            vault.shred(younger, Set.of(RetentionClass.values()));
        });

        // the restore: the old rows come back, and the younger subject's are missing altogether
        jdbc.update("DELETE FROM subject_key WHERE subject_id IN (?, ?)", subject, younger);
        for (Map<String, Object> row : backup) {
            jdbc.update("INSERT INTO subject_key (subject_id, retention_class, wrapped_key, kek_id, created_at) VALUES (?, ?, ?, ?, ?)",
                    row.get("subject_id"), row.get("retention_class"), row.get("wrapped_key"), row.get("kek_id"), row.get("created_at"));
        }
        KeyVaultNode restored = vault(properties(List.of(kek("k1", OLD_KEK)), null));
        assertThat(restored.keyForDecryption(subject, RetentionClass.PROFILE)).as("what a restore alone would bring back")
                .get().extracting(SecretKey::getEncoded).isEqualTo(key.getEncoded());

        KeyVaultNode started = vault(properties(List.of(kek("k1", OLD_KEK)), null));
        assertThat(started.reapplyLedger()).isEqualTo(RetentionClass.values().length);

        assertThat(started.keyForDecryption(subject, RetentionClass.PROFILE)).isEmpty();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM subject_key WHERE subject_id IN (?, ?) AND wrapped_key IS NULL",
                Long.class, subject, younger)).as("tombstones, also where the restored vault had no row")
                .isEqualTo(2L * RetentionClass.values().length);
        assertThatThrownBy(() -> started.keyForEncryption(younger, RetentionClass.USAGE)).isInstanceOf(KeyShreddedException.class);
        assertThat(started.reapplyLedger()).as("idempotent").isZero();
    }

    @Test
    void aSeparateVaultThatCannotDestroyAKeyNowIsRetriedAndTheLedgerDecidesMeanwhile() {
        String vaultDb = "v_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        jdbc.execute("CREATE DATABASE " + vaultDb);
        String url = ((com.zaxxer.hikari.HikariDataSource) dataSource).getJdbcUrl().replaceFirst("/[a-z0-9_]+(\\?|$)", "/" + vaultDb + "$1");
        CryptoProperties properties = properties(List.of(kek("k1", OLD_KEK)), null);
        try (KeyVaultDatabase separate = KeyVaultDatabase.separate(url, "postgres",
                ((com.zaxxer.hikari.HikariDataSource) dataSource).getPassword())) {
            JdbcTemplate vaultJdbc = new JdbcTemplate(separate.dataSource());
            KeyVaultNode node = new KeyVaultNode(separate, new ShredLedger(dataSource), properties);
            String subject = UUID.randomUUID().toString();
            node.keyForEncryption(subject, RetentionClass.PROFILE);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM subject_key WHERE subject_id = ?", Long.class, subject))
                    .as("nothing of the vault in the platform's database").isZero();

            vaultJdbc.execute("ALTER TABLE subject_key RENAME TO subject_key_away");
            new TransactionTemplate(transactions).executeWithoutResult(status -> node.shred(subject, RetentionClass.PROFILE));
            assertThat(node.pendingShreddings()).isEqualTo(1);
            vaultJdbc.execute("ALTER TABLE subject_key_away RENAME TO subject_key");
            assertThat(vaultJdbc.queryForObject("SELECT wrapped_key IS NOT NULL FROM subject_key WHERE subject_id = ? "
                    + "AND retention_class = 'PROFILE'", Boolean.class, subject)).as("the vault still holds the key").isTrue();

            KeyVaultNode otherNode = new KeyVaultNode(separate, new ShredLedger(dataSource), properties);
            assertThat(otherNode.keyForDecryption(subject, RetentionClass.PROFILE)).as("the ledger decides").isEmpty();
            assertThat(otherNode.keyForDecryption(subject, RetentionClass.FINANCIAL)).isPresent();

            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(vaultJdbc.queryForObject("SELECT wrapped_key IS NULL FROM subject_key WHERE subject_id = ? "
                            + "AND retention_class = 'PROFILE'", Boolean.class, subject)).isTrue());
            assertThat(node.pendingShreddings()).isZero();
            node.close();
            otherNode.close();
        }
    }

    @Test
    void theKeysOfASubjectThatNeverGotAnEventAreDroppedOnceNoCommandCanStillNeedThem(
            @Autowired UnusedKeySweep sweep, @Autowired org.axonframework.commandhandling.gateway.CommandGateway commands) {
        KeyVaultNode vault = vault(properties(List.of(kek("k1", OLD_KEK)), null));
        String orphan = UUID.randomUUID().toString();
        String recent = UUID.randomUUID().toString();
        String shredded = UUID.randomUUID().toString();
        io.lethe.core.subject.SubjectId registered = io.lethe.core.subject.SubjectId.random();
        commands.sendAndWait(new io.lethe.core.subject.RegisterAccountCommand(registered, io.lethe.core.jurisdiction.Jurisdiction.EU,
                "Ria Registered", java.time.LocalDate.of(1990, 1, 1), null, "ria@example.eu", null, null));
        vault.keyForEncryption(orphan, RetentionClass.PROFILE);
        vault.keyForEncryption(recent, RetentionClass.PROFILE);
        vault.keyForEncryption(shredded, RetentionClass.PROFILE);
        new TransactionTemplate(transactions).executeWithoutResult(status -> vault.shred(shredded, RetentionClass.USAGE));
        jdbc.update("UPDATE subject_key SET created_at = created_at - interval '2 hours' WHERE subject_id IN (?, ?, ?)",
                orphan, shredded, registered.toString());
        jdbc.update("DELETE FROM key_vault_sweep");

        assertThat(sweep.sweep()).as("a first sweep only condemns").isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM subject_key WHERE subject_id = ? AND condemned_at IS NOT NULL",
                Long.class, orphan)).isEqualTo(RetentionClass.values().length);
        jdbc.update("UPDATE subject_key SET condemned_at = condemned_at - interval '2 hours' WHERE subject_id = ?", orphan);

        assertThat(sweep.sweep()).isEqualTo(1);

        assertThat(jdbc.queryForObject("SELECT count(*) FROM subject_key WHERE subject_id = ?", Long.class, orphan)).isZero();
        for (String kept : List.of(recent, shredded, registered.toString())) {
            assertThat(jdbc.queryForObject("SELECT count(*) FROM subject_key WHERE subject_id = ? AND condemned_at IS NULL",
                    Long.class, kept)).as("kept").isEqualTo(RetentionClass.values().length);
        }
        assertThat(sweep.sweep()).as("the window was swept").isZero();
    }

    /**
     * The sweep found no event for a subject, and then a late retry of its registration sealed its
     * events under the subject's keys (cached before the sweep looked): the keys must not be dropped.
     */
    @Test
    void aKeyALateRetrySealsUnderWhileTheSweepLooksIsNeverDropped(@Autowired JdbcDataKeys platformKeys,
            @Autowired UnusedKeySweep sweep,
            @Autowired org.axonframework.commandhandling.gateway.CommandGateway commands,
            @Autowired org.axonframework.eventsourcing.eventstore.EventStore eventStore,
            @Autowired org.springframework.test.web.servlet.MockMvc mvc) throws Exception {
        io.lethe.core.subject.SubjectId late = io.lethe.core.subject.SubjectId.random();
        // a first registration made the keys and then failed; the keys are in this node's cache
        platformKeys.keyForEncryption(late.toString(), RetentionClass.PROFILE);
        jdbc.update("UPDATE subject_key SET created_at = created_at - interval '2 hours' WHERE subject_id = ?", late.toString());
        jdbc.update("DELETE FROM key_vault_sweep");
        java.util.function.Predicate<String> hasEvents = holder -> eventStore.lastSequenceNumberFor(holder).isPresent();

        // between the sweep's look at the event store and what it does next, the retry commits
        sweep.sweepUnusedKeys(UnusedKeySweep.GRACE, holder -> {
            boolean found = hasEvents.test(holder);
            if (holder.equals(late.toString())) {
                java.util.concurrent.CompletableFuture.runAsync(() -> commands.sendAndWait(
                        new io.lethe.core.subject.RegisterAccountCommand(late, io.lethe.core.jurisdiction.Jurisdiction.EU,
                                "Lars Late", java.time.LocalDate.of(1988, 8, 8), null, "lars@late.example", null, null))).join();
            }
            return found;
        });
        assertThat(jdbc.queryForObject("SELECT count(*) FROM subject_key WHERE subject_id = ? AND wrapped_key IS NOT NULL",
                Long.class, late.toString())).as("the keys the retry sealed under").isEqualTo(RetentionClass.values().length);

        // however long after, the next sweep sees the events and reprieves the keys
        jdbc.update("UPDATE subject_key SET condemned_at = condemned_at - interval '2 hours' WHERE subject_id = ?", late.toString());
        assertThat(sweep.sweepUnusedKeys(UnusedKeySweep.GRACE, hasEvents)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM subject_key WHERE subject_id = ? AND wrapped_key IS NOT NULL "
                + "AND condemned_at IS NULL", Long.class, late.toString())).isEqualTo(RetentionClass.values().length);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(mvc.perform(
                        org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/api/subjects/" + late)
                                .with(io.lethe.platform.Callers.signedIn("staff", "lethe-staff")))
                .andReturn().getResponse().getContentAsString()).contains("Lars Late"));
    }

    @Test
    void aCondemnedKeyWantedForEncryptionIsReprievedBeforeItIsUsed() {
        String subject = UUID.randomUUID().toString();
        KeyVaultNode firstNode = vault(properties(List.of(kek("k1", OLD_KEK)), null));
        SecretKey made = firstNode.keyForEncryption(subject, RetentionClass.PROFILE);
        firstNode.close();
        jdbc.update("UPDATE subject_key SET condemned_at = now() - interval '3 hours' WHERE subject_id = ?", subject);

        // another node, with nothing cached, seals under the subject's keys
        KeyVaultNode otherNode = vault(properties(List.of(kek("k1", OLD_KEK)), null));
        try {
            SecretKey sealing = otherNode.keyForEncryption(subject, RetentionClass.PROFILE);
            assertThat(sealing.getEncoded()).isEqualTo(made.getEncoded());
            assertThat(jdbc.queryForObject("SELECT count(*) FROM subject_key WHERE subject_id = ? AND condemned_at IS NOT NULL",
                    Long.class, subject)).as("reprieved").isZero();
        } finally {
            otherNode.close();
        }
    }

    @Test
    void rotationRewrapsEveryKeyUnderTheNewKekWithoutChangingIt() {
        KeyVaultNode before = vault(properties(List.of(kek("old", OLD_KEK)), null));
        String subject = UUID.randomUUID().toString();
        SecretKey profile = before.keyForEncryption(subject, RetentionClass.PROFILE);
        SecretKey financial = before.keyForEncryption(subject, RetentionClass.FINANCIAL);
        long events = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);

        KeyVaultNode rotating = vault(properties(List.of(kek("old", OLD_KEK), kek("new", NEW_KEK)), "new"));
        assertThat(rotating.rewrapToCurrentKek()).isGreaterThanOrEqualTo(2);
        assertThat(rotating.census()).doesNotContainKey("old");

        KeyVaultNode after = vault(properties(List.of(kek("new", NEW_KEK)), null));
        assertThat(after.keyForDecryption(subject, RetentionClass.PROFILE)).get()
                .extracting(SecretKey::getEncoded).isEqualTo(profile.getEncoded());
        assertThat(after.keyForDecryption(subject, RetentionClass.FINANCIAL)).get()
                .extracting(SecretKey::getEncoded).isEqualTo(financial.getEncoded());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class)).isEqualTo(events);
    }

    @Test
    void withoutAKekOrAKekFileThePlatformRefusesToStart() {
        assertThatThrownBy(() -> KeyEncryptionKeys.from(properties(List.of(), null)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("lethe.crypto.keks[0].key");
        assertThatThrownBy(() -> KeyEncryptionKeys.from(properties(List.of(kek("short", "AAAA")), null)))
                .hasMessageContaining("32 bytes");
        // every wrapped key names its KEK in 64 characters, and the key vault's answers state that bound
        String key = java.util.Base64.getEncoder().encodeToString(new byte[32]);
        assertThatThrownBy(() -> KeyEncryptionKeys.from(properties(List.of(kek("k".repeat(65), key)), null)))
                .hasMessageContaining("at most 64 characters");
    }

    @Test
    void thePostgresProfileRefusesToStartWithoutAKek() {
        String url = ((com.zaxxer.hikari.HikariDataSource) dataSource).getJdbcUrl();
        assertThatThrownBy(() -> new org.springframework.boot.builder.SpringApplicationBuilder(
                io.lethe.platform.LetheApplication.class).profiles("postgres").run(
                "--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
                "--spring.datasource.password=" + ((com.zaxxer.hikari.HikariDataSource) dataSource).getPassword(), "--server.port=0"))
                .satisfies(thrown -> {
                    Throwable cause = thrown;
                    while (cause.getCause() != null) {
                        cause = cause.getCause();
                    }
                    assertThat(cause).hasMessageContaining("No key-encryption key");
                });
    }

    @Test
    void theEmbeddedDefaultCreatesItsKekFileOnceReadableOnlyByItsOwner(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("data/lethe.kek");
        CryptoProperties properties = new CryptoProperties(List.of(), null, file, 10, Duration.ofMinutes(1), null, Duration.ofSeconds(1));

        KeyEncryptionKeys created = KeyEncryptionKeys.from(properties);
        String content = Files.readString(file);
        KeyEncryptionKeys read = KeyEncryptionKeys.from(properties);

        assertThat(Files.readString(file)).isEqualTo(content);
        assertThat(read.currentId()).isEqualTo(created.currentId());
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        SecretKey dataKey = KeyEncryptionKeys.newDataKey();
        assertThat(read.unwrap(created.wrap(dataKey, "s", RetentionClass.USAGE), created.currentId(), "s", RetentionClass.USAGE)
                .getEncoded()).isEqualTo(dataKey.getEncoded());
    }

    /** A clock for the key cache that moves only when told to. */
    private static final class FakeTicker implements com.github.benmanes.caffeine.cache.Ticker {
        private final java.util.concurrent.atomic.AtomicLong nanos = new java.util.concurrent.atomic.AtomicLong();

        @Override
        public long read() {
            return nanos.get();
        }

        void advance(Duration duration) {
            nanos.addAndGet(duration.toNanos());
        }
    }

    private static List<Byte> boxed(byte[] bytes) {
        List<Byte> list = new java.util.ArrayList<>();
        for (byte b : bytes) {
            list.add(b);
        }
        return list;
    }

    private KeyVaultNode vault(CryptoProperties properties) {
        return new KeyVaultNode(KeyVaultDatabase.shared(dataSource, transactions), new ShredLedger(dataSource), properties);
    }

    private static CryptoProperties properties(List<CryptoProperties.Kek> keks, String current) {
        return new CryptoProperties(keks, current, null, 1000, Duration.ofMinutes(1), null, Duration.ofSeconds(1));
    }

    private static CryptoProperties.Kek kek(String id, String key) {
        return new CryptoProperties.Kek(id, key);
    }
}
