package io.lethe.saga.purpose;

import io.lethe.core.subject.FindHeldSubjectsQuery;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How a purpose change's notices are handed out.
 *
 * @param pageSize          subjects per page: each page is one transaction that holds its subjects'
 *                          aggregates until it commits, and one checkpoint
 * @param summariesAwaited  how long to wait before asking again while the subject summaries have not yet
 *                          seen the announcement
 */
@ConfigurationProperties("lethe.purpose-changes")
public record PurposeChangeProperties(
        @DefaultValue("200") int pageSize,
        @DefaultValue("2s") Duration summariesAwaited) {

    public PurposeChangeProperties {
        if (pageSize < 1 || pageSize > FindHeldSubjectsQuery.MAX_SIZE) {
            throw new IllegalArgumentException("lethe.purpose-changes.page-size must be between 1 and "
                    + FindHeldSubjectsQuery.MAX_SIZE);
        }
        if (summariesAwaited.isNegative() || summariesAwaited.isZero()) {
            throw new IllegalArgumentException("lethe.purpose-changes.summaries-awaited must be positive");
        }
    }
}
