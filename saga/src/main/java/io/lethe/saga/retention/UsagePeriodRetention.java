package io.lethe.saga.retention;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import io.lethe.core.activity.ShredUsagePeriodCommand;
import io.lethe.core.subject.SubjectId;
import io.lethe.saga.SagaCommands;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The rolling retention of usage data: one job per usage period, not one deadline per subject and
 * period. When a period is due, its job walks the subjects that still hold data in it
 * ({@link UsagePeriodsDue}), a page at a time, and has each subject shred the period
 * ({@link ShredUsagePeriodCommand}): the subject destroys the period's key in the transaction that
 * records {@code UsagePeriodShreddedEvent} — the same per-subject evidence as before — or, under a
 * legal hold on USAGE, reports it withheld and shreds it itself when the last hold is released.
 *
 * <p>Each subject's command is its own transaction, holding only that subject's lock, so a month's
 * retention for a whole population runs beside the traffic instead of firing at one instant. A
 * page is marked sent once its commands are done: that mark is the checkpoint, so a job resumed after
 * a crash, on any node, starts at the first subject not yet sent, and a page sent twice changes
 * nothing. A subject whose command fails (not one the subject refuses: its lock held past the timeout,
 * the store failing) is tried again later on its own — ten seconds, then twice as long each time, an
 * hour at most — and the others go on: a period's shredding is never skipped, nor held back by one
 * subject. A run that fails as a whole (the database gone) is run again from its checkpoint.
 *
 * <p>One run works for a bounded slice of time and then hands the rest to the next run, so other
 * deadlines on the same scheduler are not held back by a large period.
 */
@Component
class UsagePeriodRetention {

    static final String TASK = "usage-period-retention";
    private static final Logger log = LoggerFactory.getLogger(UsagePeriodRetention.class);

    private final JdbcClient jdbc;
    private final CommandGateway commandGateway;
    private final ObjectProvider<SchedulerClient> scheduler;
    private final UsageRetentionJob settings;
    private final Clock clock;
    private final java.util.concurrent.ExecutorService senders;

    UsagePeriodRetention(JdbcClient jdbc, CommandGateway commandGateway, ObjectProvider<SchedulerClient> scheduler,
                         UsageRetentionJob settings, ObjectProvider<Clock> clock) {
        this.jdbc = jdbc;
        this.commandGateway = commandGateway;
        this.scheduler = scheduler;
        this.settings = settings;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
        java.util.concurrent.atomic.AtomicInteger threads = new java.util.concurrent.atomic.AtomicInteger();
        this.senders = java.util.concurrent.Executors.newFixedThreadPool(settings.parallelism(), task -> {
            Thread thread = new Thread(task, "lethe-usage-retention-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        senders.shutdownNow();
    }

    /** The period's job runs at {@code due}, unless it is scheduled already (the first subject's opening schedules it). */
    void scheduleIfNotScheduled(String period, Instant due) {
        scheduler.getObject().scheduleIfNotExists(new TaskInstance<Void>(TASK, period), due);
    }

    /**
     * The periods with subjects owed a shredding that is due now get their job, if they have none:
     * the safety net for a period opened too close to its end for its job to see it, or a job lost
     * with a restored database.
     */
    void scheduleOverdue() {
        Instant now = clock.instant();
        List<String> periods = jdbc.sql("SELECT DISTINCT period FROM usage_period WHERE sent_at IS NULL AND shred_at <= :now")
                .param("now", Timestamp.from(now))
                .query(String.class).list();
        periods.forEach(period -> scheduleIfNotScheduled(period, now));
    }

    /** One run of a period's job: pages until the period is done or the run's slice is used up. */
    CompletionHandler<Void> run(String period) {
        Instant started = clock.instant();
        Instant stopBy = started.plus(settings.slice());
        long sent = 0;
        int pages = 0;
        int failed = 0;
        while (true) {
            List<String> page = owed(period, clock.instant());
            List<String> done = new java.util.ArrayList<>(page.size());
            // a page's subjects a few at a time, each its own command and transaction
            List<java.util.concurrent.Future<?>> sending = new java.util.ArrayList<>(page.size());
            for (String subject : page) {
                sending.add(senders.submit(() -> SagaCommands.send(commandGateway, new ShredUsagePeriodCommand(
                        SubjectId.of(subject), period, RetentionSaga.usagePeriodReference(subject, period)))));
            }
            for (int i = 0; i < page.size(); i++) {
                String subject = page.get(i);
                try {
                    sending.get(i).get();
                    done.add(subject);
                } catch (java.util.concurrent.ExecutionException e) {
                    // one subject's failure (its lock held past the timeout, the store failing) holds back no other
                    failLater(period, subject);
                    failed++;
                    log.warn("Usage period {}: a subject's shredding failed with {}; it is tried again later", period,
                            e.getCause() == null ? "?" : e.getCause().getClass().getName());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while shredding usage period " + period, e);
                }
            }
            markSent(period, done);
            sent += done.size();
            pages++;
            if (page.size() < settings.batchSize()) {
                break;
            }
            if (!clock.instant().isBefore(stopBy)) {
                log.info("Usage period {}: {} subjects sent their shredding in {} pages; the rest in the next run", period, sent, pages);
                return (complete, operations) -> operations.reschedule(complete, clock.instant());
            }
        }
        log.info("Usage period {}: {} subjects sent their shredding in {} pages, {} to try again", period, sent, pages, failed);
        return next(period);
    }

    /**
     * Done for now: again when a subject's data in the period is due later (or arrived during the run),
     * or a failed subject's next try comes, or never.
     */
    private CompletionHandler<Void> next(String period) {
        Timestamp later = jdbc.sql("""
                        SELECT min(GREATEST(shred_at, COALESCE(retry_at, shred_at))) FROM usage_period
                        WHERE period = :period AND sent_at IS NULL""")
                .param("period", period)
                .query(Timestamp.class).optional().orElse(null);
        if (later == null) {
            return new CompletionHandler.OnCompleteRemove<>();
        }
        Instant at = later.toInstant().isAfter(clock.instant()) ? later.toInstant() : clock.instant();
        return (complete, operations) -> operations.reschedule(complete, at);
    }

    private List<String> owed(String period, Instant now) {
        return jdbc.sql("""
                        SELECT subject_id FROM usage_period
                        WHERE period = :period AND sent_at IS NULL AND shred_at <= :now
                          AND (retry_at IS NULL OR retry_at <= :now)
                        ORDER BY subject_id LIMIT :limit""")
                .param("period", period)
                .param("now", Timestamp.from(now))
                .param("limit", settings.batchSize())
                .query(String.class).list();
    }

    /** A failed subject waits 10 s, then twice as long after each failure, an hour at most. */
    private void failLater(String period, String subject) {
        jdbc.sql("""
                        UPDATE usage_period SET failures = failures + 1,
                            retry_at = :now + LEAST(INTERVAL '1 hour', INTERVAL '10 seconds' * power(2, LEAST(failures, 20)))
                        WHERE period = :period AND subject_id = :subject""")
                .param("now", Timestamp.from(clock.instant()))
                .param("period", period)
                .param("subject", subject)
                .update();
    }

    private void markSent(String period, List<String> subjects) {
        if (subjects.isEmpty()) {
            return;
        }
        jdbc.sql("UPDATE usage_period SET sent_at = :now WHERE period = :period AND subject_id IN (:subjects)")
                .param("now", Timestamp.from(clock.instant()))
                .param("period", period)
                .param("subjects", subjects)
                .update();
    }
}
