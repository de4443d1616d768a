package io.lethe.command;

import io.lethe.core.breach.BreachId;
import io.lethe.core.breach.BreachRefusals;
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
 * do. An unknown aggregate is a refusal like any other, named after what the command addressed: an
 * unknown breach is not an unknown subject.
 */
class RefusalTranslatingInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    private final CachedCommandTargetResolver targets = new CachedCommandTargetResolver();

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        try {
            return chain.proceed();
        } catch (RefusedException refused) {
            throw failure(refused);
        } catch (AggregateNotFoundException notFound) {
            Object target = targets.resolveTarget(unitOfWork.getMessage()).getIdentifierValue();
            RefusedException refused = target instanceof BreachId ? BreachRefusals.notFound() : SubjectRefusals.notFound();
            throw failure(refused);
        }
    }

    /** The refusal as a command's failure: its details cross any bus, where exceptions do not. */
    static CommandExecutionException failure(RefusedException refused) {
        return new CommandExecutionException(refused.getMessage(), refused, refused.refusal());
    }
}
