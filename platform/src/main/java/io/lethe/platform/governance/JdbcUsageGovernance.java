package io.lethe.platform.governance;

import io.lethe.core.personaldata.RetentionClass;
import io.lethe.core.subject.SubjectId;
import io.lethe.core.subject.UsageGovernance;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
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
import java.util.HashMap;
import java.util.Map;
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
    /** The word written over the one published, marked no longer begun unread. */
    private static final String REPUBLISH = """
            ON CONFLICT (subject_id) DO UPDATE SET terminated = EXCLUDED.terminated, erased = EXCLUDED.erased,
                restricted = EXCLUDED.restricted, objected = EXCLUDED.objected,
                sensitive_limited = EXCLUDED.sensitive_limited, periods = EXCLUDED.periods,
                published_at = EXCLUDED.published_at, begun_unread = FALSE""";
    /** The resource of the outermost unit of work that keeps the words it holds. */
    private static final String HELD = JdbcUsageGovernance.class.getName() + ".held";

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
        insert(subjectId, state, false, REPUBLISH);
    }

    /**
     * One statement, not a read and a write, for every command of an existing subject: the row is written
     * only where it differs (or was kept as begun unread). The arrays are written sorted, so equal sets
     * compare equal.
     */
    @Override
    public void publishIfChanged(SubjectId subjectId, State state) {
        insert(subjectId, state, false, REPUBLISH + """

                WHERE usage_governance.begun_unread
                   OR (usage_governance.terminated, usage_governance.erased, usage_governance.restricted,
                       usage_governance.objected, usage_governance.sensitive_limited, usage_governance.periods)
                      IS DISTINCT FROM (EXCLUDED.terminated, EXCLUDED.erased, EXCLUDED.restricted, EXCLUDED.objected,
                                        EXCLUDED.sensitive_limited, EXCLUDED.periods)""");
    }

    /** One statement, not a read and a write: a new subject's word costs a registration one round trip. */
    @Override
    public void publishIfAbsent(SubjectId subjectId, State state) {
        insert(subjectId, state, eventsCommitApart, "ON CONFLICT (subject_id) DO NOTHING");
    }

    private void insert(SubjectId subjectId, State state, boolean begunUnread, String onConflict) {
        forget(subjectId);
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

    /**
     * The lock and then the read, two statements: the read's snapshot must be taken after the lock is
     * granted, or it could miss the change of a command the lock waited for. Taken by the outermost unit
     * of work (a filing's call, or a period's command on its own), the lock lasts as long as that unit's
     * transaction or savepoint, and the word cannot change meanwhile: a change waits for the lock, and
     * one this unit makes itself forgets what was read. So the period commands the call runs inside it,
     * under savepoints of their own, find the word read already. A lock first taken under such a
     * savepoint is not remembered: rolling the savepoint back releases it.
     */
    @Override
    public Optional<State> locked(SubjectId subjectId) {
        Map<SubjectId, Optional<State>> held = held();
        if (held != null && held.containsKey(subjectId)) {
            return held.get(subjectId);
        }
        lock("pg_advisory_xact_lock_shared", subjectId);
        Optional<State> state = read(subjectId);
        if (held != null && CurrentUnitOfWork.get().parent().isEmpty()) {
            held.put(subjectId, state);
        }
        return state;
    }

    /** The words the outermost unit of work holds share-locked, as read; null outside a unit of work. */
    private Map<SubjectId, Optional<State>> held() {
        return CurrentUnitOfWork.isStarted()
                ? CurrentUnitOfWork.get().root().getOrComputeResource(HELD, name -> new HashMap<SubjectId, Optional<State>>())
                : null;
    }

    private void forget(SubjectId subjectId) {
        Map<SubjectId, Optional<State>> held = held();
        if (held != null) {
            held.remove(subjectId);
        }
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
