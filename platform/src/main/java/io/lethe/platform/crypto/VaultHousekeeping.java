package io.lethe.platform.crypto;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The one background thread of this node's key vault — following the ledger, retrying what a
 * separate vault could not destroy, vacuuming after shreddings — and the vacuum itself.
 */
final class VaultHousekeeping implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(VaultHousekeeping.class);

    private static final long VACUUM_DELAY_MS = 1_000;

    private final KeyVault vault;
    private final AtomicBoolean vacuumPending = new AtomicBoolean();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "lethe-key-vault-housekeeping");
        thread.setDaemon(true);
        return thread;
    });

    VaultHousekeeping(KeyVault vault) {
        this.vault = vault;
    }

    void schedule(Runnable task, long delayMs) {
        thread.schedule(task, delayMs, TimeUnit.MILLISECONDS);
    }

    void scheduleWithFixedDelay(Runnable task, Duration interval) {
        thread.scheduleWithFixedDelay(task, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * PostgreSQL keeps the old row version of a shredded key until vacuum; ask for it soon, so the
     * wrapped key does not linger in the table's pages. The run waits {@link #VACUUM_DELAY_MS} and
     * then serves every shredding committed meanwhile: a bulk shredding triggers one vacuum a
     * second or so, not one after another for as long as it lasts (each scans the whole vault).
     */
    void vacuumSoon() {
        if (!vacuumPending.compareAndSet(false, true)) {
            return;
        }
        schedule(() -> {
            vacuumPending.set(false);
            try {
                vault.vacuum();
            } catch (SQLException e) {
                log.warn("Vacuuming the key vault after a shredding failed ({}); autovacuum will catch up", e.getSQLState());
            }
        }, VACUUM_DELAY_MS);
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
