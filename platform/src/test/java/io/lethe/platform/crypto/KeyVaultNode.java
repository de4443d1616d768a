package io.lethe.platform.crypto;

import com.github.benmanes.caffeine.cache.Ticker;
import io.lethe.core.personaldata.RetentionClass;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import javax.crypto.SecretKey;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One node's key vault, wired as {@link CryptoConfiguration} wires it but without Spring, so a test can
 * run several nodes on one database and drive their housekeeping by hand.
 */
final class KeyVaultNode implements AutoCloseable {

    private final JdbcDataKeys keys;
    private final ShredLedgerFollower follower;
    private final KekRotation rotation;
    private final KeyShredding shredding;
    private final VaultHousekeeping housekeeping;

    KeyVaultNode(KeyVaultDatabase database, ShredLedger ledger, CryptoProperties properties, Ticker ticker) {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        KeyEncryptionKeys keks = KeyEncryptionKeys.from(properties);
        KeyVault vault = new KeyVault(database, ledger, keks, meters);
        KeyCache cache = new KeyCache(vault, properties, meters, ticker);
        TransactionKeys transactionKeys = new TransactionKeys(cache);
        this.housekeeping = new VaultHousekeeping(vault);
        this.shredding = new KeyShredding(vault, ledger, cache, transactionKeys, housekeeping, meters, true);
        this.keys = new JdbcDataKeys(cache, transactionKeys, new KeyCreation(vault, cache, transactionKeys, meters), shredding);
        this.follower = new ShredLedgerFollower(ledger, vault, cache, housekeeping);
        this.rotation = new KekRotation(vault, keks);
    }

    KeyVaultNode(KeyVaultDatabase database, ShredLedger ledger, CryptoProperties properties) {
        this(database, ledger, properties, Ticker.systemTicker());
    }

    SecretKey keyForEncryption(String subject, RetentionClass retentionClass) {
        return keys.keyForEncryption(subject, retentionClass);
    }

    Optional<SecretKey> keyForDecryption(String subject, RetentionClass retentionClass) {
        return keys.keyForDecryption(subject, retentionClass);
    }

    boolean shred(String subject, RetentionClass retentionClass) {
        return keys.shred(subject, retentionClass);
    }

    int shred(String subject, Set<RetentionClass> retentionClasses) {
        return keys.shred(subject, retentionClasses);
    }

    int reapplyLedger() {
        return follower.reapplyLedger();
    }

    void followLedger(Duration interval) {
        follower.followLedger(interval);
    }

    int evictShreddedSinceLastLook() {
        return follower.evictShreddedSinceLastLook();
    }

    int pendingShreddings() {
        return shredding.pendingInVault();
    }

    int rewrapToCurrentKek() {
        return rotation.rewrapToCurrentKek();
    }

    Map<String, Long> census() {
        return rotation.census();
    }

    @Override
    public void close() {
        housekeeping.close();
    }
}
