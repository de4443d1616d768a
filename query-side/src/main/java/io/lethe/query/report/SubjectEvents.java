package io.lethe.query.report;

import io.lethe.core.subject.SubjectId;
import io.lethe.query.SubjectStreams;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Reads one subject's events from the event store ({@link SubjectStreams}: its own and its usage
 * periods'); each payload is read when first asked for, decrypted where keys exist, redacted where
 * shredded.
 */
@Component
class SubjectEvents {

    private final EventStore eventStore;

    SubjectEvents(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    List<Recorded> of(SubjectId subjectId) {
        return SubjectStreams.read(eventStore, subjectId).stream().map(Recorded::of).toList();
    }
}
