package io.lethe.platform.ops;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Axon's message metrics for one event processor or bus — the same meters, names and tags as Axon's
 * timer, counting, capacity and latency monitors — with each tag set's meters registered once. Axon's
 * monitors register every one of their meters again for every message (four timers, five counters, a
 * capacity gauge and a latency gauge: each a lookup through the registry's filters), including for
 * every event a processor ignores; in the benchmark that was a fifth of the platform's CPU. Here a
 * message costs one map lookup by its tags, and the capacity's window is a ring of 100 ms slots over
 * ten seconds instead of every message's duration.
 */
final class MessageMetrics implements MessageMonitor<Message<?>> {

    /** How far back the capacity gauge looks. */
    static final Duration CAPACITY_WINDOW = Duration.ofSeconds(10);
    private static final double[] PERCENTILES = {0.5, 0.75, 0.95, 0.98, 0.99, 0.999};

    private final String name;
    private final MeterRegistry registry;
    private final Clock clock;
    private final Function<Message<?>, Iterable<Tag>> tags;
    /** The tags of the processing latency, for an event processor; null for a bus. */
    private final Function<Message<?>, Iterable<Tag>> latencyTags;
    private final Map<Tags, Meters> meters = new ConcurrentHashMap<>();
    private final Map<Tags, AtomicLong> latencies = new ConcurrentHashMap<>();

    MessageMetrics(String name, MeterRegistry registry, Function<Message<?>, Iterable<Tag>> tags,
                   Function<Message<?>, Iterable<Tag>> latencyTags) {
        this.name = name;
        this.registry = registry;
        this.clock = registry.config().clock();
        this.tags = tags;
        this.latencyTags = latencyTags;
    }

    @Override
    public MonitorCallback onMessageIngested(Message<?> message) {
        Meters each = meters.computeIfAbsent(Tags.of(tags.apply(message)), Meters::new);
        each.ingested.increment();
        if (latencyTags != null && message instanceof EventMessage<?> event) {
            latencies.computeIfAbsent(Tags.of(latencyTags.apply(message)), this::latencyGauge)
                    .set(clock.wallTime() - event.getTimestamp().toEpochMilli());
        }
        long start = clock.monotonicTime();
        return new MonitorCallback() {
            @Override
            public void reportSuccess() {
                long duration = done();
                each.success.record(duration, TimeUnit.NANOSECONDS);
                each.processed.increment();
                each.succeeded.increment();
            }

            @Override
            public void reportFailure(Throwable cause) {
                long duration = done();
                each.failure.record(duration, TimeUnit.NANOSECONDS);
                each.processed.increment();
                each.failed.increment();
            }

            @Override
            public void reportIgnored() {
                long duration = done();
                each.ignored.record(duration, TimeUnit.NANOSECONDS);
                each.ignoredCount.increment();
            }

            private long done() {
                long end = clock.monotonicTime();
                long duration = end - start;
                each.all.record(duration, TimeUnit.NANOSECONDS);
                each.capacity.add(end, duration);
                return duration;
            }
        };
    }

    private AtomicLong latencyGauge(Tags latencyTags) {
        AtomicLong latency = new AtomicLong();
        Gauge.builder(name + ".latency", latency::get).tags(latencyTags).register(registry);
        return latency;
    }

    private Timer timer(String suffix, Tags tags) {
        return Timer.builder(name + "." + suffix).distributionStatisticExpiry(Duration.ofMinutes(10))
                .publishPercentiles(PERCENTILES).tags(tags).register(registry);
    }

    private Counter counter(String suffix, Tags tags) {
        return Counter.builder(name + "." + suffix).tags(tags).register(registry);
    }

    /** A tag set's meters, registered when it is first seen. */
    private final class Meters {
        final Timer all;
        final Timer success;
        final Timer failure;
        final Timer ignored;
        final Counter ingested;
        final Counter processed;
        final Counter succeeded;
        final Counter failed;
        final Counter ignoredCount;
        final BusyWindow capacity = new BusyWindow();

        Meters(Tags tags) {
            all = timer("allTimer", tags);
            success = timer("successTimer", tags);
            failure = timer("failureTimer", tags);
            ignored = timer("ignoredTimer", tags);
            ingested = counter("ingestedCounter", tags);
            processed = counter("processedCounter", tags);
            succeeded = counter("successCounter", tags);
            failed = counter("failureCounter", tags);
            ignoredCount = counter("ignoredCounter", tags);
            Gauge.builder(name + ".capacity", () -> capacity.share(clock.monotonicTime())).tags(tags).register(registry);
        }
    }

    /**
     * The share of the last ten seconds spent handling, from a ring of 100 ms slots: each handling adds
     * its duration to the slot in which it ended, and a slot is reused once it has left the window.
     */
    static final class BusyWindow {

        private static final long SLOT = TimeUnit.MILLISECONDS.toNanos(100);
        private static final int SLOTS = (int) (CAPACITY_WINDOW.toNanos() / SLOT);

        private final long[] busy = new long[SLOTS];
        /** Which slot of time each entry of {@link #busy} holds now. */
        private final long[] slotOf = new long[SLOTS];

        synchronized void add(long endNanos, long durationNanos) {
            long slot = Math.floorDiv(endNanos, SLOT);
            int at = (int) Math.floorMod(slot, SLOTS);
            if (slotOf[at] != slot) {
                slotOf[at] = slot;
                busy[at] = 0;
            }
            busy[at] += durationNanos;
        }

        synchronized double share(long nowNanos) {
            long now = Math.floorDiv(nowNanos, SLOT);
            long total = 0;
            for (int at = 0; at < SLOTS; at++) {
                if (slotOf[at] > now - SLOTS && slotOf[at] <= now) {
                    total += busy[at];
                }
            }
            return (double) total / CAPACITY_WINDOW.toNanos();
        }
    }
}
