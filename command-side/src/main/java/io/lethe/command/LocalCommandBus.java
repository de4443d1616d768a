package io.lethe.command;

import io.lethe.core.refusal.BeginsItsStream;
import io.lethe.core.refusal.RefusedException;
import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandResultMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.messaging.MessageHandler;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;

/**
 * The node's own command bus: Axon's, with one addition. A command that begins its stream unread
 * ({@link BeginsItsStream}) learns that the stream exists only when its first event is stored, as the
 * unit of work commits — after every handler interceptor has returned. Its outcome is turned into the
 * command's refusal here, where the command was handled, so every sender receives it as it receives
 * any refusal: in this process, from another node over a serializing bus, or in a process manager.
 */
public class LocalCommandBus extends SimpleCommandBus {

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
            return (CommandResultMessage<R>) GenericCommandResultMessage.asCommandResultMessage(
                    new CommandExecutionException(refused.getMessage(), refused, refused.refusal()));
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
