package io.lethe.platform.crypto;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.lethe.core.crypto.DataKeys;
import io.lethe.core.crypto.KeyShreddedException;
import io.lethe.core.personaldata.RetentionClass;
import io.lethe.core.personaldata.UsagePeriods;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.crypto.SecretKey;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The key vault ({@code subject_key}) behind a cache of unwrapped keys per subject, and the shred
 * ledger that outlives it.
 *
 * <p>Keys are created on first use. Where the vault shares the platform's database and the caller
 * has a transaction there (a command), they are created in that transaction, on its connection, and
 * enter the cache only once it commits: a command never waits for a second connection, so no number
 * of concurrent first registrations can starve the pool, and no key outlives a command that rolled
 * back. Otherwise (a vault of its own, or no transaction) they are created in a transaction of their
 * own on the vault's connections before use. A shredding records its pairs in the ledger in the caller's
 * transaction (the one that stores its event) and destroys the keys in the vault: in the same
 * transaction when the vault shares the platform's database, right after commit when it has a
 * database of its own — retried until it succeeds, and meanwhile every read checks the ledger. At
 * start-up the whole ledger is applied to the vault again, so a vault restored from an older backup
 * is shredded again before anything is served.
 *
 * <p>The cache holds a subject's keys for a fixed time after loading them, never longer, whoever
 * keeps reading them; and every node follows the ledger (one small query a second) and evicts a
 * subject as soon as its shredding is committed, on whichever node it was made. A shredding epoch
 * keeps a batch preload that raced with a shredding from caching the destroyed key.
 */
final class JdbcDataKeys implements DataKeys {

    private static final Logger log = LoggerFactory.getLogger(JdbcDataKeys.class);

    private static final long VACUUM_DELAY_MS = 1_000;
    private static final long RETRY_DELAY_MS = 5_000;
    private static final int REAPPLY_BATCH = 5_000;
    /** A ledger position skipped while following is waited for this long (a slower transaction may fill it). */
    private static final long GAP_WINDOW_MS = 60_000;
    private static final int MAX_GAPS = 10_000;

    private final KeyVaultDatabase vaultDatabase;
    private final JdbcClient vault;
    private final ShredLedger ledger;
    private final TransactionTemplate vaultTransaction;
    private final KeyEncryptionKeys keks;
    private final Cache<String, SubjectKeys> cache;
    private final AtomicLong shreddingEpoch = new AtomicLong();
    private final AtomicBoolean vacuumPending = new AtomicBoolean();
    private final AtomicBoolean retryPending = new AtomicBoolean();
    private final Set<ShredLedger.Entry> pendingInVault = ConcurrentHashMap.newKeySet();
    /** Following the ledger: the last position seen, and the earlier ones not seen yet with when they were skipped. */
    private long ledgerSeen;
    private final java.util.LinkedHashMap<Long, Long> ledgerGaps = new java.util.LinkedHashMap<>();
    private final ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "lethe-key-vault-housekeeping");
        thread.setDaemon(true);
        return thread;
    });
    private final java.time.Duration cacheTtl;
    /** Whether a command's events commit in the same transaction as its ledger entries (a JDBC event store here). */
    private final boolean eventsCommitWithLedger;
    private final Counter created;
    private final Counter shredded;
    private final Counter lookups;

    /**
     * The state of one subject's keys: a key per live class, an empty Optional per shredded class;
     * {@code condemned} when the unused-key sweep has marked them for removal (see {@link #sweepUnusedKeys}).
     */
    record SubjectKeys(Map<RetentionClass, Optional<SecretKey>> keys, boolean condemned) {
        SubjectKeys(Map<RetentionClass, Optional<SecretKey>> keys) {
            this(keys, false);
        }
    }

    /** The keys created in the caller's transaction, by subject, until it completes. */
    private final Object transactionKeysResource = new Object();

    JdbcDataKeys(KeyVaultDatabase vaultDatabase, ShredLedger ledger, KeyEncryptionKeys keks, CryptoProperties properties,
                 MeterRegistry meters) {
        this(vaultDatabase, ledger, keks, properties, meters, Ticker.systemTicker(), true);
    }

    JdbcDataKeys(KeyVaultDatabase vaultDatabase, ShredLedger ledger, KeyEncryptionKeys keks, CryptoProperties properties,
                 MeterRegistry meters, Ticker ticker) {
        this(vaultDatabase, ledger, keks, properties, meters, ticker, true);
    }

    JdbcDataKeys(KeyVaultDatabase vaultDatabase, ShredLedger ledger, KeyEncryptionKeys keks, CryptoProperties properties,
                 MeterRegistry meters, Ticker ticker, boolean eventsCommitWithLedger) {
        this.eventsCommitWithLedger = eventsCommitWithLedger;
        this.vaultDatabase = vaultDatabase;
        this.vault = JdbcClient.create(vaultDatabase.dataSource());
        this.ledger = ledger;
        this.vaultTransaction = new TransactionTemplate(vaultDatabase.transactions());
        this.vaultTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.keks = keks;
        this.cacheTtl = properties.keyCacheTtl();
        this.cache = Caffeine.newBuilder()
                .maximumSize(properties.keyCacheSize())
                // after loading, not after access: a node that keeps reading a subject still stops
                // decrypting within this bound once the key is destroyed elsewhere
                .expireAfterWrite(properties.keyCacheTtl())
                .ticker(ticker)
                .recordStats()
                .build();
        CaffeineCacheMetrics.monitor(meters, cache, "lethe-data-keys");
        this.created = Counter.builder("lethe.crypto.keys.created").description("Data keys created").register(meters);
        this.shredded = Counter.builder("lethe.crypto.keys.shredded").description("Data keys shredded").register(meters);
        this.lookups = Counter.builder("lethe.crypto.keys.lookups")
                .description("Queries of the key vault (one per subject cache miss or per preloaded batch)").register(meters);
        Gauge.builder("lethe.crypto.vault.pending-shreddings", pendingInVault, Set::size)
                .description("Shreddings recorded in the ledger whose keys the separate vault has not destroyed yet (retried)")
                .register(meters);
    }

    private void markRecorded(String subject, Set<RetentionClass> classes) {
        try {
            ledger.markRecorded(subject, classes);
        } catch (RuntimeException e) {
            log.warn("A shredding's ledger entry could not be marked recorded ({}); the reconciliation will look for its event",
                    e.getClass().getSimpleName());
        }
    }

    @Override
    public SecretKey keyForEncryption(String subject, RetentionClass retentionClass) {
        SubjectKeys keys = createdInThisTransaction(subject);
        if (keys == null) {
            keys = cached(subject);
            if (keys.condemned()) {
                keys = reprieve(subject);
            }
        }
        Optional<SecretKey> state = keys.keys().get(retentionClass);
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
        SubjectKeys keys = createdInThisTransaction(subject);
        Optional<SecretKey> state = (keys != null ? keys : cached(subject)).keys().get(retentionClass);
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

    /** Forgets the subject's keys here: a shredding was seen, made here or on another node. */
    private void evict(String subject) {
        shreddingEpoch.incrementAndGet();
        cache.invalidate(subject);
    }

    /**
     * Starts following the ledger from its head, evicting every subject shredded from now on, on any
     * node, every {@code interval}.
     */
    void followLedger(java.time.Duration interval) {
        synchronized (ledgerGaps) {
            ledgerSeen = ledger.head();
        }
        housekeeping.scheduleWithFixedDelay(() -> {
            try {
                evictShreddedSinceLastLook();
            } catch (RuntimeException e) {
                log.warn("Following the shred ledger failed ({}); cached keys still expire after {}", e.getClass().getSimpleName(),
                        cacheTtl);
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Evicts the subjects the ledger recorded since the last look. Positions come from an identity
     * column, so a transaction that took an earlier one may commit later: a skipped position is looked
     * for again for a minute (a rolled-back insert never fills its position).
     *
     * @return how many ledger entries were seen
     */
    int evictShreddedSinceLastLook() {
        synchronized (ledgerGaps) {
            long now = System.currentTimeMillis();
            ledgerGaps.values().removeIf(skippedAt -> now - skippedAt > GAP_WINDOW_MS);
            List<ShredLedger.Positioned> entries = ledger.since(ledgerSeen, ledgerGaps.keySet(), REAPPLY_BATCH);
            for (ShredLedger.Positioned entry : entries) {
                evict(entry.subject());
                if (ledgerGaps.remove(entry.position()) == null) {
                    for (long skipped = ledgerSeen + 1; skipped < entry.position() && ledgerGaps.size() < MAX_GAPS; skipped++) {
                        ledgerGaps.put(skipped, now);
                    }
                    ledgerSeen = Math.max(ledgerSeen, entry.position());
                }
            }
            return entries.size();
        }
    }

    @Override
    public boolean shred(String subject, RetentionClass retentionClass) {
        return shred(subject, Set.of(retentionClass)) > 0;
    }

    @Override
    public int shred(String subject, Set<RetentionClass> retentionClasses) {
        return shred(subject, retentionClasses, null, null);
    }

    /**
     * All the given classes of one subject at once, with one eviction after commit. Where the events
     * are not stored in this transaction (Axon Server), the ledger entry is marked recorded only once
     * the command's events are stored; one that stays unrecorded is completed by {@link LedgerReconciliation}.
     */
    @Override
    public int shred(String subject, Set<RetentionClass> retentionClasses, String reason, String reference) {
        if (retentionClasses.isEmpty()) {
            return 0;
        }
        Instant now = Instant.now();
        List<ShredLedger.Entry> entries = retentionClasses.stream()
                .map(retentionClass -> new ShredLedger.Entry(subject, retentionClass, now)).toList();
        int recorded = ledger.record(subject, retentionClasses, now, reason, reference, eventsCommitWithLedger);
        if (!eventsCommitWithLedger && org.axonframework.messaging.unitofwork.CurrentUnitOfWork.isStarted()) {
            Set<RetentionClass> classes = Set.copyOf(retentionClasses);
            org.axonframework.messaging.unitofwork.CurrentUnitOfWork.get().root()
                    .afterCommit(unitOfWork -> markRecorded(subject, classes));
        }
        if (!vaultDatabase.separate()) {
            destroy(entries);
        }
        cache.invalidate(subject);
        viewShreddingInThisTransaction(subject);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    afterShredding(subject, entries, status == STATUS_COMMITTED);
                }
            });
        } else {
            afterShredding(subject, entries, true);
        }
        if (recorded > 0) {
            shredded.increment(recorded);
        }
        return recorded;
    }

    private void afterShredding(String subject, List<ShredLedger.Entry> entries, boolean committed) {
        evict(subject);
        if (committed && vaultDatabase.separate()) {
            destroyInVaultOrRetry(entries);
        }
        vacuumSoon();
    }

    /**
     * Applies the whole ledger to the vault: every pair it names is destroyed (or entombed, if the
     * vault has no row for it), in batches. Idempotent; run at start-up, before anything is served.
     *
     * @return how many live keys it found and destroyed — non-zero only after a vault was restored
     */
    int reapplyLedger() {
        long position = 0;
        int revived = 0;
        int entries = 0;
        while (true) {
            ShredLedger.Page page = ledger.page(position, REAPPLY_BATCH);
            if (page.entries().isEmpty()) {
                break;
            }
            Integer destroyed = vaultTransaction.execute(status -> destroy(page.entries()));
            revived += destroyed == null ? 0 : destroyed;
            entries += page.entries().size();
            position = page.lastPosition();
        }
        if (revived > 0) {
            cache.invalidateAll();
            log.warn("The key vault held {} live keys that the shred ledger records as destroyed (was the vault restored "
                    + "from a backup?): they are destroyed again", revived);
            vacuumSoon();
        } else if (entries > 0) {
            log.info("Shred ledger applied to the key vault: {} destroyed keys, none of them live", entries);
        }
        return revived;
    }

    /**
     * Destroys the keys of the pairs and leaves a tombstone for each, also where the vault has no row
     * for one (a vault older than the subject), so no key is ever made again for it.
     *
     * @return how many live keys were destroyed
     */
    private int destroy(List<ShredLedger.Entry> entries) {
        String[] subjects = entries.stream().map(ShredLedger.Entry::subject).toArray(String[]::new);
        String[] classes = entries.stream().map(entry -> entry.retentionClass().name()).toArray(String[]::new);
        String[] times = entries.stream().map(entry -> entry.shreddedAt().toString()).toArray(String[]::new);
        // one statement: a key committed by another transaction between a separate update and insert would stay live
        List<Boolean> destroyedLive = vault.sql("""
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

    /** A separate vault destroys after the events' commit; what fails is kept and retried, never dropped. */
    private void destroyInVaultOrRetry(List<ShredLedger.Entry> entries) {
        try {
            vaultTransaction.execute(status -> destroy(entries));
        } catch (RuntimeException e) {
            pendingInVault.addAll(entries);
            log.warn("The key vault could not destroy {} shredded keys now ({}); the ledger already records them, "
                    + "every read honours it, and the vault is retried", entries.size(), e.getClass().getSimpleName());
            retrySoon();
        }
    }

    private void retrySoon() {
        if (!retryPending.compareAndSet(false, true)) {
            return;
        }
        housekeeping.schedule(() -> {
            retryPending.set(false);
            List<ShredLedger.Entry> batch = List.copyOf(pendingInVault);
            if (batch.isEmpty()) {
                return;
            }
            try {
                vaultTransaction.execute(status -> destroy(batch));
                batch.forEach(pendingInVault::remove);
                log.info("The key vault destroyed {} shredded keys it had missed", batch.size());
                vacuumSoon();
            } catch (RuntimeException e) {
                log.warn("The key vault still cannot destroy {} shredded keys ({}); retrying", batch.size(),
                        e.getClass().getSimpleName());
                retrySoon();
            }
        }, RETRY_DELAY_MS, TimeUnit.MILLISECONDS);
    }

    /**
     * Drops the keys of subjects that never got an event. Where the event store is not in the vault's
     * transaction (Axon Server, a vault of its own), keys are committed before the command that needed
     * them, so a command that then failed — the message bus unreachable, say — leaves them behind
     * (older versions did so everywhere). One node sweeps at a time, in two steps, so a key is never
     * dropped that a late retry of that command then seals its events under:
     * <ol>
     *   <li>keys made since the last sweep and at least {@code grace} ago, of a holder the event store
     *   knows nothing of, are <em>condemned</em> (marked, not dropped);</li>
     *   <li>keys condemned more than {@code grace} plus the cache's time ago are dropped if the event
     *   store still knows nothing of their holder, and reprieved if it does.</li>
     * </ol>
     * A condemned key read from the vault for encryption is reprieved before it is used
     * ({@link #reprieve}), and a key cached before it was condemned leaves every cache within the
     * cache's time; so once a condemned key is older than that plus the longest a command is in
     * flight, no command can still seal under it unseen, and the store has the answer.
     *
     * @return how many subjects' keys were dropped
     */
    int sweepUnusedKeys(java.time.Duration grace, java.util.function.Predicate<String> hasEvents) {
        java.time.Duration dropAfter = grace.plus(cacheTtl);
        Integer dropped = vaultTransaction.execute(status -> {
            if (!Boolean.TRUE.equals(vault.sql("SELECT pg_try_advisory_xact_lock(hashtext('lethe-key-vault-sweep'))")
                    .query(Boolean.class).single())) {
                return 0;
            }
            int count = 0;
            List<String> condemned = vault.sql("""
                            SELECT DISTINCT subject_id FROM subject_key
                            WHERE condemned_at IS NOT NULL AND condemned_at <= :before""")
                    .param("before", java.sql.Timestamp.from(Instant.now().minus(dropAfter)))
                    .query(String.class).list();
            for (String holder : condemned) {
                if (hasEvents.test(holder)) {
                    vault.sql("UPDATE subject_key SET condemned_at = NULL WHERE subject_id = :subject")
                            .param("subject", holder).update();
                } else {
                    count += vault.sql("""
                                    DELETE FROM subject_key WHERE subject_id = :subject AND condemned_at IS NOT NULL
                                    AND NOT EXISTS (SELECT 1 FROM subject_key other WHERE other.subject_id = :subject
                                                    AND (other.wrapped_key IS NULL OR other.condemned_at IS NULL))""")
                            .param("subject", holder).update() > 0 ? 1 : 0;
                    cache.invalidate(holder);
                }
            }
            Instant from = vault.sql("SELECT swept_until FROM key_vault_sweep WHERE id = 1")
                    .query((row, number) -> row.getTimestamp(1).toInstant()).optional()
                    .orElseGet(() -> vault.sql("SELECT min(created_at) FROM subject_key").query((row, number) ->
                            row.getTimestamp(1) == null ? Instant.now() : row.getTimestamp(1).toInstant().minusMillis(1)).single());
            Instant until = Instant.now().minus(grace);
            if (until.isAfter(from.plus(java.time.Duration.ofDays(1)))) {
                until = from.plus(java.time.Duration.ofDays(1));
            }
            if (!until.isAfter(from)) {
                return count;
            }
            List<String> candidates = vault.sql("""
                            SELECT subject_id FROM subject_key WHERE created_at > :from AND created_at <= :until
                            GROUP BY subject_id HAVING bool_and(wrapped_key IS NOT NULL AND condemned_at IS NULL)""")
                    .param("from", java.sql.Timestamp.from(from))
                    .param("until", java.sql.Timestamp.from(until))
                    .query(String.class).list();
            for (String holder : candidates) {
                if (!hasEvents.test(holder)) {
                    vault.sql("""
                                    UPDATE subject_key SET condemned_at = now() WHERE subject_id = :subject AND NOT EXISTS (
                                        SELECT 1 FROM subject_key shredded WHERE shredded.subject_id = :subject
                                        AND shredded.wrapped_key IS NULL)""")
                            .param("subject", holder).update();
                }
            }
            vault.sql("""
                            INSERT INTO key_vault_sweep (id, swept_until) VALUES (1, :until)
                            ON CONFLICT (id) DO UPDATE SET swept_until = EXCLUDED.swept_until""")
                    .param("until", java.sql.Timestamp.from(until)).update();
            return count;
        });
        if (dropped != null && dropped > 0) {
            log.info("Dropped the keys of {} subjects that never got an event (their commands failed)", dropped);
        }
        return dropped == null ? 0 : dropped;
    }

    /**
     * A condemned subject's keys are wanted for encryption: a command is sealing under them after
     * all (a late retry of the one that failed). They are reprieved before use — in the caller's
     * transaction where it has one in the vault's database (so the reprieve commits with the events,
     * and a sweep dropping them meanwhile waits for it), otherwise at once — and if the sweep dropped
     * them first, fresh ones are made, as for a subject never seen.
     */
    private SubjectKeys reprieve(String subject) {
        if (!vaultDatabase.separate() && inCallersTransaction()) {
            if (vault.sql(REPRIEVE).param("subject", subject).update() == 0) {
                return createInCallersTransaction(subject);
            }
            SubjectKeys keys = load(Set.of(subject)).getOrDefault(subject, new SubjectKeys(Map.of()));
            SubjectKeys reprieved = new SubjectKeys(keys.keys(), false);
            transactionKeys().put(subject, reprieved);
            return reprieved;
        }
        Integer reprieved = vaultTransaction.execute(status -> vault.sql(REPRIEVE).param("subject", subject).update());
        cache.invalidate(subject);
        if (reprieved == null || reprieved == 0) {
            return create(subject);
        }
        return cached(subject);
    }

    private static final String REPRIEVE =
            "UPDATE subject_key SET condemned_at = NULL WHERE subject_id = :subject AND condemned_at IS NOT NULL";

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
            Integer batch = vaultTransaction.execute(status -> {
                List<Map<String, Object>> rows = vault.sql("""
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
                    vault.sql("""
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
        vault.sql("SELECT coalesce(kek_id, 'shredded') AS state, count(*) AS keys FROM subject_key GROUP BY 1")
                .query((row, number) -> census.put(row.getString("state"), row.getLong("keys")))
                .list();
        return census;
    }

    /** How the vault stands apart from the keys themselves: where it lives, the ledger, what is still owed. */
    VaultState state() {
        return new VaultState(vaultDatabase.separate(), ledger.size(), pendingInVault.size());
    }

    /** The vault's place and its ledger, for operators. */
    record VaultState(boolean separateDatabase, long ledgerEntries, int pendingShreddings) {
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
        Set<String> withLiveKeys = new LinkedHashSet<>();
        Set<String> condemned = new HashSet<>();
        vault.sql("""
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
        if (vaultDatabase.separate() && !withLiveKeys.isEmpty()) {
            // the vault may not have caught up with the ledger yet (or was restored): the ledger decides
            ledger.shreddedAmong(withLiveKeys).forEach((subject, destroyed) ->
                    destroyed.forEach(retentionClass -> keys.get(subject).put(retentionClass, Optional.empty())));
        }
        Map<String, SubjectKeys> result = new HashMap<>();
        keys.forEach((subject, classes) -> result.put(subject, new SubjectKeys(Map.copyOf(classes), condemned.contains(subject))));
        return result;
    }

    /**
     * Creates the subject's keys of every class it does not have yet, in one statement: a new subject
     * costs one statement, not one per class it comes to use. Tombstones of shredded classes are left
     * alone.
     *
     * <p>Where the vault shares the caller's database and the caller has a transaction there, the keys
     * are written in that transaction — on the connection it already holds — and cached only after it
     * commits (see {@link #createInCallersTransaction}). Otherwise they are committed in a transaction
     * of their own before they are used: a vault of its own has its own connections, and a caller with
     * no transaction holds none. When every class was new, the keys just committed are the subject's
     * whole state and go into the cache as they are, sparing a read back; otherwise (another node
     * raced, or a class was shredded) the vault is read again, as it always is when the vault has a
     * database of its own and only the ledger knows every shredding. A shredding that commits
     * meanwhile moves the epoch, and the entry is dropped again.
     */
    private SubjectKeys create(String subject) {
        if (!vaultDatabase.separate() && inCallersTransaction()) {
            return createInCallersTransaction(subject);
        }
        long epoch = shreddingEpoch.get();
        NewKeys fresh = newKeys(subject);
        Integer inserted = vaultTransaction.execute(status -> fresh.insert(vault));
        if (inserted != null && inserted > 0) {
            created.increment(inserted);
        }
        cache.invalidate(subject);
        if (inserted == null || inserted < fresh.keys().size() || vaultDatabase.separate()) {
            return cached(subject);
        }
        SubjectKeys keys = new SubjectKeys(fresh.keys());
        cache.put(subject, keys);
        if (shreddingEpoch.get() != epoch) {
            cache.invalidate(subject);
        }
        return keys;
    }

    /**
     * The keys are written on the caller's connection, so they commit with the command's events — or
     * roll back with them, leaving nothing behind. Until the transaction completes they are kept for it
     * alone: the cache is shared by every thread, and a key another command could seal with before
     * this one commits might still be taken away. A subject another transaction is creating at the
     * same moment makes this insert wait for that one to finish; then its keys are read back.
     */
    private SubjectKeys createInCallersTransaction(String subject) {
        Map<String, SubjectKeys> mine = transactionKeys();
        NewKeys fresh = newKeys(subject);
        int inserted = fresh.insert(vault);
        SubjectKeys keys;
        if (inserted == fresh.keys().size()) {
            keys = new SubjectKeys(fresh.keys());
        } else {
            // another transaction made some of them first, or a class was shredded: read them back here
            keys = load(Set.of(subject)).getOrDefault(subject, new SubjectKeys(Map.of()));
            if (keys.condemned()) {
                vault.sql(REPRIEVE).param("subject", subject).update();
                keys = new SubjectKeys(keys.keys(), false);
            }
        }
        mine.put(subject, keys);
        if (inserted > 0) {
            created.increment(inserted);
        }
        return keys;
    }

    private boolean inCallersTransaction() {
        return TransactionSynchronizationManager.isSynchronizationActive()
                && TransactionSynchronizationManager.isActualTransactionActive()
                && TransactionSynchronizationManager.hasResource(vaultDatabase.dataSource());
    }

    /**
     * This transaction's own view of the holders whose keys it created, reprieved or shredded, until it
     * completes: then, if it committed and no shredding moved the epoch meanwhile, the view is what the
     * vault holds and goes into the cache; otherwise it is dropped. Nothing of it reaches the shared
     * cache before the commit.
     */
    @SuppressWarnings("unchecked")
    private Map<String, SubjectKeys> transactionKeys() {
        Map<String, SubjectKeys> keys = (Map<String, SubjectKeys>) TransactionSynchronizationManager.getResource(transactionKeysResource);
        if (keys == null) {
            Map<String, SubjectKeys> bound = new HashMap<>();
            long epoch = shreddingEpoch.get();
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(transactionKeysResource);
                    if (status == STATUS_COMMITTED && shreddingEpoch.get() == epoch) {
                        cache.putAll(bound);
                    } else {
                        cache.invalidateAll(bound.keySet());
                    }
                }
            });
            TransactionSynchronizationManager.bindResource(transactionKeysResource, bound);
            keys = bound;
        }
        return keys;
    }

    /** A holder shredded in the caller's transaction is read, from now on in it, from the transaction's own view. */
    private void viewShreddingInThisTransaction(String subject) {
        if (!vaultDatabase.separate() && inCallersTransaction()) {
            transactionKeys().put(subject, load(Set.of(subject)).getOrDefault(subject, new SubjectKeys(Map.of())));
        }
    }

    private SubjectKeys createdInThisTransaction(String subject) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return null;
        }
        @SuppressWarnings("unchecked")
        Map<String, SubjectKeys> mine = (Map<String, SubjectKeys>) TransactionSynchronizationManager.getResource(transactionKeysResource);
        return mine == null ? null : mine.get(subject);
    }

    /** A fresh key for every class the holder can have, wrapped, and the one statement that stores them. */
    private record NewKeys(Map<RetentionClass, Optional<SecretKey>> keys, String values, Map<String, Object> parameters) {
        int insert(JdbcClient vault) {
            return vault.sql("INSERT INTO subject_key (subject_id, retention_class, wrapped_key, kek_id, created_at) VALUES "
                            + values + " ON CONFLICT (subject_id, retention_class) DO NOTHING")
                    .params(parameters)
                    .update();
        }
    }

    private NewKeys newKeys(String subject) {
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
     * PostgreSQL keeps the old row version of a shredded key until vacuum; ask for it soon, so the
     * wrapped key does not linger in the table's pages. The run waits {@link #VACUUM_DELAY_MS} and
     * then serves every shredding committed meanwhile: a bulk shredding triggers one vacuum a
     * second or so, not one after another for as long as it lasts (each scans the whole vault).
     */
    private void vacuumSoon() {
        if (!vacuumPending.compareAndSet(false, true)) {
            return;
        }
        housekeeping.schedule(() -> {
            vacuumPending.set(false);
            try (Connection connection = vaultDatabase.dataSource().getConnection();
                 Statement statement = connection.createStatement()) {
                connection.setAutoCommit(true);
                statement.execute("VACUUM subject_key");
            } catch (SQLException e) {
                log.warn("Vacuuming the key vault after a shredding failed ({}); autovacuum will catch up", e.getSQLState());
            }
        }, VACUUM_DELAY_MS, TimeUnit.MILLISECONDS);
    }

    void close() {
        housekeeping.shutdownNow();
    }
}
