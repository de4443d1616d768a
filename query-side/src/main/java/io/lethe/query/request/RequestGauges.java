package io.lethe.query.request;

import io.lethe.core.jurisdiction.Jurisdiction;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * {@code lethe.requests.open} and {@code lethe.requests.overdue}, per jurisdiction. One grouped
 * query serves all twelve gauges and is reused for a few seconds, so a scrape costs one query.
 */
@Component
class RequestGauges {

    private static final Duration FRESH_FOR = Duration.ofSeconds(5);

    private final RequestQueue queue;
    private final Clock clock = Clock.systemUTC();
    private Map<String, long[]> counts = Map.of();
    private Instant countedAt = Instant.EPOCH;

    RequestGauges(RequestQueue queue, MeterRegistry meters) {
        this.queue = queue;
        for (Jurisdiction jurisdiction : Jurisdiction.values()) {
            Gauge.builder("lethe.requests.open", this, gauges -> gauges.count(jurisdiction, 0))
                    .description("Data-subject requests not yet fulfilled or denied")
                    .tag("jurisdiction", jurisdiction.code()).register(meters);
            Gauge.builder("lethe.requests.overdue", this, gauges -> gauges.count(jurisdiction, 1))
                    .description("Open data-subject requests past their due date")
                    .tag("jurisdiction", jurisdiction.code()).register(meters);
        }
    }

    private synchronized double count(Jurisdiction jurisdiction, int which) {
        if (countedAt.plus(FRESH_FOR).isBefore(clock.instant())) {
            counts = queue.openAndOverdueByJurisdiction();
            countedAt = clock.instant();
        }
        long[] pair = counts.get(jurisdiction.code());
        return pair == null ? 0 : pair[which];
    }
}
