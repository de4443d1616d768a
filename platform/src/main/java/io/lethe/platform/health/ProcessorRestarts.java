package io.lethe.platform.health;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * When a database comes back, the event processors that failed while it was gone start again at once.
 * Left alone, each waits out its back-off, which doubles with every failed attempt up to a minute: after
 * a long outage the node would stay out of service (see {@link ProcessorsHealth}) for up to a minute
 * with nothing wrong. A processor in back-off has handed its segments back and holds no work, so
 * stopping and starting it loses nothing: it claims its segments again and goes on from its tokens.
 *
 * <p>One after another, a quarter of a second apart, never all at once: a processor that claims a
 * segment holds one pooled connection and asks for a second (Axon's JDBC token store validates the
 * claim on a connection of its own where processors run without a transaction), so a dozen claiming
 * together on a small pool took every connection and waited for the pool's whole timeout (measured:
 * 6 connections, 11 processors, 30 s).
 */
final class ProcessorRestarts implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ProcessorRestarts.class);
    private static final Duration APART = Duration.ofMillis(250);

    private final EventProcessingConfiguration processing;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
        Thread restarting = new Thread(runnable, "lethe-processor-restarts");
        restarting.setDaemon(true);
        return restarting;
    });

    ProcessorRestarts(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    /** Restarts, off the caller's thread and one by one, every streaming processor in back-off or with a segment in error. */
    void restartThoseInError() {
        thread.execute(() -> processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor streaming && (streaming.isError()
                    || streaming.processingStatus().values().stream().anyMatch(EventTrackerStatus::isErrorState))) {
                restart(name, streaming);
            }
        }));
    }

    private void restart(String name, StreamingEventProcessor processor) {
        log.info("Restarting event processor {} now rather than after its back-off", name);
        try {
            processor.shutdownAsync().join();
            processor.start();
            Thread.sleep(APART.toMillis());
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException failure) {
            log.warn("Event processor {} could not be restarted ({}); it retries after its back-off", name,
                    failure.getClass().getSimpleName());
            if (!processor.isRunning()) {
                processor.start();
            }
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
