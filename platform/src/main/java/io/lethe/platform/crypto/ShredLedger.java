package io.lethe.platform.crypto;

import io.lethe.core.personaldata.RetentionClass;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The PII-free list of destroyed (subject, retention class) pairs ({@code shred_ledger}), kept in the
 * platform's database with the events: the record that outlives any restore of the key vault.
 */
final class ShredLedger {

    /** One destroyed pair. */
    record Entry(String subject, RetentionClass retentionClass, Instant shreddedAt) {
    }

    private final JdbcClient jdbc;

    ShredLedger(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
    }

    /**
     * Records the pairs as destroyed, in the caller's transaction when there is one, with why and
     * under which request or process; {@code recorded} when the event stating it commits in the same
     * transaction.
     *
     * @return how many of them were not recorded before
     */
    int record(String subject, Set<RetentionClass> retentionClasses, Instant at, String reason, String reference,
               boolean recorded) {
        return jdbc.sql("""
                        INSERT INTO shred_ledger (subject_id, retention_class, shredded_at, reason, reference, recorded)
                        SELECT :subject, retention_class, :at, :reason, :reference, :recorded
                        FROM unnest(CAST(:classes AS varchar[])) AS retention_class
                        ON CONFLICT (subject_id, retention_class) DO NOTHING""")
                .param("subject", subject)
                .param("classes", retentionClasses.stream().map(Enum::name).toArray(String[]::new))
                .param("at", java.sql.Timestamp.from(at))
                .param("reason", reason)
                .param("reference", reference)
                .param("recorded", recorded)
                .update();
    }

    /** The destruction of these pairs is known to be stated by a stored event. */
    void markRecorded(String subject, Set<RetentionClass> retentionClasses) {
        jdbc.sql("""
                        UPDATE shred_ledger SET recorded = TRUE
                        WHERE subject_id = :subject AND retention_class = ANY (CAST(:classes AS varchar[])) AND NOT recorded""")
                .param("subject", subject)
                .param("classes", retentionClasses.stream().map(Enum::name).toArray(String[]::new))
                .update();
    }

    /** An entry whose event may be lost: the pair, why, and under which request or process. */
    record Unrecorded(String holder, RetentionClass retentionClass, String reason, String reference) {
    }

    /**
     * Up to {@code size} entries not known to be recorded by an event, destroyed before {@code before},
     * oldest first, past the {@code skip} oldest (those that could not be recorded in this run).
     */
    List<Unrecorded> unrecorded(Instant before, int size, int skip) {
        return jdbc.sql("""
                        SELECT subject_id, retention_class, reason, reference FROM shred_ledger
                        WHERE NOT recorded AND shredded_at < :before ORDER BY shredded_at, position LIMIT :size OFFSET :skip""")
                .param("before", java.sql.Timestamp.from(before))
                .param("size", size)
                .param("skip", skip)
                .query((row, number) -> new Unrecorded(row.getString("subject_id"),
                        RetentionClass.valueOf(row.getString("retention_class")), row.getString("reason"), row.getString("reference")))
                .list();
    }

    /** The destroyed classes of each of {@code subjects} that has any. */
    Map<String, Set<RetentionClass>> shreddedAmong(Collection<String> subjects) {
        Map<String, Set<RetentionClass>> shredded = new HashMap<>();
        jdbc.sql("SELECT subject_id, retention_class FROM shred_ledger WHERE subject_id = ANY (:subjects)")
                .param("subjects", subjects.toArray(String[]::new))
                .query((row, number) -> shredded.computeIfAbsent(row.getString("subject_id"),
                        subject -> EnumSet.noneOf(RetentionClass.class)).add(RetentionClass.valueOf(row.getString("retention_class"))))
                .list();
        return shredded;
    }

    /** Up to {@code size} entries after {@code position}, in ledger order, and the position of the last. */
    Page page(long position, int size) {
        List<Entry> entries = new ArrayList<>();
        long[] last = {position};
        jdbc.sql("""
                        SELECT position, subject_id, retention_class, shredded_at FROM shred_ledger
                        WHERE position > :position ORDER BY position LIMIT :size""")
                .param("position", position)
                .param("size", size)
                .query((row, number) -> {
                    last[0] = row.getLong("position");
                    return entries.add(new Entry(row.getString("subject_id"),
                            RetentionClass.valueOf(row.getString("retention_class")), row.getTimestamp("shredded_at").toInstant()));
                })
                .list();
        return new Page(entries, last[0]);
    }

    /**
     * Entries after {@code position}, and those at the given earlier positions (gaps: positions a
     * slower transaction may still fill), in ledger order, at most {@code size}.
     */
    List<Positioned> since(long position, Collection<Long> gaps, int size) {
        return jdbc.sql("""
                        SELECT position, subject_id FROM shred_ledger
                        WHERE position > :position OR position = ANY (:gaps) ORDER BY position LIMIT :size""")
                .param("position", position)
                .param("gaps", gaps.toArray(Long[]::new))
                .param("size", size)
                .query((row, number) -> new Positioned(row.getLong("position"), row.getString("subject_id")))
                .list();
    }

    /** The last position written so far (0 when the ledger is empty). */
    long head() {
        return jdbc.sql("SELECT coalesce(max(position), 0) FROM shred_ledger").query(Long.class).single();
    }

    long size() {
        return jdbc.sql("SELECT count(*) FROM shred_ledger").query(Long.class).single();
    }

    /** A destroyed subject at its ledger position. */
    record Positioned(long position, String subject) {
    }

    /** A page of the ledger. */
    record Page(List<Entry> entries, long lastPosition) {
    }
}
