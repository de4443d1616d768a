package io.lethe.query;

import io.lethe.core.activity.UsagePeriodOpenedEvent;
import io.lethe.core.personaldata.UsagePeriods;
import io.lethe.core.subject.SubjectId;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One subject's events as the event store holds them: the subject's own stream, and the stream of each
 * usage period it opened, where its activity and inferences are (ADR 0019), merged by the time they
 * were recorded (a stable sort: each stream keeps its own order). A history written before the usage
 * periods had streams of their own holds that data in the subject's stream, and reads the same. Every
 * stream is read from its first event, never from an aggregate's snapshot: a snapshot is the
 * aggregate's state, not part of the history.
 */
public final class SubjectStreams {

    private SubjectStreams() {
    }

    public static List<DomainEventMessage<?>> read(EventStore eventStore, SubjectId subjectId) {
        List<DomainEventMessage<?>> messages = new ArrayList<>();
        Set<String> periods = new LinkedHashSet<>();
        // from the first event: readEvents(id) would begin at the aggregate's latest snapshot
        var stream = eventStore.readEvents(subjectId.toString(), 0);
        while (stream.hasNext()) {
            DomainEventMessage<?> message = stream.next();
            messages.add(message);
            if (UsagePeriodOpenedEvent.class.equals(message.getPayloadType())) {
                periods.add(((UsagePeriodOpenedEvent) message.getPayload()).period());
            }
        }
        if (periods.isEmpty()) {
            return messages;
        }
        for (String period : periods) {
            var periodStream = eventStore.readEvents(UsagePeriods.keyHolder(subjectId.toString(), period), 0);
            while (periodStream.hasNext()) {
                messages.add(periodStream.next());
            }
        }
        messages.sort(Comparator.comparing(DomainEventMessage::getTimestamp));
        return messages;
    }
}
