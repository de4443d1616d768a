package io.lethe.platform.roles;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;

/**
 * One jar, role-switched. Each side's handlers — aggregates, projections, sagas, jobs — run only where
 * this process has its role, so a split deployment (docker/compose.yml) is configuration alone:
 * {@code lethe.roles=command} on one node, {@code query} on another, with Axon Server routing messages
 * between them. Every node serves the whole HTTP API: a side's controllers and what they need are
 * loaded without its role too, and reach the handlers on other nodes through the buses (and the
 * shared database), so any node is an entry point.
 */
@Configuration(proxyBeanMethods = false)
public class Sides {

    private static final Logger log = LoggerFactory.getLogger(Sides.class);

    @EventListener(ApplicationReadyEvent.class)
    void report(ApplicationReadyEvent ready) {
        Environment environment = ready.getApplicationContext().getEnvironment();
        log.info("Lethe is running the roles {}", OnRoleCondition.active(Binder.get(environment)));
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnRole(LetheRole.COMMAND)
    @ComponentScan("io.lethe.command")
    static class CommandSide {
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnRole(LetheRole.QUERY)
    @ComponentScan("io.lethe.query")
    static class QuerySide {
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnRole(LetheRole.SAGA)
    @ComponentScan("io.lethe.saga")
    static class SagaSide {
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnRole(value = LetheRole.COMMAND, active = false)
    @ComponentScan(basePackages = "io.lethe.command",
            excludeFilters = @ComponentScan.Filter(type = FilterType.CUSTOM, classes = ProcessingComponents.class))
    static class CommandApi {
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnRole(value = LetheRole.QUERY, active = false)
    @ComponentScan(basePackages = "io.lethe.query",
            excludeFilters = @ComponentScan.Filter(type = FilterType.CUSTOM, classes = ProcessingComponents.class))
    static class QueryApi {
    }
}
