package io.lethe.platform.crypto;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.HashMap;
import java.util.Map;

/**
 * The caller's transaction's own view of the holders whose keys it created, reprieved or shredded,
 * until it completes: then, if it committed and no shredding moved the epoch meanwhile, the view is
 * what the vault holds and goes into the cache; otherwise it is dropped. Nothing of it reaches the
 * shared cache before the commit, so a key another command could seal with is never one a rollback
 * may still take away (ADR 0017). Only where the vault shares the caller's transaction
 * ({@link KeyVault#sharesCallersTransaction}).
 */
final class TransactionKeys {

    private final KeyCache cache;
    /** The key under which the view is bound to the transaction. */
    private final Object resource = new Object();

    TransactionKeys(KeyCache cache) {
        this.cache = cache;
    }

    /** The holder's keys as this transaction sees them; null when it has not touched them (or there is none). */
    SubjectKeys get(String subject) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return null;
        }
        @SuppressWarnings("unchecked")
        Map<String, SubjectKeys> mine = (Map<String, SubjectKeys>) TransactionSynchronizationManager.getResource(resource);
        return mine == null ? null : mine.get(subject);
    }

    /**
     * This transaction's view, bound to it on first use (the transaction must be running): what is put
     * in it is how the holder's keys read from now on in this transaction. The epoch is taken when it is
     * bound, so a shredding seen here at any time after that keeps the view out of the cache.
     */
    @SuppressWarnings("unchecked")
    Map<String, SubjectKeys> view() {
        Map<String, SubjectKeys> keys = (Map<String, SubjectKeys>) TransactionSynchronizationManager.getResource(resource);
        if (keys == null) {
            Map<String, SubjectKeys> bound = new HashMap<>();
            long epoch = cache.epoch();
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(resource);
                    if (status == STATUS_COMMITTED && cache.epoch() == epoch) {
                        cache.putAll(bound);
                    } else {
                        cache.invalidateAll(bound.keySet());
                    }
                }
            });
            TransactionSynchronizationManager.bindResource(resource, bound);
            keys = bound;
        }
        return keys;
    }
}
