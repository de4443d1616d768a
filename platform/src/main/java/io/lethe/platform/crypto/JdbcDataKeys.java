package io.lethe.platform.crypto;

import io.lethe.core.crypto.DataKeys;
import io.lethe.core.crypto.KeyShreddedException;
import io.lethe.core.personaldata.RetentionClass;

import javax.crypto.SecretKey;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;

/**
 * The platform's {@link DataKeys}: the key vault ({@code subject_key}) behind a cache of unwrapped
 * keys per holder, and the shred ledger that outlives it. A key is looked for in the caller's
 * transaction's own view first ({@link TransactionKeys}), then in this node's cache ({@link KeyCache},
 * read through to the {@link KeyVault}); a key wanted for encryption that does not exist yet is made
 * ({@link KeyCreation}). Shredding is {@link KeyShredding}'s; following the ledger, at start-up and
 * while running, {@link ShredLedgerFollower}'s; dropping unused keys {@link UnusedKeySweep}'s; KEK
 * rotation {@link KekRotation}'s.
 */
final class JdbcDataKeys implements DataKeys {

    private final KeyCache cache;
    private final TransactionKeys transactionKeys;
    private final KeyCreation creation;
    private final KeyShredding shredding;

    JdbcDataKeys(KeyCache cache, TransactionKeys transactionKeys, KeyCreation creation, KeyShredding shredding) {
        this.cache = cache;
        this.transactionKeys = transactionKeys;
        this.creation = creation;
        this.shredding = shredding;
    }

    @Override
    public SecretKey keyForEncryption(String subject, RetentionClass retentionClass) {
        SubjectKeys keys = transactionKeys.get(subject);
        if (keys == null) {
            keys = cache.get(subject);
            if (keys.condemned()) {
                keys = creation.reprieve(subject);
            }
        }
        Optional<SecretKey> state = keys.keys().get(retentionClass);
        if (state == null) {
            state = creation.create(subject).keys().get(retentionClass);
        }
        if (state == null) {
            throw new IllegalStateException("No data key could be created for a subject's " + retentionClass);
        }
        return state.orElseThrow(() -> new KeyShreddedException(retentionClass));
    }

    /**
     * Inserts first and reads only where the insert met keys already there ({@link KeyCreation#create});
     * a holder this transaction or this node's cache already knows is left as it is.
     */
    @Override
    public void createKeys(String holder) {
        if (transactionKeys.get(holder) == null && !cache.holds(holder)) {
            creation.create(holder);
        }
    }

    @Override
    public Optional<SecretKey> keyForDecryption(String subject, RetentionClass retentionClass) {
        SubjectKeys keys = transactionKeys.get(subject);
        Optional<SecretKey> state = (keys != null ? keys : cache.get(subject)).keys().get(retentionClass);
        return state == null ? Optional.empty() : state;
    }

    @Override
    public void preload(Collection<String> subjects) {
        cache.preload(subjects);
    }

    @Override
    public boolean shred(String subject, RetentionClass retentionClass) {
        return shred(subject, Set.of(retentionClass)) > 0;
    }

    @Override
    public int shred(String subject, Set<RetentionClass> retentionClasses) {
        return shred(subject, retentionClasses, null, null);
    }

    @Override
    public int shred(String subject, Set<RetentionClass> retentionClasses, String reason, String reference) {
        return shredding.shred(subject, retentionClasses, reason, reference);
    }
}
