package io.lethe.platform.crypto;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Makes this node follow the shred ledger, the record of every destruction that outlives the vault:
 * at start-up the whole ledger is applied to the vault again ({@link #reapplyLedger}), so a vault
 * restored from an older backup is shredded again before anything is served; from then on every
 * subject shredded on any node is evicted from this node's cache as soon as its entry commits (one
 * small query a second).
 */
final class ShredLedgerFollower {

    private static final Logger log = LoggerFactory.getLogger(ShredLedgerFollower.class);

    private static final int BATCH = 5_000;
    /** A ledger position skipped while following is waited for this long (a slower transaction may fill it). */
    private static final long GAP_WINDOW_MS = 60_000;
    private static final int MAX_GAPS = 10_000;

    private final ShredLedger ledger;
    private final KeyVault vault;
    private final KeyCache cache;
    private final VaultHousekeeping housekeeping;
    /** Following the ledger: the last position seen, and the earlier ones not seen yet with when they were skipped. */
    private long ledgerSeen;
    private final LinkedHashMap<Long, Long> ledgerGaps = new LinkedHashMap<>();

    ShredLedgerFollower(ShredLedger ledger, KeyVault vault, KeyCache cache, VaultHousekeeping housekeeping) {
        this.ledger = ledger;
        this.vault = vault;
        this.cache = cache;
        this.housekeeping = housekeeping;
    }

    /**
     * Applies the whole ledger to the vault: every pair it names is destroyed (or entombed, if the
     * vault has no row for it), in batches. Idempotent; run at start-up, before anything is served.
     *
     * @return how many live keys it found and destroyed — non-zero only after a vault was restored
     */
    int reapplyLedger() {
        long position = 0;
        int revived = 0;
        int entries = 0;
        while (true) {
            ShredLedger.Page page = ledger.page(position, BATCH);
            if (page.entries().isEmpty()) {
                break;
            }
            Integer destroyed = vault.inTransactionOfItsOwn(() -> vault.destroy(page.entries()));
            revived += destroyed == null ? 0 : destroyed;
            entries += page.entries().size();
            position = page.lastPosition();
        }
        if (revived > 0) {
            cache.invalidateAll();
            log.warn("The key vault held {} live keys that the shred ledger records as destroyed (was the vault restored "
                    + "from a backup?): they are destroyed again", revived);
            housekeeping.vacuumSoon();
        } else if (entries > 0) {
            log.info("Shred ledger applied to the key vault: {} destroyed keys, none of them live", entries);
        }
        return revived;
    }

    /**
     * Starts following the ledger from its head, evicting every subject shredded from now on, on any
     * node, every {@code interval}.
     */
    void followLedger(Duration interval) {
        synchronized (ledgerGaps) {
            ledgerSeen = ledger.head();
        }
        housekeeping.scheduleWithFixedDelay(() -> {
            try {
                evictShreddedSinceLastLook();
            } catch (RuntimeException e) {
                log.warn("Following the shred ledger failed ({}); cached keys still expire after {}", e.getClass().getSimpleName(),
                        cache.ttl());
            }
        }, interval);
    }

    /**
     * Evicts the subjects the ledger recorded since the last look. Positions come from an identity
     * column, so a transaction that took an earlier one may commit later: a skipped position is looked
     * for again for a minute (a rolled-back insert never fills its position).
     *
     * @return how many ledger entries were seen
     */
    int evictShreddedSinceLastLook() {
        synchronized (ledgerGaps) {
            long now = System.currentTimeMillis();
            ledgerGaps.values().removeIf(skippedAt -> now - skippedAt > GAP_WINDOW_MS);
            List<ShredLedger.Positioned> entries = ledger.since(ledgerSeen, ledgerGaps.keySet(), BATCH);
            for (ShredLedger.Positioned entry : entries) {
                cache.evict(entry.subject());
                if (ledgerGaps.remove(entry.position()) == null) {
                    for (long skipped = ledgerSeen + 1; skipped < entry.position() && ledgerGaps.size() < MAX_GAPS; skipped++) {
                        ledgerGaps.put(skipped, now);
                    }
                    ledgerSeen = Math.max(ledgerSeen, entry.position());
                }
            }
            return entries.size();
        }
    }
}
