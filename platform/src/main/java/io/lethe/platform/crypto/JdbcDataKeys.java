package io.lethe.platform.crypto;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.lethe.core.crypto.DataKeys;
import io.lethe.core.crypto.KeyShreddedException;
import io.lethe.core.personaldata.RetentionClass;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.crypto.SecretKey;
import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The key vault in PostgreSQL ({@code subject_key}) behind a cache of unwrapped keys per subject.
 *
 * <p>Keys are created on first use in a transaction of their own, so a key is never cached that a
 * rolled-back command could take away. Shredding runs in the caller's transaction and evicts the
 * subject from the cache both at once and after commit; a shredding epoch keeps a batch preload that
 * raced with a shredding from caching the destroyed key.
 */
final class JdbcDataKeys implements DataKeys {

    private static final Logger log = LoggerFactory.getLogger(JdbcDataKeys.class);

    private static final long VACUUM_DELAY_MS = 1_000;

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final TransactionTemplate ownTransaction;
    private final KeyEncryptionKeys keks;
    private final Cache<String, SubjectKeys> cache;
    private final AtomicLong shreddingEpoch = new AtomicLong();
    private final AtomicBoolean vacuumPending = new AtomicBoolean();
    private final ScheduledExecutorService vacuum = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "lethe-key-vault-vacuum");
        thread.setDaemon(true);
        return thread;
    });
    private final Counter created;
    private final Counter shredded;
    private final Counter lookups;

    /** The state of one subject's keys: a key per live class, an empty Optional per shredded class. */
    record SubjectKeys(Map<RetentionClass, Optional<SecretKey>> keys) {
    }

    JdbcDataKeys(DataSource dataSource, PlatformTransactionManager transactions, KeyEncryptionKeys keks,
                 CryptoProperties properties, MeterRegistry meters) {
        this.jdbc = JdbcClient.create(dataSource);
        this.dataSource = dataSource;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.keks = keks;
        this.cache = Caffeine.newBuilder()
                .maximumSize(properties.keyCacheSize())
                .expireAfterAccess(properties.keyCacheTtl())
                .recordStats()
                .build();
        CaffeineCacheMetrics.monitor(meters, cache, "lethe-data-keys");
        this.created = Counter.builder("lethe.crypto.keys.created").description("Data keys created").register(meters);
        this.shredded = Counter.builder("lethe.crypto.keys.shredded").description("Data keys shredded").register(meters);
        this.lookups = Counter.builder("lethe.crypto.keys.lookups")
                .description("Queries of the key vault (one per subject cache miss or per preloaded batch)").register(meters);
    }

    @Override
    public SecretKey keyForEncryption(String subject, RetentionClass retentionClass) {
        Optional<SecretKey> state = cached(subject).keys().get(retentionClass);
        if (state == null) {
            state = create(subject).keys().get(retentionClass);
        }
        if (state == null) {
            throw new IllegalStateException("No data key could be created for a subject's " + retentionClass);
        }
        return state.orElseThrow(() -> new KeyShreddedException(retentionClass));
    }

    @Override
    public Optional<SecretKey> keyForDecryption(String subject, RetentionClass retentionClass) {
        Optional<SecretKey> state = cached(subject).keys().get(retentionClass);
        return state == null ? Optional.empty() : state;
    }

    @Override
    public void preload(Collection<String> subjects) {
        Set<String> missing = new LinkedHashSet<>();
        for (String subject : subjects) {
            if (cache.getIfPresent(subject) == null) {
                missing.add(subject);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        long epoch = shreddingEpoch.get();
        Map<String, SubjectKeys> loaded = load(missing);
        loaded.forEach((subject, keys) -> cache.asMap().putIfAbsent(subject, keys));
        if (shreddingEpoch.get() != epoch) {
            cache.invalidateAll(loaded.keySet());
        }
    }

    @Override
    public boolean shred(String subject, RetentionClass retentionClass) {
        return shred(subject, Set.of(retentionClass)) > 0;
    }

    /** All the given classes of one subject in one statement, with one eviction after commit. */
    @Override
    public int shred(String subject, Set<RetentionClass> retentionClasses) {
        if (retentionClasses.isEmpty()) {
            return 0;
        }
        StringBuilder values = new StringBuilder();
        for (RetentionClass retentionClass : retentionClasses) {
            values.append(values.isEmpty() ? "" : ", ")
                    .append("(:subject, '").append(retentionClass.name()).append("', NULL, NULL, :now, :now)");
        }
        int changed = jdbc.sql("INSERT INTO subject_key (subject_id, retention_class, wrapped_key, kek_id, created_at, shredded_at) "
                        + "VALUES " + values + """
                         ON CONFLICT (subject_id, retention_class) DO UPDATE
                            SET wrapped_key = NULL, kek_id = NULL, shredded_at = EXCLUDED.shredded_at
                            WHERE subject_key.shredded_at IS NULL""")
                .param("subject", subject)
                .param("now", java.sql.Timestamp.from(Instant.now()))
                .update();
        cache.invalidate(subject);
        Runnable afterCommit = () -> {
            shreddingEpoch.incrementAndGet();
            cache.invalidate(subject);
            vacuumSoon();
        };
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    afterCommit.run();
                }
            });
        } else {
            afterCommit.run();
        }
        if (changed > 0) {
            shredded.increment(changed);
        }
        return changed;
    }

    /**
     * Re-wraps every live data key that a KEK other than the current one wrapped, in batches, each in
     * a transaction of its own. Events are untouched: the data keys themselves do not change. Keys
     * under a KEK that is not configured cannot be re-wrapped; they stay, and the census shows them.
     *
     * @return how many keys were re-wrapped
     */
    int rewrapToCurrentKek() {
        int total = 0;
        while (true) {
            Integer batch = ownTransaction.execute(status -> {
                List<Map<String, Object>> rows = jdbc.sql("""
                                SELECT subject_id, retention_class, wrapped_key, kek_id FROM subject_key
                                WHERE wrapped_key IS NOT NULL AND kek_id <> :current AND kek_id = ANY (:known)
                                LIMIT 500 FOR UPDATE SKIP LOCKED""")
                        .param("current", keks.currentId())
                        .param("known", keks.ids().toArray(String[]::new))
                        .query().listOfRows();
                for (Map<String, Object> row : rows) {
                    String subject = (String) row.get("subject_id");
                    RetentionClass retentionClass = RetentionClass.valueOf((String) row.get("retention_class"));
                    SecretKey dataKey = keks.unwrap((byte[]) row.get("wrapped_key"), (String) row.get("kek_id"),
                            subject, retentionClass);
                    jdbc.sql("""
                                    UPDATE subject_key SET wrapped_key = :wrapped, kek_id = :kek
                                    WHERE subject_id = :subject AND retention_class = :class AND wrapped_key IS NOT NULL""")
                            .param("wrapped", keks.wrap(dataKey, subject, retentionClass))
                            .param("kek", keks.currentId())
                            .param("subject", subject)
                            .param("class", retentionClass.name())
                            .update();
                }
                return rows.size();
            });
            if (batch == null || batch == 0) {
                break;
            }
            total += batch;
        }
        if (total > 0) {
            log.info("Re-wrapped {} data keys under KEK {}", total, keks.currentId());
        }
        return total;
    }

    /** Live and shredded keys per KEK id, for operators; no subject is named. */
    Map<String, Long> census() {
        Map<String, Long> census = new HashMap<>();
        jdbc.sql("""
                        SELECT coalesce(kek_id, 'shredded') AS state, count(*) AS keys FROM subject_key GROUP BY 1""")
                .query((row, number) -> census.put(row.getString("state"), row.getLong("keys")))
                .list();
        return census;
    }

    String currentKekId() {
        return keks.currentId();
    }

    private SubjectKeys cached(String subject) {
        return cache.get(subject, key -> load(Set.of(key)).getOrDefault(key, new SubjectKeys(Map.of())));
    }

    private Map<String, SubjectKeys> load(Set<String> subjects) {
        lookups.increment();
        Map<String, Map<RetentionClass, Optional<SecretKey>>> keys = new HashMap<>();
        for (String subject : subjects) {
            keys.put(subject, new EnumMap<>(RetentionClass.class));
        }
        jdbc.sql("""
                        SELECT subject_id, retention_class, wrapped_key, kek_id FROM subject_key
                        WHERE subject_id = ANY (:subjects)""")
                .param("subjects", subjects.toArray(String[]::new))
                .query((row, number) -> {
                    String subject = row.getString("subject_id");
                    RetentionClass retentionClass = RetentionClass.valueOf(row.getString("retention_class"));
                    byte[] wrapped = row.getBytes("wrapped_key");
                    keys.get(subject).put(retentionClass, wrapped == null ? Optional.empty()
                            : Optional.of(keks.unwrap(wrapped, row.getString("kek_id"), subject, retentionClass)));
                    return null;
                })
                .list();
        Map<String, SubjectKeys> result = new HashMap<>();
        keys.forEach((subject, classes) -> result.put(subject, new SubjectKeys(Map.copyOf(classes))));
        return result;
    }

    /**
     * Creates the subject's keys of every class it does not have yet, in one statement and one
     * transaction of its own: a new subject costs one commit, not one per class it comes to use.
     * Tombstones of shredded classes are left alone. When every class was new, the keys just
     * committed are the subject's whole state and go into the cache as they are, sparing a read
     * back; otherwise (another node raced, or a class was shredded) the vault is read again. A
     * shredding that commits meanwhile moves the epoch, and the entry is dropped again.
     */
    private SubjectKeys create(String subject) {
        long epoch = shreddingEpoch.get();
        StringBuilder values = new StringBuilder();
        Map<String, Object> parameters = new HashMap<>();
        Map<RetentionClass, Optional<SecretKey>> fresh = new EnumMap<>(RetentionClass.class);
        parameters.put("subject", subject);
        parameters.put("kek", keks.currentId());
        parameters.put("now", java.sql.Timestamp.from(Instant.now()));
        for (RetentionClass retentionClass : RetentionClass.values()) {
            String name = retentionClass.name();
            SecretKey dataKey = KeyEncryptionKeys.newDataKey();
            fresh.put(retentionClass, Optional.of(dataKey));
            values.append(values.isEmpty() ? "" : ", ")
                    .append("(:subject, '").append(name).append("', :wrapped_").append(name).append(", :kek, :now)");
            parameters.put("wrapped_" + name, keks.wrap(dataKey, subject, retentionClass));
        }
        Integer inserted = ownTransaction.execute(status -> jdbc.sql(
                        "INSERT INTO subject_key (subject_id, retention_class, wrapped_key, kek_id, created_at) VALUES "
                                + values + " ON CONFLICT (subject_id, retention_class) DO NOTHING")
                .params(parameters)
                .update());
        if (inserted != null && inserted > 0) {
            created.increment(inserted);
        }
        cache.invalidate(subject);
        if (inserted == null || inserted < fresh.size()) {
            return cached(subject);
        }
        SubjectKeys keys = new SubjectKeys(Map.copyOf(fresh));
        cache.put(subject, keys);
        if (shreddingEpoch.get() != epoch) {
            cache.invalidate(subject);
        }
        return keys;
    }

    /**
     * PostgreSQL keeps the old row version of a shredded key until vacuum; ask for it soon, so the
     * wrapped key does not linger in the table's pages. The run waits {@link #VACUUM_DELAY_MS} and
     * then serves every shredding committed meanwhile: a bulk shredding triggers one vacuum a
     * second or so, not one after another for as long as it lasts (each scans the whole vault).
     */
    private void vacuumSoon() {
        if (!vacuumPending.compareAndSet(false, true)) {
            return;
        }
        vacuum.schedule(() -> {
            vacuumPending.set(false);
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                connection.setAutoCommit(true);
                statement.execute("VACUUM subject_key");
            } catch (SQLException e) {
                log.warn("Vacuuming the key vault after a shredding failed ({}); autovacuum will catch up", e.getSQLState());
            }
        }, VACUUM_DELAY_MS, TimeUnit.MILLISECONDS);
    }

    void close() {
        vacuum.shutdownNow();
    }
}
