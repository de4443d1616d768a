package io.lethe.command;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Sends the commands of an API call and waits for each ({@link CommandGateway#sendAndWait(Object)}),
 * then puts where the call's writes went on its answer ({@link WritePosition#HEADER}): the caller
 * presents it on a later read ({@link WritePosition#READ_AFTER}) to read its own write. The position is
 * the command's target stream, known on the sending node whichever node handles the command; a call
 * that sends several commands sends them one after another, and the last one's stream is named.
 */
@Component
public class ApiCommands {

    private final CommandGateway gateway;
    private final CachedCommandTargetResolver targets = new CachedCommandTargetResolver();

    public ApiCommands(CommandGateway gateway) {
        this.gateway = gateway;
    }

    /** The command's result, or its failure thrown as the gateway throws it. */
    public <R> R sendAndWait(Object command) {
        R result = gateway.sendAndWait(command);
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request
                && request.getResponse() != null && !request.getResponse().isCommitted()) {
            String stream;
            try {
                stream = targets.resolveTarget(GenericCommandMessage.asCommandMessage(command)).getIdentifier();
            } catch (IllegalArgumentException noTarget) {
                // a command that names no aggregate (none of the API's do) leaves the answer without a position
                return result;
            }
            request.getResponse().setHeader(WritePosition.HEADER, new WritePosition(stream).encoded());
        }
        return result;
    }
}
