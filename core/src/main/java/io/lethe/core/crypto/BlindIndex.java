package io.lethe.core.crypto;

import java.util.List;

/**
 * A keyed blind index: a short bucket number computed from a value with a platform secret, so a
 * read model can find the rows that may hold a value (an e-mail address) without storing it in
 * plaintext or a digest that confirms it. A bucket holds many values at the company's scale; which
 * row really holds the value is decided by opening that row's sealed copy under its subject's key.
 * So once a subject's key is shredded, a bucket number left behind (in a table's old row versions,
 * the WAL or a backup) confirms nothing: it is shared by about one in {@link #BUCKETS} of all
 * addresses, and the copy that could tell them apart cannot be opened.
 */
public interface BlindIndex {

    /** How many buckets there are: 2^20, some ten subjects a bucket at ten million. */
    int BUCKETS = 1 << 20;

    /** The bucket of {@code value} for {@code purpose} under the current key. */
    int bucket(String purpose, String value);

    /** The buckets of {@code value} under every configured key, the current one first (rows stored before a key rotation). */
    List<Integer> buckets(String purpose, String value);
}
