package io.lethe.platform.ops;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.CapacityMonitor;
import org.axonframework.micrometer.EventProcessorLatencyMonitor;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.micrometer.MessageCountingMonitor;
import org.axonframework.micrometer.MessageTimerMonitor;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.MultiMessageMonitor;
import org.axonframework.queryhandling.QueryMessage;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Axon's metrics with a capacity that remembers ten seconds, not ten minutes. Axon measures an event
 * processor's, the command bus's and the query bus's capacity (the share of time spent handling) over
 * a sliding window that keeps every message's duration: ten minutes by default, which under load is
 * millions of entries per processor (at 470,000 events of the benchmark's fill, some 450 MiB of the
 * heap, and what kept the 1M run from fitting in 512 MiB). Over ten seconds the gauge says the same
 * thing about now and its memory is bounded by ten seconds of traffic. Timers, counters and the
 * processors' latency are Axon's own, unchanged. The query update emitter (subscription queries)
 * keeps Axon's window: Axon builds its monitor privately, and the platform has no subscription
 * queries.
 */
final class BoundedMetricRegistry extends GlobalMetricRegistry {

    static final Duration CAPACITY_WINDOW = Duration.ofSeconds(10);
    private static final Function<Message<?>, Iterable<Tag>> NO_TAGS = message -> Tags.empty();

    private final MeterRegistry registry;

    BoundedMetricRegistry(MeterRegistry registry) {
        super(registry);
        this.registry = registry;
    }

    @Override
    public MessageMonitor<? super EventMessage<?>> registerEventProcessor(String name) {
        return registerEventProcessor(name, NO_TAGS, NO_TAGS);
    }

    @Override
    public MessageMonitor<? super EventMessage<?>> registerEventProcessor(String name,
                                                                         Function<Message<?>, Iterable<Tag>> tags,
                                                                         Function<Message<?>, Iterable<Tag>> latencyTags) {
        return new MultiMessageMonitor<EventMessage<?>>(List.of(MessageTimerMonitor.buildMonitor(name, registry, tags),
                EventProcessorLatencyMonitor.builder().meterNamePrefix(name).meterRegistry(registry).tagsBuilder(latencyTags).build(),
                capacity(name, tags), MessageCountingMonitor.buildMonitor(name, registry, tags)));
    }

    @Override
    public MessageMonitor<? super CommandMessage<?>> registerCommandBus(String name) {
        return handlers(name, NO_TAGS);
    }

    @Override
    public MessageMonitor<? super CommandMessage<?>> registerCommandBus(String name, Function<Message<?>, Iterable<Tag>> tags) {
        return handlers(name, tags);
    }

    @Override
    public MessageMonitor<? super QueryMessage<?, ?>> registerQueryBus(String name) {
        return handlers(name, NO_TAGS);
    }

    @Override
    public MessageMonitor<? super QueryMessage<?, ?>> registerQueryBus(String name, Function<Message<?>, Iterable<Tag>> tags) {
        return handlers(name, tags);
    }

    private MessageMonitor<Message<?>> handlers(String name, Function<Message<?>, Iterable<Tag>> tags) {
        return new MultiMessageMonitor<>(List.of(MessageTimerMonitor.buildMonitor(name, registry, tags), capacity(name, tags),
                MessageCountingMonitor.buildMonitor(name, registry, tags)));
    }

    private CapacityMonitor capacity(String name, Function<Message<?>, Iterable<Tag>> tags) {
        Clock clock = registry.config().clock();
        return CapacityMonitor.buildMonitor(name, registry, CAPACITY_WINDOW.toMillis(), TimeUnit.MILLISECONDS, clock, tags);
    }
}
