package io.lethe.platform.crypto;

import io.lethe.core.personaldata.RetentionClass;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Destroys a holder's keys. The pairs are recorded in the shred ledger in the caller's transaction
 * (the one that stores the shredding's event) and destroyed in the vault: in the same transaction,
 * in one statement, when the vault shares the platform's database; right after commit when it has a
 * database of its own — retried until it succeeds, and meanwhile every read checks the ledger
 * ({@link KeyVault#load}). After commit the holder is evicted and the vault vacuumed.
 */
final class KeyShredding {

    private static final Logger log = LoggerFactory.getLogger(KeyShredding.class);

    private static final long RETRY_DELAY_MS = 5_000;

    private final KeyVault vault;
    private final ShredLedger ledger;
    private final KeyCache cache;
    private final TransactionKeys transactionKeys;
    private final VaultHousekeeping housekeeping;
    /** Whether a command's events commit in the same transaction as its ledger entries (a JDBC event store here). */
    private final boolean eventsCommitWithLedger;
    private final Set<ShredLedger.Entry> pendingInVault = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean retryPending = new AtomicBoolean();
    private final Counter shredded;

    KeyShredding(KeyVault vault, ShredLedger ledger, KeyCache cache, TransactionKeys transactionKeys,
                 VaultHousekeeping housekeeping, MeterRegistry meters, boolean eventsCommitWithLedger) {
        this.vault = vault;
        this.ledger = ledger;
        this.cache = cache;
        this.transactionKeys = transactionKeys;
        this.housekeeping = housekeeping;
        this.eventsCommitWithLedger = eventsCommitWithLedger;
        this.shredded = Counter.builder("lethe.crypto.keys.shredded").description("Data keys shredded").register(meters);
        Gauge.builder("lethe.crypto.vault.pending-shreddings", pendingInVault, Set::size)
                .description("Shreddings recorded in the ledger whose keys the separate vault has not destroyed yet (retried)")
                .register(meters);
    }

    /**
     * All the given classes of one subject at once, with one eviction after commit. Where the events
     * are not stored in this transaction (Axon Server), the ledger entry is marked recorded only once
     * the command's events are stored; one that stays unrecorded is completed by {@link LedgerReconciliation}.
     *
     * @return how many of the pairs were not recorded as destroyed before
     */
    int shred(String subject, Set<RetentionClass> retentionClasses, String reason, String reference) {
        if (retentionClasses.isEmpty()) {
            return 0;
        }
        Instant now = Instant.now();
        List<ShredLedger.Entry> entries = retentionClasses.stream()
                .map(retentionClass -> new ShredLedger.Entry(subject, retentionClass, now)).toList();
        int recorded = ledger.record(subject, retentionClasses, now, reason, reference, eventsCommitWithLedger);
        if (!eventsCommitWithLedger && CurrentUnitOfWork.isStarted()) {
            Set<RetentionClass> classes = Set.copyOf(retentionClasses);
            CurrentUnitOfWork.get().root().afterCommit(unitOfWork -> markRecorded(subject, classes));
        }
        if (!vault.separate()) {
            vault.destroy(entries);
        }
        cache.invalidate(subject);
        if (vault.sharesCallersTransaction()) {
            // from now on in this transaction, the holder reads as shredded
            transactionKeys.view().put(subject, vault.load(subject));
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    afterShredding(subject, entries, status == STATUS_COMMITTED);
                }
            });
        } else {
            afterShredding(subject, entries, true);
        }
        if (recorded > 0) {
            shredded.increment(recorded);
        }
        return recorded;
    }

    /** Shreddings recorded in the ledger whose keys a separate vault has not destroyed yet. */
    int pendingInVault() {
        return pendingInVault.size();
    }

    private void markRecorded(String subject, Set<RetentionClass> classes) {
        try {
            ledger.markRecorded(subject, classes);
        } catch (RuntimeException e) {
            log.warn("A shredding's ledger entry could not be marked recorded ({}); the reconciliation will look for its event",
                    e.getClass().getSimpleName());
        }
    }

    private void afterShredding(String subject, List<ShredLedger.Entry> entries, boolean committed) {
        cache.evict(subject);
        if (committed && vault.separate()) {
            destroyInVaultOrRetry(entries);
        }
        housekeeping.vacuumSoon();
    }

    /** A separate vault destroys after the events' commit; what fails is kept and retried, never dropped. */
    private void destroyInVaultOrRetry(List<ShredLedger.Entry> entries) {
        try {
            vault.inTransactionOfItsOwn(() -> vault.destroy(entries));
        } catch (RuntimeException e) {
            pendingInVault.addAll(entries);
            log.warn("The key vault could not destroy {} shredded keys now ({}); the ledger already records them, "
                    + "every read honours it, and the vault is retried", entries.size(), e.getClass().getSimpleName());
            retrySoon();
        }
    }

    private void retrySoon() {
        if (!retryPending.compareAndSet(false, true)) {
            return;
        }
        housekeeping.schedule(() -> {
            retryPending.set(false);
            List<ShredLedger.Entry> batch = List.copyOf(pendingInVault);
            if (batch.isEmpty()) {
                return;
            }
            try {
                vault.inTransactionOfItsOwn(() -> vault.destroy(batch));
                batch.forEach(pendingInVault::remove);
                log.info("The key vault destroyed {} shredded keys it had missed", batch.size());
                housekeeping.vacuumSoon();
            } catch (RuntimeException e) {
                log.warn("The key vault still cannot destroy {} shredded keys ({}); retrying", batch.size(),
                        e.getClass().getSimpleName());
                retrySoon();
            }
        }, RETRY_DELAY_MS);
    }
}
