package io.lethe.platform.crypto;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Map;

/**
 * Makes a holder's keys when a key is first wanted for encryption, and reprieves keys the unused-key
 * sweep condemned when a command wants them after all.
 *
 * <p>Where the vault shares the platform's database and the caller has a transaction there (a
 * command), keys are created in that transaction, on its connection, and enter the cache only once it
 * commits ({@link TransactionKeys}): a command never waits for a second connection, so no number of
 * concurrent first registrations can starve the pool, and no key outlives a command that rolled back
 * (ADR 0017). Otherwise (a vault of its own, or no transaction) they are created in a transaction of
 * their own on the vault's connections before use.
 */
final class KeyCreation {

    private final KeyVault vault;
    private final KeyCache cache;
    private final TransactionKeys transactionKeys;
    private final Counter created;

    KeyCreation(KeyVault vault, KeyCache cache, TransactionKeys transactionKeys, MeterRegistry meters) {
        this.vault = vault;
        this.cache = cache;
        this.transactionKeys = transactionKeys;
        this.created = Counter.builder("lethe.crypto.keys.created").description("Data keys created").register(meters);
    }

    /**
     * Creates the subject's keys of every class it does not have yet, in one statement: a new subject
     * costs one statement, not one per class it comes to use. Tombstones of shredded classes are left
     * alone.
     *
     * <p>Where the vault shares the caller's database and the caller has a transaction there, the keys
     * are written in that transaction — on the connection it already holds — and cached only after it
     * commits (see {@link #createInCallersTransaction}). Otherwise they are committed in a transaction
     * of their own before they are used: a vault of its own has its own connections, and a caller with
     * no transaction holds none. When every class was new, the keys just committed are the subject's
     * whole state and go into the cache as they are, sparing a read back; otherwise (another node
     * raced, or a class was shredded) the vault is read again, as it always is when the vault has a
     * database of its own and only the ledger knows every shredding. A shredding that commits
     * meanwhile moves the epoch, and the entry is dropped again.
     */
    SubjectKeys create(String subject) {
        if (vault.sharesCallersTransaction()) {
            return createInCallersTransaction(subject);
        }
        long epoch = cache.epoch();
        KeyVault.NewKeys fresh = vault.newKeys(subject);
        Integer inserted = vault.inTransactionOfItsOwn(() -> vault.insert(fresh));
        if (inserted != null && inserted > 0) {
            created.increment(inserted);
        }
        cache.invalidate(subject);
        if (inserted == null || inserted < fresh.keys().size() || vault.separate()) {
            return cache.get(subject);
        }
        SubjectKeys keys = new SubjectKeys(fresh.keys());
        cache.put(subject, keys);
        if (cache.epoch() != epoch) {
            cache.invalidate(subject);
        }
        return keys;
    }

    /**
     * The keys are written on the caller's connection, so they commit with the command's events — or
     * roll back with them, leaving nothing behind. Until the transaction completes they are kept for it
     * alone: the cache is shared by every thread, and a key another command could seal with before
     * this one commits might still be taken away. A subject another transaction is creating at the
     * same moment makes this insert wait for that one to finish; then its keys are read back.
     */
    private SubjectKeys createInCallersTransaction(String subject) {
        Map<String, SubjectKeys> mine = transactionKeys.view();
        KeyVault.NewKeys fresh = vault.newKeys(subject);
        int inserted = vault.insert(fresh);
        SubjectKeys keys = inserted == fresh.keys().size() ? new SubjectKeys(fresh.keys()) : readBack(subject);
        mine.put(subject, keys);
        if (inserted > 0) {
            created.increment(inserted);
        }
        return keys;
    }

    /** Another transaction made some of the holder's keys first, or a class was shredded: read them back here. */
    private SubjectKeys readBack(String subject) {
        SubjectKeys keys = vault.load(subject);
        if (keys.condemned()) {
            vault.reprieve(subject);
            keys = new SubjectKeys(keys.keys(), false);
        }
        return keys;
    }

    /**
     * A condemned subject's keys are wanted for encryption: a command is sealing under them after
     * all (a late retry of the one that failed). They are reprieved before use — in the caller's
     * transaction where it has one in the vault's database (so the reprieve commits with the events,
     * and a sweep dropping them meanwhile waits for it), otherwise at once — and if the sweep dropped
     * them first, fresh ones are made, as for a subject never seen.
     */
    SubjectKeys reprieve(String subject) {
        if (vault.sharesCallersTransaction()) {
            if (vault.reprieve(subject) == 0) {
                return createInCallersTransaction(subject);
            }
            SubjectKeys keys = vault.load(subject);
            SubjectKeys reprieved = new SubjectKeys(keys.keys(), false);
            transactionKeys.view().put(subject, reprieved);
            return reprieved;
        }
        Integer reprieved = vault.inTransactionOfItsOwn(() -> vault.reprieve(subject));
        cache.invalidate(subject);
        if (reprieved == null || reprieved == 0) {
            return create(subject);
        }
        return cache.get(subject);
    }
}
