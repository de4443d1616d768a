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

    /**
     * Where the store cannot say which transactions were still writing when the head was read (not PostgreSQL,
     * or Axon Server, which has no gaps): how long a read waits, after the head, for positions below it.
     */
    private static final Duration GAP_WAIT = Duration.ofSeconds(1);
    /** At most how many positions skipped at once a read notes as gaps itself, besides the store's token's. */
    private static final int MAX_SKIPPED = 10_000;
    /** How often a read asks whether the transactions that were writing when its head was read have ended. */
    private static final Duration SETTLE_POLL = Duration.ofMillis(10);

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
        Optional<EventTable.Head> head = table.flatMap(EventTable::head);
        return head.map(h -> new Reading(after, h.position(), h.writing())).orElseGet(() -> new Reading(after, head(), null));
    }

    /**
     * One read of the global history, from a position to the head fixed when it began, in the order of
     * positions. {@link #next()} answers the next event, or nothing once every position up to the head has
     * been read; it throws {@link HistoryStalledException} if the stream gives nothing for longer than the
     * stall timeout before that.
     *
     * <p>On the JDBC store a position is taken from a sequence when a transaction inserts, so one still open
     * when the head was read can commit below it later, and the stream then brings that event after others
     * past it. On PostgreSQL a read knows which transactions were running at the head's moment: an event
     * read past an open position is held back until that position is settled, its event read from its
     * stream or known never to be written (every one of those transactions ended without it). Elsewhere
     * it waits a second after the head for late positions, and gives events as the stream brings them.
     */
    final class Reading implements AutoCloseable {
        private final long after;
        private final long head;
        /** The transactions running when the head was read (virtual ids); null where the store cannot say. */
        private final List<String> writing;
        private BlockingStream<TrackedEventMessage<?>> stream;
        /** The token of the last message the stream gave (where it was opened, before the first). */
        private TrackingToken streamToken;
        /** The highest position the stream has brought. */
        private long last;
        /** The highest position given to the reader. */
        private long given;
        private long read;
        private boolean done;
        /** Positions passed without an event, not yet filled nor known to stay empty. */
        private final NavigableSet<Long> gaps = new TreeSet<>();
        /** Positions known to stay empty: their writers ended without committing them. */
        private final Set<Long> neverWritten = new TreeSet<>();
        /** Events read past an open position, waiting for it, by position. */
        private final java.util.NavigableMap<Long, EventMessage<?>> held = new java.util.TreeMap<>();
        private boolean writersEnded;
        private long gapDeadline;

        private Reading(long after, long head, List<String> writing) {
            this.after = after;
            this.head = head;
            this.writing = writing;
            this.last = after;
            this.given = after;
            this.done = after >= head;
        }

        long after() {
            return after;
        }

        /** The head this read goes to, fixed when it began. */
        long head() {
            return head;
        }

        /** The highest position given so far ({@code after} before the first). */
        long lastPosition() {
            return given;
        }

        /** Events given so far. */
        long events() {
            return read;
        }

        /**
         * Positions at or below the head that hold no event: numbers a transaction took and never committed.
         * On PostgreSQL these are known once the transactions that were writing when the head was read have
         * ended; elsewhere, they are the positions still empty a second after the read reached the head.
         */
        Set<Long> gaps() {
            if (writing != null) {
                // only what is known never written, up to what was given
                return new TreeSet<>(neverWritten.stream().filter(gap -> gap <= given).toList());
            }
            Set<Long> all = new TreeSet<>(gaps);
            all.addAll(neverWritten);
            return all;
        }

        /** Whether every position up to the head has been read. */
        boolean atHead() {
            return done;
        }

        Optional<HistoryEntry> next() {
            while (true) {
                if (!held.isEmpty() && (gaps.isEmpty() || held.firstKey() < gaps.first())) {
                    Map.Entry<Long, EventMessage<?>> first = held.pollFirstEntry();
                    return Optional.of(give(first.getValue(), first.getKey()));
                }
                if (done || last >= head && gaps.isEmpty()) {
                    done = true;
                    return Optional.empty();
                }
                if (writing != null && (!held.isEmpty() || last >= head) && !gaps.isEmpty()) {
                    // an open position holds the read back: settle it (and every other open one) first
                    settle();
                    continue;
                }
                TrackedEventMessage<?> message = await();
                if (message == null) {
                    // past the head, no late event filled a gap within the wait: what is missing was never written
                    done = true;
                    return Optional.empty();
                }
                long position = positionOf(message);
                if (position > head) {
                    continue;
                }
                if (position <= last && !gaps.remove(position)) {
                    continue;
                }
                // the gaps this event's token shows past what was read before it; those below were noted already
                noteGaps(message.trackingToken(), last, position);
                if (position > last) {
                    last = position;
                }
                if (writing == null) {
                    return Optional.of(give(message, position));
                }
                held.put(position, message);
            }
        }

        private HistoryEntry give(EventMessage<?> message, long position) {
            read++;
            given = Math.max(given, position);
            return entry(message, position);
        }

        /**
         * The next message; null once the head was reached and the wait for gaps below it is over (where the
         * store cannot say which transactions were writing at the head's moment).
         */
        private TrackedEventMessage<?> await() {
            if (stream == null) {
                streamToken = tokenAfter(after);
                stream = eventStore.openStream(streamToken);
            }
            boolean headReached = last >= head;
            if (headReached && writing == null && gapDeadline == 0) {
                gapDeadline = System.nanoTime() + GAP_WAIT.toNanos();
            }
            long deadline = headReached && writing == null ? gapDeadline : System.nanoTime() + stallTimeout.toNanos();
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
            if (headReached && writing == null) {
                return null;
            }
            throw new HistoryStalledException(after, head, lastPosition(), stallTimeout);
        }

        /**
         * Settles every open position: one the table holds is read from its event's stream and held in its
         * place; one it lacks once every transaction running at the head's moment has ended (a position
         * below the head that is not committed was taken by one of them) was never written.
         */
        private void settle() {
            EventTable events = table.orElseThrow();
            long deadline = System.nanoTime() + stallTimeout.toNanos();
            while (true) {
                // asked before the table is read, never after: a writer that commits between the two would
                // otherwise be taken as ended without its event
                boolean ended = writersEnded || !events.anyStillWriting(writing);
                Set<Long> open = new TreeSet<>(gaps);
                // a committed one is read from its stream at once: the event stream brings a late one only
                // where the store's token still tracks its gap (it drops old ones, and too many)
                for (Map.Entry<Long, DomainEventMessage<?>> late : events.read(open, eventStore).entrySet()) {
                    gaps.remove(late.getKey());
                    open.remove(late.getKey());
                    held.put(late.getKey(), late.getValue());
                }
                if (open.isEmpty()) {
                    return;
                }
                if (ended) {
                    writersEnded = true;
                    // what the table lacks once every transaction of the head's moment had ended was never written
                    gaps.removeAll(open);
                    neverWritten.addAll(open);
                    return;
                }
                if (System.nanoTime() - deadline > 0) {
                    throw HistoryStalledException.openPosition(after, head, lastPosition(), stallTimeout);
                }
                try {
                    Thread.sleep(SETTLE_POLL.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while reading the history", e);
                }
            }
        }

        /**
         * Where the event is in the history. A gap-aware token's position is the highest one the stream has
         * passed, so an event that fills a gap below it carries the token's position, not its own: its own is
         * the gap its token no longer holds.
         */
        private long positionOf(TrackedEventMessage<?> message) {
            TrackingToken token = message.trackingToken();
            TrackingToken before = streamToken;
            streamToken = token;
            if (token instanceof GapAwareTrackingToken now && before instanceof GapAwareTrackingToken previous
                    && now.getIndex() <= previous.getIndex()) {
                List<Long> filled = previous.getGaps().stream().filter(gap -> !now.getGaps().contains(gap)).toList();
                if (filled.size() == 1) {
                    return filled.get(0);
                }
                // the store dropped other gaps with it (old ones, or too many): the table says which it is
                Optional<Long> stored = table.flatMap(events -> events.positionOf(message.getIdentifier()));
                if (stored.isPresent()) {
                    return stored.get();
                }
            }
            return position(message).orElseThrow();
        }

        /**
         * The positions this event's token shows as gaps past what was read before it, and on the JDBC store
         * every position skipped between that and this one: the store's token may have dropped some.
         */
        private void noteGaps(TrackingToken token, long passed, long position) {
            if (table.isPresent() && position > passed && position - passed - 1 <= MAX_SKIPPED) {
                // the JDBC store's positions begin at 1 (its sequence's start, Axon's lowest global sequence)
                for (long skipped = Math.max(passed + 1, 1); skipped < position && skipped <= head; skipped++) {
                    if (skipped > after) {
                        gaps.add(skipped);
                    }
                }
            }
            if (token instanceof GapAwareTrackingToken gapAware) {
                gapAware.getGaps().stream().filter(gap -> gap > after && gap > passed && gap <= head).forEach(gaps::add);
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

        /** The store's last position and the transactions running at that moment. */
        record Head(long position, List<String> writing) {
        }

        /**
         * The head and the transactions running when it was read: a position below the head that is not
         * committed was taken by one of them (it was taken before the head's own, which had committed). By
         * their virtual ids (PostgreSQL's {@code pg_locks}), not their transaction ids: a transaction takes
         * a position from the sequence a moment before it is given an id. Empty where the database cannot
         * say (it is not PostgreSQL).
         */
        Optional<Head> head() {
            try {
                return jdbc.sql("SELECT (SELECT COALESCE(MAX(" + schema.globalIndexColumn() + "), -1) FROM "
                                + schema.domainEventTable() + "), ARRAY(SELECT virtualxid FROM pg_locks WHERE locktype = 'virtualxid' "
                                + "AND granted AND pid <> pg_backend_pid())")
                        .query((row, n) -> new Head(row.getLong(1), java.util.Arrays.stream((Object[]) row.getArray(2).getArray())
                                .map(Object::toString).toList()))
                        .optional();
            } catch (org.springframework.dao.DataAccessException notPostgres) {
                return Optional.empty();
            }
        }

        /** Whether any of these transactions is still running. */
        boolean anyStillWriting(List<String> transactions) {
            return !transactions.isEmpty() && jdbc.sql("SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'virtualxid' "
                            + "AND granted AND virtualxid = ANY (CAST(? AS text[])))")
                    .param(textArray(transactions))
                    .query(Boolean.class).single();
        }

        /** The position of the event with this identifier; empty if it is not stored. */
        Optional<Long> positionOf(String eventIdentifier) {
            return jdbc.sql("SELECT " + schema.globalIndexColumn() + " FROM " + schema.domainEventTable() + " WHERE "
                            + schema.eventIdentifierColumn() + " = ?")
                    .param(eventIdentifier)
                    .query(Long.class).optional();
        }

        private static String textArray(java.util.Collection<String> values) {
            return values.stream().map(value -> "\"" + value + "\"").collect(java.util.stream.Collectors.joining(",", "{", "}"));
        }

        /** The events stored at these positions, read from their streams as the store gives them. */
        Map<Long, DomainEventMessage<?>> read(Set<Long> positions, EventStore store) {
            Map<Long, DomainEventMessage<?>> events = new HashMap<>();
            if (positions.isEmpty()) {
                return events;
            }
            jdbc.sql("SELECT " + schema.globalIndexColumn() + ", " + schema.aggregateIdentifierColumn() + ", "
                            + schema.sequenceNumberColumn() + " FROM " + schema.domainEventTable() + " WHERE "
                            + schema.globalIndexColumn() + " = ANY (CAST(? AS bigint[]))")
                    .param(array(positions))
                    .query((row, n) -> new Object[]{row.getLong(1), row.getString(2), row.getLong(3)})
                    .list()
                    .forEach(stored -> store.readEvents((String) stored[1], (Long) stored[2]).asStream()
                            .filter(message -> message.getSequenceNumber() == (Long) stored[2])
                            .findFirst()
                            .ifPresent(message -> events.put((Long) stored[0], message)));
            return events;
        }

        private static String array(java.util.Collection<Long> values) {
            return values.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(",", "{", "}"));
        }

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
