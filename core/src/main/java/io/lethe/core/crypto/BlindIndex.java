package io.lethe.core.crypto;

import java.util.List;

/**
 * A keyed blind index: a short bucket number computed from a value with a platform secret, so a
 * read model can find the rows that may hold a value (an e-mail address) without storing the value,
 * or a full digest of it. Which row really holds the value is decided by opening that row's sealed copy
 * under its subject's key, so an erased subject is never found. What a bucket still tells, and to whom:
 * without the platform's key, nothing of the address, but two rows with the same bucket probably share
 * an address where there are far fewer subjects than buckets; with the key (derived from the KEK), a
 * bucket left behind in old row versions, the WAL or a backup lets a guessed address be tested against
 * that row, with one false match in {@link #BUCKETS}. It never yields an unknown address.
 */
public interface BlindIndex {

    /** How many buckets there are: 2^20, some ten subjects a bucket at ten million. */
    int BUCKETS = 1 << 20;

    /** The bucket of {@code value} for {@code purpose} under the current key. */
    int bucket(String purpose, String value);

    /**
     * The buckets of {@code value} under every configured key, the current one first: rows stored before
     * a KEK rotation are found until the old KEK is removed (rebuild the read model before removing it).
     */
    List<Integer> buckets(String purpose, String value);
}
