package io.lethe.saga.retention;

import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({RetentionPolicy.class, UsageRetentionJob.class})
class RetentionConfiguration {

    static final String SWEEP_TASK = UsagePeriodRetention.TASK + "-sweep";

    /**
     * A usage period's job, one instance per period (named by it). A failed run is retried with a
     * growing pause, from its checkpoint; a run whose node died is revived on another.
     */
    @Bean
    Task<Void> usagePeriodRetentionTask(UsagePeriodRetention retention) {
        return Tasks.custom(UsagePeriodRetention.TASK, Void.class)
                // 10 s, doubling, 10 minutes at most: a run fails as a whole only when the database does
                .onFailure((complete, operations) -> operations.reschedule(complete, java.time.Instant.now().plus(
                        backOff(complete.getExecution().consecutiveFailures))))
                .onDeadExecutionRevive()
                .execute((instance, context) -> retention.run(instance.getId()));
    }

    static Duration backOff(int failuresBefore) {
        Duration pause = Duration.ofSeconds(10).multipliedBy(1L << Math.min(failuresBefore, 6));
        return pause.compareTo(Duration.ofMinutes(10)) > 0 ? Duration.ofMinutes(10) : pause;
    }

    @Bean
    RecurringTask<Void> usagePeriodRetentionSweep(UsagePeriodRetention retention, UsageRetentionJob settings) {
        return Tasks.recurring(SWEEP_TASK, FixedDelay.of(settings.sweepEvery()))
                .execute((instance, context) -> retention.scheduleOverdue());
    }
}
