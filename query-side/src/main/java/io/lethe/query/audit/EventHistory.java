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
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.serialization.Revision;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * Reads the event store for auditors; the only part of the query side that does.
 *
 * <p>A read of the global history is bounded by the store's head, read when it begins: it is complete
 * up to that position, never runs past it, and never takes a pause of the stream for the end. Axon
 * Server's stream pauses (a GC, a leader change, a busy disk), and so does the embedded store's shared
 * stream while its reader waits for the database; a read waits out a pause of up to
 * {@code lethe.audit.stall-timeout} and otherwise fails, saying how far it got (ADR 0014).
 */
@Component
class EventHistory {

    /** How long a read waits, after the head is reached, for positions below it that were still being written. */
    private static final Duration GAP_WAIT = Duration.ofSeconds(1);

    private final EventStore eventStore;
    private final Optional<EventTable> table;
    private final Duration stallTimeout;

    @Autowired
    EventHistory(EventStore eventStore, ObjectProvider<EventSchema> schema, ObjectProvider<JdbcClient> jdbc,
                 @Value("${lethe.audit.stall-timeout:10s}") Duration stallTimeout) {
        this(eventStore, eventStore instanceof AxonServerEventStore || schema.getIfAvailable() == null
                || jdbc.getIfAvailable() == null ? null : new EventTable(schema.getObject(), jdbc.getObject()), stallTimeout);
    }

    /** {@code table}: the JDBC store's event table; null over Axon Server. */
    EventHistory(EventStore eventStore, EventTable table, Duration stallTimeout) {
        this.eventStore = eventStore;
        this.table = Optional.ofNullable(table);
        this.stallTimeout = stallTimeout;
    }

    /**
     * A subject's events in order — its own stream's and its usage periods' — each with its position in
     * the global history where the store can say it: the JDBC store's global index, looked up in one
     * query per stream. Axon Server does not give an aggregate's
     * events their global position, so over it the position stays empty.
     */
    List<HistoryEntry> ofSubject(SubjectId subjectId) {
        return ofSubject(subjectId, 0, Integer.MAX_VALUE).entries();
    }

    /** Some of a subject's history, in order, how many events it holds (of those asked for), and whether it holds any. */
    record SubjectPage(int total, List<HistoryEntry> entries, boolean known) {
    }

    /**
     * Which of a subject's events a reader asks for: of these types (simple names; any when empty), stored
     * within [{@code from}, {@code until}] (either open), and about this request (any record component of the
     * payload holding its id: {@code requestId}, a correction's {@code correctionRequestId}, …; any when null).
     */
    record Filter(java.util.Set<String> types, @jakarta.annotation.Nullable java.time.Instant from,
                  @jakarta.annotation.Nullable java.time.Instant until, @jakarta.annotation.Nullable String requestId) {

        static final Filter NONE = new Filter(java.util.Set.of(), null, null, null);

        boolean none() {
            return types.isEmpty() && from == null && until == null && requestId == null;
        }

        boolean test(org.axonframework.eventhandling.DomainEventMessage<?> message) {
            if (!types.isEmpty() && !types.contains(message.getPayloadType().getSimpleName())) {
                return false;
            }
            if (from != null && message.getTimestamp().isBefore(from) || until != null && message.getTimestamp().isAfter(until)) {
                return false;
            }
            // only events whose type can name a request are opened (deserialized, decrypted) to see which one
            return requestId == null || NAMES_A_REQUEST.get(message.getPayloadType()) && about(message.getPayload(), requestId);
        }

        /** Whether a payload type has a component holding a request's id. */
        private static final ClassValue<Boolean> NAMES_A_REQUEST = new ClassValue<>() {
            @Override
            protected Boolean computeValue(Class<?> type) {
                return type.isRecord() && java.util.Arrays.stream(type.getRecordComponents())
                        .anyMatch(component -> component.getType() == io.lethe.core.request.RequestId.class);
            }
        };

        private static boolean about(Object payload, String requestId) {
            if (payload == null || !payload.getClass().isRecord()) {
                return false;
            }
            for (java.lang.reflect.RecordComponent component : payload.getClass().getRecordComponents()) {
                if (component.getType() == io.lethe.core.request.RequestId.class) {
                    try {
                        Object value = component.getAccessor().invoke(payload);
                        if (value != null && requestId.equals(value.toString())) {
                            return true;
                        }
                    } catch (ReflectiveOperationException unreadable) {
                        throw new IllegalStateException("An event's request id could not be read", unreadable);
                    }
                }
            }
            return false;
        }
    }

    /**
     * The subject's events from the {@code from}-th, at most {@code size} of them; only those are opened
     * (their personal fields decrypted), whatever the history's length.
     */
    SubjectPage ofSubject(SubjectId subjectId, long from, int size) {
        return ofSubject(subjectId, Filter.NONE, from, size);
    }

    /**
     * The subject's events that pass {@code filter}, from the {@code from}-th of those, at most {@code size}
     * of them, and how many pass in all. A filter on a request reads the payloads it tests.
     */
    SubjectPage ofSubject(SubjectId subjectId, Filter filter, long from, int size) {
        List<org.axonframework.eventhandling.DomainEventMessage<?>> messages = io.lethe.query.SubjectStreams.read(eventStore, subjectId);
        Map<String, Long> positions = new java.util.HashMap<>();
        table.ifPresent(events -> messages.stream().map(org.axonframework.eventhandling.DomainEventMessage::getAggregateIdentifier)
                .distinct().forEach(stream -> positions.putAll(events.positionsOf(stream))));
        // where the store gives positions, they are the order the events were committed in
        List<org.axonframework.eventhandling.DomainEventMessage<?>> ordered = positions.isEmpty() ? messages : messages.stream()
                .sorted(java.util.Comparator.comparing(message -> positions.get(message.getIdentifier()),
                        java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder())))
                .toList();
        boolean known = !ordered.isEmpty();
        if (!filter.none()) {
            ordered = ordered.stream().filter(filter::test).toList();
        }
        int start = (int) Math.min(from, ordered.size());
        int end = (int) Math.min((long) start + size, ordered.size());
        return new SubjectPage(ordered.size(), ordered.subList(start, end).stream()
                .map(message -> entry(message, positions.get(message.getIdentifier())))
                .toList(), known);
    }

    /** The last position of the history now; -1 while it is empty. */
    long head() {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? -1 : head.position().orElse(-1);
    }

    /** At most {@code size} events after {@code after}, up to the head as it is now. */
    HistoryPage page(long after, int size) {
        try (Reading reading = read(after)) {
            List<HistoryEntry> events = new java.util.ArrayList<>();
            while (events.size() < size) {
                Optional<HistoryEntry> next = reading.next();
                if (next.isEmpty()) {
                    break;
                }
                events.add(next.get());
            }
            return new HistoryPage(events, after, reading.atHead() ? null : reading.lastPosition(), reading.head());
        }
    }

    /** Reads the history after {@code after} up to the head as it is now; close it when done. */
    Reading read(long after) {
        return new Reading(after, head());
    }

    /**
     * One read of the global history, from a position to the head fixed when it began. {@link #next()}
     * answers the next event, or nothing once every position up to the head has been read; it throws
     * {@link HistoryStalledException} if the stream gives nothing for longer than the stall timeout
     * before that.
     */
    final class Reading implements AutoCloseable {
        private final long after;
        private final long head;
        private BlockingStream<TrackedEventMessage<?>> stream;
        private long last;
        private long read;
        private boolean done;
        private final NavigableSet<Long> gaps = new TreeSet<>();
        private long gapDeadline;

        private Reading(long after, long head) {
            this.after = after;
            this.head = head;
            this.last = after;
            this.done = after >= head;
        }

        long after() {
            return after;
        }

        /** The head this read goes to, fixed when it began. */
        long head() {
            return head;
        }

        /** The highest position read so far ({@code after} before the first). */
        long lastPosition() {
            return last;
        }

        /** Events read so far. */
        long events() {
            return read;
        }

        /** Positions at or below the head that had no event when the read passed them, nor within a second after. */
        Set<Long> gaps() {
            return Set.copyOf(gaps);
        }

        /** Whether every position up to the head has been read. */
        boolean atHead() {
            return done;
        }

        Optional<HistoryEntry> next() {
            while (!done) {
                TrackedEventMessage<?> message = await();
                if (message == null) {
                    // past the head, no late event filled a gap within the wait: what is missing was never written
                    done = true;
                    break;
                }
                long position = position(message).orElseThrow();
                if (position > head) {
                    continue;
                }
                if (position <= last && !gaps.remove(position)) {
                    continue;
                }
                if (position > last) {
                    last = position;
                }
                noteGaps(message.trackingToken());
                read++;
                if (last >= head && gaps.isEmpty()) {
                    done = true;
                }
                return Optional.of(entry(message, position));
            }
            return Optional.empty();
        }

        /** The next message; null once the head was reached and the wait for gaps below it is over. */
        private TrackedEventMessage<?> await() {
            if (stream == null) {
                stream = eventStore.openStream(tokenAfter(after));
            }
            boolean headReached = last >= head;
            if (headReached && gapDeadline == 0) {
                gapDeadline = System.nanoTime() + GAP_WAIT.toNanos();
            }
            long deadline = headReached ? gapDeadline : System.nanoTime() + stallTimeout.toNanos();
            try {
                // a stream may answer "nothing yet" before the time asked for is up: wait until it really is
                for (long wait = deadline - System.nanoTime(); wait > 0; wait = deadline - System.nanoTime()) {
                    if (stream.hasNextAvailable((int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait)), TimeUnit.MILLISECONDS)) {
                        return stream.nextAvailable();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while reading the history", e);
            }
            if (headReached) {
                return null;
            }
            throw new HistoryStalledException(after, head, last, stallTimeout);
        }

        private void noteGaps(TrackingToken token) {
            if (token instanceof GapAwareTrackingToken gapAware) {
                gapAware.getGaps().stream().filter(gap -> gap > after && gap <= head).forEach(gaps::add);
            }
        }

        @Override
        public void close() {
            if (stream != null) {
                stream.close();
            }
        }
    }

    /**
     * A token positioned just after {@code after}, in the kind the event store takes: the JDBC store's
     * gap-aware index, or Axon Server's global sequence. The kind is the store's (it has an event table
     * or not), not guessed from a token it hands out (Axon Server's tail token is null while its first
     * event is at position 0).
     */
    private TrackingToken tokenAfter(long after) {
        if (after < 0) {
            return null;
        }
        return table.isPresent() ? GapAwareTrackingToken.newInstance(after, Set.of()) : new GlobalSequenceTrackingToken(after);
    }

    private static Optional<Long> position(EventMessage<?> message) {
        return message instanceof TrackedEventMessage<?> tracked && tracked.trackingToken() != null
                ? tracked.trackingToken().position().stream().boxed().findFirst() : Optional.empty();
    }

    private HistoryEntry entry(EventMessage<?> message, Long position) {
        // a usage period's stream (subject/period) shows its subject's data
        String subject = message instanceof DomainEventMessage<?> domain && domain.getAggregateIdentifier() != null
                ? io.lethe.core.personaldata.UsagePeriods.subjectOf(domain.getAggregateIdentifier()) : null;
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
        String stream = message instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : null;
        return new HistoryEntry(position, subject, stream, sequence, message.getPayloadType().getSimpleName(),
                revision == null ? null : revision.value(), message.getTimestamp(),
                (String) metadata.get("principal"), (String) metadata.get("correlationId"), metadata, payload);
    }

    /** The JDBC store's event table, for the global index of an aggregate's events. */
    record EventTable(EventSchema schema, JdbcClient jdbc) {

        Map<String, Long> positionsOf(String aggregateIdentifier) {
            Map<String, Long> positions = new HashMap<>();
            jdbc.sql("SELECT " + schema.eventIdentifierColumn() + ", " + schema.globalIndexColumn() + " FROM "
                            + schema.domainEventTable() + " WHERE " + schema.aggregateIdentifierColumn() + " = ?")
                    .param(aggregateIdentifier)
                    .query(row -> {
                        positions.put(row.getString(1), row.getLong(2));
                    });
            return positions;
        }
    }
}
