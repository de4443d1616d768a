package io.lethe.platform.health;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;

/**
 * When a database comes back, the event processors that failed while it was gone start again at once.
 * Left alone, each waits out its back-off, which doubles with every failed attempt up to a minute: after
 * a long outage the node would stay out of service (see {@link ProcessorsHealth}) for up to a minute
 * with nothing wrong. A processor in back-off has handed its segments back and holds no work, so
 * stopping and starting it loses nothing: it claims its segments again and goes on from its tokens.
 */
final class ProcessorRestarts {

    private static final Logger log = LoggerFactory.getLogger(ProcessorRestarts.class);

    private final EventProcessingConfiguration processing;

    ProcessorRestarts(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    /** Restarts, off the caller's thread, every streaming processor in back-off or with a segment in error. */
    void restartThoseInError() {
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor streaming && (streaming.isError()
                    || streaming.processingStatus().values().stream().anyMatch(EventTrackerStatus::isErrorState))) {
                log.info("Restarting event processor {} now rather than after its back-off", name);
                CompletableFuture.runAsync(() -> streaming.shutdownAsync().join()).thenRun(streaming::start)
                        .exceptionally(failure -> {
                            log.warn("Event processor {} could not be restarted ({}); it retries after its back-off", name,
                                    failure.getClass().getSimpleName());
                            if (!streaming.isRunning()) {
                                streaming.start();
                            }
                            return null;
                        });
            }
        });
    }
}
