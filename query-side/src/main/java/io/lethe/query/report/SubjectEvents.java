package io.lethe.query.report;

import io.lethe.core.subject.SubjectId;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads one subject's events from the event store; each payload is read when first asked for, decrypted
 * where keys exist, redacted where shredded.
 */
@Component
class SubjectEvents {

    private final EventStore eventStore;

    SubjectEvents(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    List<Recorded> of(SubjectId subjectId) {
        List<Recorded> events = new ArrayList<>();
        var stream = eventStore.readEvents(subjectId.toString());
        while (stream.hasNext()) {
            DomainEventMessage<?> message = stream.next();
            events.add(Recorded.of(message));
        }
        return events;
    }
}
