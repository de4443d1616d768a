package io.lethe.query.audit;

import io.lethe.core.subject.SubjectId;
import org.axonframework.axonserver.connector.event.axon.AxonServerEventStore;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Revision;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Reads the event store for auditors; the only part of the query side that does. */
@Component
class EventHistory {

    private static final int WAIT_FOR_MORE_MILLIS = 300;

    private final EventStore eventStore;

    EventHistory(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    List<HistoryEntry> ofSubject(SubjectId subjectId) {
        return eventStore.readEvents(subjectId.toString()).asStream().map(this::entry).toList();
    }

    HistoryPage page(long after, int size) {
        List<HistoryEntry> events = new ArrayList<>();
        long last = after;
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(tokenAfter(after))) {
            while (events.size() < size && stream.hasNextAvailable(WAIT_FOR_MORE_MILLIS, TimeUnit.MILLISECONDS)) {
                HistoryEntry entry = entry(stream.nextAvailable());
                events.add(entry);
                last = entry.position() == null ? last : entry.position();
            }
            boolean more = events.size() == size && stream.hasNextAvailable(WAIT_FOR_MORE_MILLIS, TimeUnit.MILLISECONDS);
            return new HistoryPage(events, after, more ? last : null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading the history", e);
        }
    }

    void forEachAfter(long after, Consumer<HistoryEntry> consumer) {
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(tokenAfter(after))) {
            while (stream.hasNextAvailable(WAIT_FOR_MORE_MILLIS, TimeUnit.MILLISECONDS)) {
                consumer.accept(entry(stream.nextAvailable()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while exporting the history", e);
        }
    }

    /**
     * A token positioned just after {@code after}, in the kind the event store takes: Axon Server's
     * global sequence, or the JDBC store's gap-aware index. The kind is the store's, not guessed from a
     * token it hands out (Axon Server's tail token is null while its first event is at position 0).
     */
    private TrackingToken tokenAfter(long after) {
        if (after < 0) {
            return null;
        }
        return eventStore instanceof AxonServerEventStore ? new GlobalSequenceTrackingToken(after)
                : GapAwareTrackingToken.newInstance(after, Set.of());
    }

    private HistoryEntry entry(EventMessage<?> message) {
        Long position = message instanceof TrackedEventMessage<?> tracked && tracked.trackingToken() != null
                ? tracked.trackingToken().position().stream().boxed().findFirst().orElse(null) : null;
        String subject = message instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : null;
        Long sequence = message instanceof DomainEventMessage<?> domain ? domain.getSequenceNumber() : null;
        Revision revision = message.getPayloadType().getAnnotation(Revision.class);
        Map<String, Object> metadata = new LinkedHashMap<>(message.getMetaData());
        Object payload;
        try {
            payload = message.getPayload();
        } catch (RuntimeException e) {
            // a stored ciphertext that does not authenticate: say so, reveal nothing, keep the history readable
            payload = Map.of("unreadable", e.getClass().getSimpleName());
        }
        return new HistoryEntry(position, subject, sequence, message.getPayloadType().getSimpleName(),
                revision == null ? null : revision.value(), message.getTimestamp(),
                (String) metadata.get("principal"), (String) metadata.get("correlationId"), metadata, payload);
    }
}
