package io.lethe.platform.ops;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.queryhandling.QueryMessage;

import java.util.function.Function;

/**
 * Axon's metric registry, with the platform's monitors for the event processors, the command bus and the
 * query bus ({@link MessageMetrics}): the same meters, each registered once per tag set instead of once
 * per message, and a capacity that remembers ten seconds, not ten minutes. Axon measures capacity (the
 * share of time spent handling) over a sliding window that keeps every message's duration: ten minutes by
 * default, which under load is millions of entries per processor (at 470,000 events of the benchmark's
 * fill, some 450 MiB of the heap, and what kept the 1M run from fitting in 512 MiB). Over ten seconds the
 * gauge says the same thing about now, in a hundred slots. The query update emitter (subscription
 * queries) keeps Axon's monitor: Axon builds it privately, and the platform has no subscription queries.
 */
final class BoundedMetricRegistry extends GlobalMetricRegistry {

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
        return new MessageMetrics(name, registry, tags, latencyTags);
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
        return new MessageMetrics(name, registry, tags, null);
    }
}
