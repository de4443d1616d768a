package io.lethe.core.refusal;

/**
 * A command that begins its aggregate's stream. It is handled without reading the stream first (a new
 * stream has nothing to read); where the stream exists after all, storing its first event fails on
 * the store's own unique sequence — in the database or in Axon Server, on one node or many — and the
 * caller is given {@link #whenTheStreamExists()}.
 */
public interface BeginsItsStream {

    /** The refusal a caller receives when the stream exists already. */
    RefusedException whenTheStreamExists();
}
