package io.lethe.query;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A projection's table whose rows remember, in {@code last_sequence}, the sequence number of the last
 * event of their stream that changed them. An update applies only to a row that has not seen the
 * event yet, so a redelivered or replayed event changes nothing twice.
 *
 * <pre>{@code
 * breaches.updateIfNewer(breachId.value(), sequence, "closed_at = :at")
 *         .param("at", utc(at))
 *         .update();
 * }</pre>
 */
public final class SequenceGuardedTable {

    private final JdbcClient jdbc;
    private final String table;
    private final String keyColumn;

    /** The table {@code table}, its rows named by {@code keyColumn}. */
    public SequenceGuardedTable(JdbcClient jdbc, String table, String keyColumn) {
        this.jdbc = jdbc;
        this.table = table;
        this.keyColumn = keyColumn;
    }

    /**
     * {@code UPDATE table SET assignments, last_sequence = :sequence WHERE keyColumn = :id AND
     * last_sequence < :sequence}, with {@code :id} and {@code :sequence} bound: bind the assignments'
     * own parameters, then run it.
     */
    public JdbcClient.StatementSpec updateIfNewer(Object key, long sequence, String assignments) {
        return updateIfNewer(key, sequence, assignments, null);
    }

    /** Like {@link #updateIfNewer(Object, long, String)}, on the key's rows that also meet {@code condition}. */
    public JdbcClient.StatementSpec updateIfNewer(Object key, long sequence, String assignments, String condition) {
        return jdbc.sql("UPDATE " + table + " SET " + assignments + ", last_sequence = :sequence"
                        + " WHERE " + keyColumn + " = :id" + (condition == null ? "" : " AND " + condition)
                        + " AND last_sequence < :sequence")
                .param("id", key)
                .param("sequence", sequence);
    }
}
