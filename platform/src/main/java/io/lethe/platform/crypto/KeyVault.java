package io.lethe.platform.crypto;

import io.lethe.core.personaldata.RetentionClass;
import io.lethe.core.personaldata.UsagePeriods;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.crypto.SecretKey;
import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The key vault's table ({@code subject_key}): reading a holder's keys (unwrapped), inserting new ones,
 * reprieving condemned ones and destroying shredded ones. Statements run on whatever connection the
 * running transaction holds; {@link #inTransactionOfItsOwn} gives them a transaction of the vault's own.
 * Where the vault has a database of its own, the shred ledger has the last word on what is destroyed.
 */
final class KeyVault {

    private static final String REPRIEVE =
            "UPDATE subject_key SET condemned_at = NULL WHERE subject_id = :subject AND condemned_at IS NOT NULL";

    private final KeyVaultDatabase database;
    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;
    private final ShredLedger ledger;
    private final KeyEncryptionKeys keks;
    private final Counter lookups;

    KeyVault(KeyVaultDatabase database, ShredLedger ledger, KeyEncryptionKeys keks, MeterRegistry meters) {
        this.database = database;
        this.jdbc = JdbcClient.create(database.dataSource());
        this.ownTransaction = new TransactionTemplate(database.transactions());
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.ledger = ledger;
        this.keks = keks;
        this.lookups = Counter.builder("lethe.crypto.keys.lookups")
                .description("Queries of the key vault (one per subject cache miss or per preloaded batch)").register(meters);
    }

    /** Whether the vault is a database of its own (its writes are then not in the events' transactions). */
    boolean separate() {
        return database.separate();
    }

    /**
     * Whether the vault shares the platform's database and the caller has a transaction there: then the
     * vault's statements run on the caller's connection and commit, or roll back, with its events.
     */
    boolean sharesCallersTransaction() {
        return !database.separate()
                && TransactionSynchronizationManager.isSynchronizationActive()
                && TransactionSynchronizationManager.isActualTransactionActive()
                && TransactionSynchronizationManager.hasResource(database.dataSource());
    }

    /** Runs {@code work} in a transaction of the vault's own, committed before this returns; null if it answers null. */
    <T> T inTransactionOfItsOwn(Supplier<T> work) {
        return ownTransaction.execute(status -> work.get());
    }

    /** A statement of a job of its own on the vault (the sweep, the rotation). */
    JdbcClient.StatementSpec sql(String statement) {
        return jdbc.sql(statement);
    }

    /** The holder's keys as the vault holds them; {@link SubjectKeys#NONE} for a holder it has never seen. */
    SubjectKeys load(String subject) {
        return load(Set.of(subject)).getOrDefault(subject, SubjectKeys.NONE);
    }

    /** The keys of the holders the vault has any row of, in one query. */
    Map<String, SubjectKeys> load(Set<String> subjects) {
        lookups.increment();
        Map<String, Map<RetentionClass, Optional<SecretKey>>> keys = new HashMap<>();
        for (String subject : subjects) {
            keys.put(subject, new EnumMap<>(RetentionClass.class));
        }
        Set<String> withLiveKeys = new LinkedHashSet<>();
        Set<String> condemned = new HashSet<>();
        jdbc.sql("""
                        SELECT subject_id, retention_class, wrapped_key, kek_id, condemned_at IS NOT NULL AS condemned
                        FROM subject_key WHERE subject_id = ANY (:subjects)""")
                .param("subjects", subjects.toArray(String[]::new))
                .query((row, number) -> {
                    String subject = row.getString("subject_id");
                    RetentionClass retentionClass = RetentionClass.valueOf(row.getString("retention_class"));
                    byte[] wrapped = row.getBytes("wrapped_key");
                    if (wrapped != null) {
                        withLiveKeys.add(subject);
                    }
                    if (row.getBoolean("condemned")) {
                        condemned.add(subject);
                    }
                    keys.get(subject).put(retentionClass, wrapped == null ? Optional.empty()
                            : Optional.of(keks.unwrap(wrapped, row.getString("kek_id"), subject, retentionClass)));
                    return null;
                })
                .list();
        if (database.separate() && !withLiveKeys.isEmpty()) {
            // the vault may not have caught up with the ledger yet (or was restored): the ledger decides
            ledger.shreddedAmong(withLiveKeys).forEach((subject, destroyed) ->
                    destroyed.forEach(retentionClass -> keys.get(subject).put(retentionClass, Optional.empty())));
        }
        Map<String, SubjectKeys> result = new HashMap<>();
        keys.forEach((subject, classes) -> result.put(subject, new SubjectKeys(Map.copyOf(classes), condemned.contains(subject))));
        return result;
    }

    /** A fresh key for every class the holder can have, wrapped, and the one statement that stores them. */
    record NewKeys(Map<RetentionClass, Optional<SecretKey>> keys, String values, Map<String, Object> parameters) {
    }

    NewKeys newKeys(String subject) {
        StringBuilder values = new StringBuilder();
        Map<String, Object> parameters = new HashMap<>();
        Map<RetentionClass, Optional<SecretKey>> fresh = new EnumMap<>(RetentionClass.class);
        parameters.put("subject", subject);
        parameters.put("kek", keks.currentId());
        parameters.put("now", java.sql.Timestamp.from(Instant.now()));
        // a usage period's or a kept record's holder has one key (USAGE, PROFILE); a subject has one per class
        for (RetentionClass retentionClass : UsagePeriods.holderClass(subject).map(EnumSet::of)
                .orElseGet(() -> EnumSet.allOf(RetentionClass.class))) {
            String name = retentionClass.name();
            SecretKey dataKey = KeyEncryptionKeys.newDataKey();
            fresh.put(retentionClass, Optional.of(dataKey));
            values.append(values.isEmpty() ? "" : ", ")
                    .append("(:subject, '").append(name).append("', :wrapped_").append(name).append(", :kek, :now)");
            parameters.put("wrapped_" + name, keks.wrap(dataKey, subject, retentionClass));
        }
        return new NewKeys(Map.copyOf(fresh), values.toString(), parameters);
    }

    /**
     * Stores the new keys of every class the holder does not have yet, in one statement; tombstones of
     * shredded classes are left alone.
     *
     * @return how many were stored
     */
    int insert(NewKeys fresh) {
        return jdbc.sql("INSERT INTO subject_key (subject_id, retention_class, wrapped_key, kek_id, created_at) VALUES "
                        + fresh.values() + " ON CONFLICT (subject_id, retention_class) DO NOTHING")
                .params(fresh.parameters())
                .update();
    }

    /** Lifts the sweep's mark from the holder's keys; answers how many rows were condemned. */
    int reprieve(String subject) {
        return jdbc.sql(REPRIEVE).param("subject", subject).update();
    }

    /**
     * Destroys the keys of the pairs and leaves a tombstone for each, also where the vault has no row
     * for one (a vault older than the subject), so no key is ever made again for it.
     *
     * @return how many live keys were destroyed
     */
    int destroy(List<ShredLedger.Entry> entries) {
        String[] subjects = entries.stream().map(ShredLedger.Entry::subject).toArray(String[]::new);
        String[] classes = entries.stream().map(entry -> entry.retentionClass().name()).toArray(String[]::new);
        String[] times = entries.stream().map(entry -> entry.shreddedAt().toString()).toArray(String[]::new);
        // one statement: a key committed by another transaction between a separate update and insert would stay live
        List<Boolean> destroyedLive = jdbc.sql("""
                        INSERT INTO subject_key (subject_id, retention_class, wrapped_key, kek_id, created_at, shredded_at)
                        SELECT subject_id, retention_class, NULL, NULL, shredded_at, shredded_at
                        FROM unnest(CAST(:subjects AS varchar[]), CAST(:classes AS varchar[]), CAST(:times AS timestamptz[]))
                             AS pair(subject_id, retention_class, shredded_at)
                        ON CONFLICT (subject_id, retention_class) DO UPDATE
                            SET wrapped_key = NULL, kek_id = NULL, shredded_at = EXCLUDED.shredded_at, condemned_at = NULL
                            WHERE subject_key.wrapped_key IS NOT NULL
                        RETURNING (xmax <> 0) AS updated""")
                .param("subjects", subjects).param("classes", classes).param("times", times)
                .query(Boolean.class).list();
        return (int) destroyedLive.stream().filter(Boolean::booleanValue).count();
    }

    /**
     * PostgreSQL keeps the old row version of a shredded key until vacuum; this asks for it, outside
     * any transaction (a {@code VACUUM} cannot run in one).
     */
    void vacuum() throws SQLException {
        DataSource dataSource = database.dataSource();
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement()) {
            connection.setAutoCommit(true);
            statement.execute("VACUUM subject_key");
        }
    }
}
