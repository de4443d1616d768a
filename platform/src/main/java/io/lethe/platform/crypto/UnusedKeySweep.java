package io.lethe.platform.crypto;

import io.lethe.core.personaldata.UsagePeriods;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

/**
 * Now and then, the vault drops the keys of subjects whose registration never made it into the event
 * store; the event store, JDBC or Axon Server, says which.
 */
@Component
class UnusedKeySweep {

    private static final Logger log = LoggerFactory.getLogger(UnusedKeySweep.class);

    /** Longer than any command is in flight. */
    static final Duration GRACE = Duration.ofHours(1);

    private final KeyVault vault;
    private final KeyCache cache;
    private final EventStore eventStore;

    UnusedKeySweep(KeyVault vault, KeyCache cache, EventStore eventStore) {
        this.vault = vault;
        this.cache = cache;
        this.eventStore = eventStore;
    }

    @Scheduled(fixedDelayString = "${lethe.crypto.unused-key-sweep-interval:10m}",
            initialDelayString = "${lethe.crypto.unused-key-sweep-interval:10m}")
    void sweepNow() {
        sweep();
    }

    int sweep() {
        return sweepUnusedKeys(GRACE, holder -> eventStore.lastSequenceNumberFor(UsagePeriods.subjectOf(holder)).isPresent());
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
     * ({@link KeyCreation#reprieve}), and a key cached before it was condemned leaves every cache within
     * the cache's time; so once a condemned key is older than that plus the longest a command is in
     * flight, no command can still seal under it unseen, and the store has the answer.
     *
     * @return how many subjects' keys were dropped
     */
    int sweepUnusedKeys(Duration grace, Predicate<String> hasEvents) {
        Duration dropAfter = grace.plus(cache.ttl());
        Integer dropped = vault.inTransactionOfItsOwn(() -> {
            if (!Boolean.TRUE.equals(vault.sql("SELECT pg_try_advisory_xact_lock(hashtext('lethe-key-vault-sweep'))")
                    .query(Boolean.class).single())) {
                return 0;
            }
            int count = 0;
            List<String> condemned = vault.sql("""
                            SELECT DISTINCT subject_id FROM subject_key
                            WHERE condemned_at IS NOT NULL AND condemned_at <= :before""")
                    .param("before", Timestamp.from(Instant.now().minus(dropAfter)))
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
            if (until.isAfter(from.plus(Duration.ofDays(1)))) {
                until = from.plus(Duration.ofDays(1));
            }
            if (!until.isAfter(from)) {
                return count;
            }
            List<String> candidates = vault.sql("""
                            SELECT subject_id FROM subject_key WHERE created_at > :from AND created_at <= :until
                            GROUP BY subject_id HAVING bool_and(wrapped_key IS NOT NULL AND condemned_at IS NULL)""")
                    .param("from", Timestamp.from(from))
                    .param("until", Timestamp.from(until))
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
                    .param("until", Timestamp.from(until)).update();
            return count;
        });
        if (dropped != null && dropped > 0) {
            log.info("Dropped the keys of {} subjects that never got an event (their commands failed)", dropped);
        }
        return dropped == null ? 0 : dropped;
    }
}
