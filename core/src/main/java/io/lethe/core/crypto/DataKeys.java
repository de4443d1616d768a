package io.lethe.core.crypto;

import io.lethe.core.personaldata.RetentionClass;

import javax.crypto.SecretKey;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;

/**
 * The data keys of (subject, retention class) pairs. A key is created on first use and lives until
 * it is shredded; after that it is gone for good and no new key is ever made for the pair.
 */
public interface DataKeys {

    /** The key to encrypt with, created if the pair has none yet. */
    SecretKey keyForEncryption(String subject, RetentionClass retentionClass) throws KeyShreddedException;

    /**
     * Makes the keys of a holder that is beginning (a subject registering) without looking for keys it
     * may already have: one statement where a lookup and a statement were two. Where it has keys after
     * all (another node raced, a rolled-back attempt's keys, a shredded class's tombstone), they are
     * read back, so what {@link #keyForEncryption} answers afterwards is the holder's either way. An
     * implementation may make keys on first use only and do nothing here.
     */
    default void createKeys(String holder) {
        // keys are made on first use
    }

    /** The key to decrypt with; empty when it was shredded (or never existed). */
    Optional<SecretKey> keyForDecryption(String subject, RetentionClass retentionClass);

    /** Loads the keys of many subjects at once, ahead of reading a batch of their events. */
    void preload(Collection<String> subjects);

    /**
     * Destroys the key of the pair, permanently. Runs in the caller's transaction when there is one,
     * so the key goes exactly when the event recording it is stored.
     *
     * @return whether a key (or the right to create one) was destroyed now; false when it already was
     */
    boolean shred(String subject, RetentionClass retentionClass);

    /**
     * Destroys the keys of several classes of one subject at once, like {@link #shred(String,
     * RetentionClass)} for each (an implementation may do it in one statement).
     *
     * @return how many of them were destroyed now
     */
    default int shred(String subject, Set<RetentionClass> retentionClasses) {
        int destroyed = 0;
        for (RetentionClass retentionClass : retentionClasses) {
            destroyed += shred(subject, retentionClass) ? 1 : 0;
        }
        return destroyed;
    }

    /**
     * Destroys the keys like {@link #shred(String, Set)}, saying why ({@code reason}: the name of the
     * shredding's reason) and under which request or process ({@code reference}), so the record of the
     * destruction can be completed by itself if the event stating it is ever lost.
     */
    default int shred(String subject, Set<RetentionClass> retentionClasses, String reason, String reference) {
        return shred(subject, retentionClasses);
    }
}
