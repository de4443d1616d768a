package io.lethe.platform.axon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lethe.core.request.PrivacyRequestSubmittedEvent;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * {@link PrivacyRequestSubmittedEvent} revision 1 to 2: adds {@code clockStoppedUntilIdentity}.
 * Revision 1 was written while the rule table stopped the clock for one law only, the UK GDPR, and
 * for every UK request type that needs identity; the flag is what that table said at receipt. The
 * sealed fields are not touched (the event carries none).
 */
@Component
@Order(0)
class PrivacyRequestSubmittedUpcaster extends SingleEventUpcaster {

    private static final SimpleSerializedType REVISION_1 =
            new SimpleSerializedType(PrivacyRequestSubmittedEvent.class.getName(), "1");
    private static final SimpleSerializedType REVISION_2 =
            new SimpleSerializedType(PrivacyRequestSubmittedEvent.class.getName(), "2");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return REVISION_1.equals(representation.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(REVISION_2, JsonNode.class, payload -> {
            ObjectNode upcast = ((ObjectNode) payload).deepCopy();
            boolean stopped = payload.path("identityRequired").asBoolean(false)
                    && "UK".equals(payload.path("jurisdiction").asText());
            upcast.put("clockStoppedUntilIdentity", stopped);
            return upcast;
        });
    }
}
