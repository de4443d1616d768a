package io.lethe.query;

import io.lethe.core.jurisdiction.Jurisdiction;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A pair of gauges per jurisdiction — how many things are open, how many of them overdue — served
 * from one grouped count that is reused for a few seconds, so a scrape costs one query however many
 * gauges it reads.
 */
public final class JurisdictionGauges {

    private static final Duration FRESH_FOR = Duration.ofSeconds(5);

    private final Supplier<Map<String, long[]>> count;
    private final Clock clock = Clock.systemUTC();
    private Map<String, long[]> counts = Map.of();
    private Instant countedAt = Instant.EPOCH;

    /**
     * @param count open and overdue per jurisdiction code, as {@code {open, overdue}}
     */
    public JurisdictionGauges(MeterRegistry meters, String open, String openDescription, String overdue,
                              String overdueDescription, Supplier<Map<String, long[]>> count) {
        this.count = count;
        for (Jurisdiction jurisdiction : Jurisdiction.values()) {
            // strong references: Micrometer holds a gauge's object weakly, and nobody else holds this one
            Gauge.builder(open, this, gauges -> gauges.value(jurisdiction, 0)).strongReference(true)
                    .description(openDescription).tag("jurisdiction", jurisdiction.code()).register(meters);
            Gauge.builder(overdue, this, gauges -> gauges.value(jurisdiction, 1)).strongReference(true)
                    .description(overdueDescription).tag("jurisdiction", jurisdiction.code()).register(meters);
        }
    }

    private synchronized double value(Jurisdiction jurisdiction, int which) {
        if (countedAt.plus(FRESH_FOR).isBefore(clock.instant())) {
            counts = count.get();
            countedAt = clock.instant();
        }
        long[] pair = counts.get(jurisdiction.code());
        return pair == null ? 0 : pair[which];
    }
}
