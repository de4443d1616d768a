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
 * nothing. A command that fails (not one the subject refuses) fails the run, and db-scheduler runs the
 * job again later from the same checkpoint: a period's shredding is never skipped.
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

    UsagePeriodRetention(JdbcClient jdbc, CommandGateway commandGateway, ObjectProvider<SchedulerClient> scheduler,
                         UsageRetentionJob settings, ObjectProvider<Clock> clock) {
        this.jdbc = jdbc;
        this.commandGateway = commandGateway;
        this.scheduler = scheduler;
        this.settings = settings;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
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
        while (true) {
            List<String> page = owed(period, clock.instant());
            for (String subject : page) {
                SagaCommands.send(commandGateway, new ShredUsagePeriodCommand(SubjectId.of(subject), period,
                        RetentionSaga.usagePeriodReference(subject, period)));
            }
            markSent(period, page);
            sent += page.size();
            pages++;
            if (page.size() < settings.batchSize()) {
                break;
            }
            if (!clock.instant().isBefore(stopBy)) {
                log.info("Usage period {}: {} subjects sent their shredding in {} pages; the rest in the next run", period, sent, pages);
                return (complete, operations) -> operations.reschedule(complete, clock.instant());
            }
        }
        log.info("Usage period {}: {} subjects sent their shredding in {} pages", period, sent, pages);
        return next(period);
    }

    /** Done for now: again when a subject's data in the period is due later (or arrived during the run), or never. */
    private CompletionHandler<Void> next(String period) {
        Timestamp later = jdbc.sql("SELECT min(shred_at) FROM usage_period WHERE period = :period AND sent_at IS NULL")
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
                        ORDER BY subject_id LIMIT :limit""")
                .param("period", period)
                .param("now", Timestamp.from(now))
                .param("limit", settings.batchSize())
                .query(String.class).list();
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
