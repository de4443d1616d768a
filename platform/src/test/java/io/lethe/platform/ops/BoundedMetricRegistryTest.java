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
