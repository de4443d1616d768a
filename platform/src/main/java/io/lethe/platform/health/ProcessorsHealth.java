package io.lethe.platform.health;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import java.util.Map;
import java.util.TreeMap;

/**
 * {@code processors}: UP while every streaming processor of this node runs and none is in error. A node
 * whose projections or sagas stand still — after Axon Server or the database came back, until they
 * have resumed — answers with stale reads and lets deadlines and process steps wait, so it is not ready.
 *
 * <p>Lag is not unreadiness: a processor catching up after a restart, or replaying after an operator's
 * rebuild, is running and not in error, so the node stays in service. Taking it out for a rebuild
 * would take the whole API out (in a one-node deployment, the platform) for the sake of one
 * projection, whose reads already say they are partial while it replays (ADR 0014).
 */
final class ProcessorsHealth implements HealthIndicator {

    private final EventProcessingConfiguration processing;

    ProcessorsHealth(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    @Override
    public Health health() {
        Map<String, String> stopped = new TreeMap<>();
        processing.eventProcessors().forEach((name, processor) -> {
            if (!(processor instanceof StreamingEventProcessor streaming)) {
                return;
            }
            if (!streaming.isRunning()) {
                stopped.put(name, "not running");
            } else if (streaming.isError()) {
                stopped.put(name, "retrying after an error");
            } else if (streaming.processingStatus().values().stream().anyMatch(EventTrackerStatus::isErrorState)) {
                stopped.put(name, "a segment in error");
            }
        });
        return stopped.isEmpty() ? Health.up().build() : Health.down().withDetails(stopped).build();
    }
}
