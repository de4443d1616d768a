package io.lethe.platform.axon;

import org.axonframework.axonserver.connector.AxonServerConnectionManager;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Whether this node is connected to Axon Server (the distributed shape). Axon's own indicator is
 * written against Spring Boot 3's health API and is never registered on Boot 4, so health stayed UP
 * with Axon Server gone. This one is DOWN then, and it is part of the readiness group, so an
 * orchestrator stops sending requests to a node that cannot route them.
 */
@Component("axonServer")
@ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "true")
class AxonServerHealth implements HealthIndicator {

    private final AxonServerConnectionManager connections;

    AxonServerHealth(AxonServerConnectionManager connections) {
        this.connections = connections;
    }

    @Override
    public Health health() {
        String context = connections.getDefaultContext();
        boolean connected = connections.isConnected(context);
        return (connected ? Health.up() : Health.down()).withDetail("context", context).build();
    }
}
