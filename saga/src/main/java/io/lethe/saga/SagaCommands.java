package io.lethe.saga;

import io.lethe.core.refusal.Refusal;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * How the process managers send a command: never fire-and-forget. The command's outcome is awaited
 * in the handler that sends it. A refusal is an answer — the aggregate decided, and would decide the
 * same way again — and is logged by its code; any other failure (the database, the command bus, no
 * answer in time) is thrown, so the event is handled again by its processor, or the deadline fires
 * again, until the command is done: a failed shredding never consumes its deadline.
 */
public final class SagaCommands {

    private static final Logger log = LoggerFactory.getLogger(SagaCommands.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private SagaCommands() {
    }

    /** Sends {@code command} and waits for it to be done or refused. */
    public static void send(CommandGateway gateway, Object command) {
        sendForRefusal(gateway, command);
    }

    /**
     * Sends {@code command} and waits for it to be done or refused, like {@link #send}, for a process
     * whose next step depends on the answer: empty when the command was done, its refusal otherwise.
     */
    public static Optional<Refusal> sendForRefusal(CommandGateway gateway, Object command) {
        try {
            gateway.send(command).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return Optional.empty();
        } catch (ExecutionException e) {
            Optional<Refusal> refusal = Refusal.of(e.getCause());
            if (refusal.isPresent()) {
                log.info("{} was refused ({}); the process goes on", command.getClass().getSimpleName(), refusal.get().code());
                return refusal;
            }
            throw e.getCause() instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException(command.getClass().getSimpleName() + " failed", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(command.getClass().getSimpleName() + " had no outcome within " + TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while sending " + command.getClass().getSimpleName(), e);
        }
    }

}
