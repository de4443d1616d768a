package io.lethe.command;

import io.lethe.core.refusal.RefusedException;
import io.lethe.core.subject.SubjectRefusals;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;

/**
 * Turns a domain refusal into a {@link CommandExecutionException} whose details carry the
 * {@link io.lethe.core.refusal.Refusal}: exceptions do not cross the wire between nodes, details
 * do. An unknown subject is a refusal like any other.
 */
class RefusalTranslatingInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        try {
            return chain.proceed();
        } catch (RefusedException refused) {
            throw new CommandExecutionException(refused.getMessage(), refused, refused.refusal());
        } catch (AggregateNotFoundException notFound) {
            RefusedException refused = SubjectRefusals.notFound();
            throw new CommandExecutionException(refused.getMessage(), refused, refused.refusal());
        }
    }
}
