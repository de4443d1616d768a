package io.lethe.command;

import io.lethe.core.refusal.BeginsItsStream;
import io.lethe.core.refusal.RefusedException;
import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandResultMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.messaging.MessageHandler;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's own command bus: Axon's, with one addition. A command that begins its stream unread
 * ({@link BeginsItsStream}) learns that the stream exists only when its first event is stored, as the
 * unit of work commits — after every handler interceptor has returned. Where the command's unit of work
 * is the root (an API call, any command sent outside a unit of work), its outcome is turned into the
 * command's refusal here, where the command was handled, so the sender receives it as it receives any
 * refusal: in this process or from another node over a serializing bus. A command sent inside another
 * unit of work (a saga's batch, an import's) has its events appended when that one commits: the taken
 * stream then fails the outer unit of work, whose sender must handle it (the import does; no process
 * manager sends such a command).
 */
public class LocalCommandBus extends SimpleCommandBus {

    private static final Logger log = LoggerFactory.getLogger(LocalCommandBus.class);

    public LocalCommandBus(Builder builder) {
        super(builder);
    }

    @Override
    protected <C, R> void handle(CommandMessage<C> command, MessageHandler<? super CommandMessage<?>> handler,
                                 CommandCallback<? super C, ? super R> callback) {
        CommandCallback<C, R> translating = (message, result) -> callback.onResult(message, refusedWhereTheStreamExists(message, result));
        super.handle(command, handler, translating);
    }

    /** The outcome as it was, or the command's refusal where it began a stream that exists. */
    @SuppressWarnings("unchecked")
    static <R> CommandResultMessage<? extends R> refusedWhereTheStreamExists(CommandMessage<?> command,
                                                                            CommandResultMessage<? extends R> result) {
        if (result.isExceptional() && streamTaken(result.exceptionResult())
                && command.getPayload() instanceof BeginsItsStream beginning) {
            RefusedException refused = beginning.whenTheStreamExists();
            log.debug("{} began a stream that exists", command.getPayloadType().getSimpleName(), result.exceptionResult());
            return (CommandResultMessage<R>) GenericCommandResultMessage.asCommandResultMessage(
                    RefusalTranslatingInterceptor.failure(refused));
        }
        return result;
    }

    /**
     * How a store says the first sequence number is taken: the JDBC store by its own exception, Axon
     * Server (an event of that sequence exists) as a concurrent change.
     */
    public static boolean streamTaken(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof AggregateStreamCreationException || cause instanceof ConcurrencyException) {
                return true;
            }
        }
        return false;
    }
}
