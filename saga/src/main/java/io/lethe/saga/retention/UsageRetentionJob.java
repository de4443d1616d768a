package io.lethe.saga.retention;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How the rolling retention's job per usage period ({@link UsagePeriodRetention}) paces itself.
 *
 * @param batchSize   subjects per page: the page is the checkpoint
 * @param slice       how long one run works before it hands the rest of the period to the next run
 * @param sweepEvery  how often periods owed a shredding that is due are checked for a job
 * @param parallelism how many of a page's subjects are shredded at once, each in its own transaction
 */
@ConfigurationProperties("lethe.retention.usage.job")
record UsageRetentionJob(@DefaultValue("200") int batchSize, @DefaultValue("30s") Duration slice,
                         @DefaultValue("1h") Duration sweepEvery, @DefaultValue("4") int parallelism) {

    UsageRetentionJob {
        if (parallelism < 1) {
            throw new IllegalArgumentException("lethe.retention.usage.job.parallelism is at least 1");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("lethe.retention.usage.job.batch-size is at least 1");
        }
    }
}
