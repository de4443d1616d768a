package io.lethe.platform.audit;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

import java.util.List;
import java.util.function.BiFunction;

/**
 * Who did it: every command is stamped on dispatch with the authenticated principal (or
 * {@value #SYSTEM} when the platform itself sends it, e.g. a saga), and the principal travels on
 * into the metadata of every event the command causes — next to Axon's own {@code correlationId}
 * (the command's id) and {@code traceId}. The history then answers "who did this".
 */
@Configuration(proxyBeanMethods = false)
public class PrincipalMetaData {

    /** The metadata key of the principal. */
    public static final String PRINCIPAL = "principal";
    static final String SYSTEM = "system";

    @Autowired
    void stampCommands(CommandBus commandBus) {
        commandBus.registerDispatchInterceptor(new PrincipalStamp());
    }

    // the providers are static: Axon's configuration needs them before the command bus exists,
    // and this class needs the command bus

    /**
     * Axon's correlationId and traceId. Axon only registers this itself when no other provider
     * exists, so defining the principal's provider means defining this one too.
     */
    @Bean
    static CorrelationDataProvider originCorrelation() {
        return new MessageOriginProvider();
    }

    /**
     * Copies the principal from a command into the events it causes — and only from a command: a
     * command a process manager sends while handling an event or a deadline is the platform's own
     * and is stamped {@value #SYSTEM}, though its correlation and trace ids still lead back to the
     * person's command that started the process.
     */
    @Bean
    static CorrelationDataProvider principalCorrelation() {
        return message -> message instanceof CommandMessage<?> && message.getMetaData().containsKey(PRINCIPAL)
                ? java.util.Map.of(PRINCIPAL, message.getMetaData().get(PRINCIPAL)) : java.util.Map.of();
    }

    static final class PrincipalStamp implements MessageDispatchInterceptor<CommandMessage<?>> {
        @Override
        public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> messages) {
            return (index, command) -> command.getMetaData().containsKey(PRINCIPAL) ? command
                    : command.andMetaData(java.util.Map.of(PRINCIPAL, currentPrincipal()));
        }

        private static String currentPrincipal() {
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            return authentication == null || !authentication.isAuthenticated() ? SYSTEM : authentication.getName();
        }
    }
}
