package io.lethe.platform.ops;

import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Axon's message metrics, registered with Micrometer, with their memory bounded ({@link BoundedMetricRegistry}). */
@Configuration(proxyBeanMethods = false)
class MetricsConfiguration {

    @Bean
    GlobalMetricRegistry globalMetricRegistry(MeterRegistry meters) {
        return new BoundedMetricRegistry(meters);
    }
}
