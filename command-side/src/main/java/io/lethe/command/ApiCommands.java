package io.lethe.command;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Sends the commands of an API call and waits for each ({@link CommandGateway#sendAndWait(Object)}),
 * then puts where the call's writes went on its answer ({@link WritePosition#HEADER}): the caller
 * presents it on a later read ({@link WritePosition#READ_AFTER}) to read its own write. The position
 * names every stream the call's commands were sent to — known on the sending node from the commands
 * alone, whichever node handles them, and at no cost to the write — or, for a call that reached more
 * streams than a position names, the event store's head once the call is done ({@link #callDone()}).
 */
@Component
public class ApiCommands {

    private static final String STREAMS = ApiCommands.class.getName() + ".streams";

    private final CommandGateway gateway;
    private final ObjectProvider<EventStore> eventStore;
    private final CachedCommandTargetResolver targets = new CachedCommandTargetResolver();

    public ApiCommands(CommandGateway gateway, ObjectProvider<EventStore> eventStore) {
        this.gateway = gateway;
        this.eventStore = eventStore;
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
            @SuppressWarnings("unchecked")
            Set<String> streams = (Set<String>) request.getAttribute(STREAMS, RequestAttributes.SCOPE_REQUEST);
            if (streams == null) {
                streams = new LinkedHashSet<>();
                request.setAttribute(STREAMS, streams, RequestAttributes.SCOPE_REQUEST);
            }
            if (streams.add(stream) && streams.size() <= WritePosition.MAX_STREAMS) {
                request.getResponse().setHeader(WritePosition.HEADER, WritePosition.of(new ArrayList<>(streams)).encoded());
            } else if (streams.size() > WritePosition.MAX_STREAMS) {
                // no position naming part of the call's writes: the call names the store's head once it is done
                request.getResponse().setHeader(WritePosition.HEADER, null);
            }
        }
        return result;
    }

    /**
     * For a call that sends commands to many streams (an activity batch across subjects), once all are
     * sent: where more streams were reached than a position names, the answer names the event store's
     * head instead, which is at or past every event of the call — one query for the whole call.
     */
    public void callDone() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request
                && request.getResponse() != null && !request.getResponse().isCommitted()
                && request.getAttribute(STREAMS, RequestAttributes.SCOPE_REQUEST) instanceof Set<?> streams
                && streams.size() > WritePosition.MAX_STREAMS) {
            TrackingToken head = eventStore.getObject().createHeadToken();
            request.getResponse().setHeader(WritePosition.HEADER,
                    WritePosition.at(head == null ? 0 : head.position().orElse(0)).encoded());
        }
    }
}
