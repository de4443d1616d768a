package io.lethe.platform.governance;

import io.lethe.core.personaldata.RetentionClass;
import io.lethe.core.subject.SubjectId;
import io.lethe.core.subject.UsageGovernance;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * {@link UsageGovernance} in the platform's database, one row per subject, written and read in the
 * caller's transaction (Spring's, which every command joins). The row is the subject's word and holds
 * nothing personal: flags, class names and period names.
 *
 * <p>Where the events are stored apart from the database (Axon Server), a word published by a command
 * that began its stream unread ({@link #publishIfAbsent}) is kept as begun unread and read as no word
 * until a command that read the subject publishes it: the events it speaks for may yet be refused after
 * the database committed (ADR 0012, ADR 0023). The filing that finds no word has the subject publish it.
 */
@Component
class JdbcUsageGovernance implements UsageGovernance {

    /** What the advisory lock of a subject's word is named by (hashed with the subject's id). */
    private static final String KEY = "usage-governance/";

    private final JdbcClient jdbc;
    /** Whether the events commit apart from this database, after it (Axon Server). */
    private final boolean eventsCommitApart;

    JdbcUsageGovernance(JdbcClient jdbc, @Value("${axon.axonserver.enabled:false}") boolean eventsCommitApart) {
        this.jdbc = jdbc;
        this.eventsCommitApart = eventsCommitApart;
    }

    /**
     * A transaction-level advisory lock on the subject's word, not a row lock: PostgreSQL's lock manager
     * queues a new share request behind a waiting exclusive one, so a steady stream of filings cannot keep
     * a subject's restriction waiting, and a deadlock among such locks is detected like any other.
     */
    @Override
    public void lockForChange(SubjectId subjectId) {
        lock("pg_advisory_xact_lock", subjectId);
    }

    @Override
    public void publish(SubjectId subjectId, State state) {
        insert(subjectId, state, false, """
                ON CONFLICT (subject_id) DO UPDATE SET terminated = EXCLUDED.terminated, erased = EXCLUDED.erased,
                    restricted = EXCLUDED.restricted, objected = EXCLUDED.objected,
                    sensitive_limited = EXCLUDED.sensitive_limited, periods = EXCLUDED.periods,
                    published_at = EXCLUDED.published_at, begun_unread = FALSE""");
    }

    /** One statement, not a read and a write: a new subject's word costs a registration one round trip. */
    @Override
    public void publishIfAbsent(SubjectId subjectId, State state) {
        insert(subjectId, state, eventsCommitApart, "ON CONFLICT (subject_id) DO NOTHING");
    }

    private void insert(SubjectId subjectId, State state, boolean begunUnread, String onConflict) {
        jdbc.sql("""
                        INSERT INTO usage_governance (subject_id, terminated, erased, restricted, objected,
                                                      sensitive_limited, periods, published_at, begun_unread)
                        VALUES (:subject, :terminated, CAST(:erased AS TEXT[]), :restricted, :objected, :sensitiveLimited,
                                CAST(:periods AS TEXT[]), :at, :begunUnread)
                        """ + onConflict)
                .param("begunUnread", begunUnread)
                .param("subject", subjectId.toString())
                .param("terminated", state.terminated())
                .param("erased", array(state.erased().stream().map(Enum::name).collect(Collectors.toCollection(TreeSet::new))))
                .param("restricted", state.restricted())
                .param("objected", state.objected())
                .param("sensitiveLimited", state.sensitiveLimited())
                .param("periods", array(new TreeSet<>(state.periods())))
                .param("at", Timestamp.from(Instant.now()))
                .update();
    }

    @Override
    public Optional<State> current(SubjectId subjectId) {
        return read(subjectId);
    }

    @Override
    public Optional<State> locked(SubjectId subjectId) {
        lock("pg_advisory_xact_lock_shared", subjectId);
        return read(subjectId);
    }

    /** Takes the subject's word's advisory lock, exclusive or shared, until the caller's transaction ends. */
    private void lock(String function, SubjectId subjectId) {
        jdbc.sql("SELECT " + function + "(hashtextextended(:key, 0))").param("key", KEY + subjectId)
                .query((row, number) -> 1).list();
    }

    private Optional<State> read(SubjectId subjectId) {
        return jdbc.sql("SELECT terminated, erased, restricted, objected, sensitive_limited, periods FROM usage_governance "
                        + "WHERE subject_id = :subject AND NOT begun_unread")
                .param("subject", subjectId.toString())
                .query((row, number) -> state(row))
                .optional();
    }

    private static State state(ResultSet row) throws SQLException {
        Set<RetentionClass> erased = EnumSet.noneOf(RetentionClass.class);
        strings(row.getArray("erased")).forEach(name -> erased.add(RetentionClass.valueOf(name)));
        return new State(row.getBoolean("terminated"), erased, row.getBoolean("restricted"), row.getBoolean("objected"),
                row.getBoolean("sensitive_limited"), Set.copyOf(strings(row.getArray("periods"))));
    }

    private static java.util.List<String> strings(Array array) throws SQLException {
        return array == null ? java.util.List.of() : Arrays.asList((String[]) array.getArray());
    }

    /** A PostgreSQL array literal of names that hold no quote, comma, brace or space. */
    private static String array(Set<String> names) {
        return "{" + String.join(",", names) + "}";
    }
}
