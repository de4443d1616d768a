package io.lethe.platform.ops;

import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.monitoring.MessageMonitor;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A processor's capacity gauge remembers ten seconds of work: what was handled a minute ago no longer
 * counts (and is no longer kept), while the timers and counters still have it.
 */
class BoundedMetricRegistryTest {

    @Test
    @SuppressWarnings("unchecked")
    void capacityForgetsWhatIsOlderThanItsWindow() {
        MockClock clock = new MockClock();
        SimpleMeterRegistry meters = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
        MessageMonitor<EventMessage<?>> monitor =
                (MessageMonitor<EventMessage<?>>) new BoundedMetricRegistry(meters).registerEventProcessor("subject-summary");

        // busy for 5 of the last 10 seconds: half its capacity
        for (int i = 0; i < 50; i++) {
            MessageMonitor.MonitorCallback callback = monitor.onMessageIngested(GenericEventMessage.asEventMessage("event " + i));
            clock.add(100, TimeUnit.MILLISECONDS);
            callback.reportSuccess();
        }
        clock.add(5, TimeUnit.SECONDS);
        assertThat(meters.get("subject-summary.capacity").gauge().value()).isCloseTo(0.5, org.assertj.core.data.Offset.offset(0.05));

        // a minute later nothing of it counts; Axon's default window would still hold it for nine minutes
        clock.add(Duration.ofMinutes(1));
        assertThat(meters.get("subject-summary.capacity").gauge().value()).isZero();
        assertThat(meters.get("subject-summary.successCounter").counter().count()).isEqualTo(50);
    }

    /**
     * The meters Axon's monitors keep, under Axon's names and tags, by message type, counting as Axon's
     * count: ingested, processed (success and failure), ignored apart; every outcome timed in allTimer.
     */
    @Test
    @SuppressWarnings("unchecked")
    void eachMessageTypesMetersAreAxons() {
        MockClock clock = new MockClock();
        SimpleMeterRegistry meters = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
        java.util.function.Function<org.axonframework.messaging.Message<?>, Iterable<io.micrometer.core.instrument.Tag>> byType =
                message -> io.micrometer.core.instrument.Tags.of("payloadType", message.getPayloadType().getSimpleName());
        MessageMonitor<EventMessage<?>> monitor = (MessageMonitor<EventMessage<?>>) new BoundedMetricRegistry(meters)
                .registerEventProcessor("summary", byType, message -> io.micrometer.core.instrument.Tags.of("processor", "summary"));

        monitor.onMessageIngested(GenericEventMessage.asEventMessage("first")).reportSuccess();
        int registered = meters.getMeters().size();
        for (int i = 0; i < 1000; i++) {
            MessageMonitor.MonitorCallback callback = monitor.onMessageIngested(GenericEventMessage.asEventMessage("event " + i));
            clock.add(1, TimeUnit.MILLISECONDS);
            switch (i % 4) {
                case 0 -> callback.reportFailure(new IllegalStateException("refused"));
                case 1 -> callback.reportIgnored();
                default -> callback.reportSuccess();
            }
        }
        monitor.onMessageIngested(GenericEventMessage.asEventMessage(42)).reportIgnored();
        // as many again (its timers with their percentiles, counters and capacity), but the processor's one latency
        assertThat(meters.getMeters()).as("a new message type has meters of its own").hasSize(2 * registered - 1);

        String type = "String";
        assertThat(meters.get("summary.ingestedCounter").tag("payloadType", type).counter().count()).isEqualTo(1001);
        assertThat(meters.get("summary.successCounter").tag("payloadType", type).counter().count()).isEqualTo(501);
        assertThat(meters.get("summary.failureCounter").tag("payloadType", type).counter().count()).isEqualTo(250);
        assertThat(meters.get("summary.ignoredCounter").tag("payloadType", type).counter().count()).isEqualTo(250);
        assertThat(meters.get("summary.processedCounter").tag("payloadType", type).counter().count()).isEqualTo(751);
        assertThat(meters.get("summary.allTimer").tag("payloadType", type).timer().count()).isEqualTo(1001);
        assertThat(meters.get("summary.ignoredTimer").tag("payloadType", "Integer").timer().count()).isEqualTo(1);
        assertThat(meters.get("summary.capacity").tag("payloadType", type).gauge().value()).isCloseTo(0.1, org.assertj.core.data.Offset.offset(0.01));
        assertThat(meters.get("summary.latency").tag("processor", "summary").gauge()).isNotNull();
    }

    /** The platform's processors report through it: the whole platform, as it runs. */
    @io.lethe.platform.PlatformTest
    @org.junit.jupiter.api.Nested
    class InThePlatform {

        @org.springframework.beans.factory.annotation.Autowired
        org.axonframework.micrometer.GlobalMetricRegistry registry;
        @Test
        void theProcessorsCapacityIsMeasuredOverTenSeconds() {
            assertThat(registry).isInstanceOf(BoundedMetricRegistry.class);
        }
    }
}
