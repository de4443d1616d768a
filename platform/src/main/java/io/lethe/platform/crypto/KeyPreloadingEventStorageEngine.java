package io.lethe.platform.crypto;

import io.lethe.core.activity.ActivityRecordedEvent;
import io.lethe.core.crypto.DataKeys;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedType;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Spliterators;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Axon's JDBC storage engine, plus what the benchmark and a driver trace measured: the two below, and
 * reads that stop at a short batch (an aggregate's load, the producer's read at the head).
 *
 * <ul>
 *   <li>One key-vault query per fetched batch: before a batch of events is handed out for
 *       deserialization, the data keys of every subject in it are loaded at once, so a replay does not
 *       ask the vault once per subject (let alone per field).</li>
 *   <li>A subject's stream is read without the payloads of its activity events, which are most of
 *       it (a year of daily activity: 365 of 388 events, and nearly all their bytes). Loading the
 *       aggregate never reads them (it has no handler for them); an access report reads the few it
 *       lists. Such a payload is fetched when — and only if — it is deserialized, together with up to
 *       {@value #FETCHED_TOGETHER} of its not yet fetched neighbours in the same read, so a report that
 *       lists the newest pieces (or streams them all) asks one query per that many events, not one each.</li>
 * </ul>
 */
final class KeyPreloadingEventStorageEngine extends JdbcEventStorageEngine {

    /** Payload types whose payloads a subject's stream defers. */
    static final String DEFERRED_TYPE = ActivityRecordedEvent.class.getName();

    /** How many deferred payloads one query fetches at most. */
    static final int FETCHED_TOGETHER = 32;

    private final DataKeys keys;
    private final ConnectionProvider connections;
    private final EventSchema schema;

    KeyPreloadingEventStorageEngine(JdbcEventStorageEngine.Builder builder, DataKeys keys, ConnectionProvider connections,
                                    EventSchema schema) {
        super(builder.readEventDataForAggregate(KeyPreloadingEventStorageEngine::readAggregate));
        this.keys = keys;
        this.connections = connections;
        this.schema = schema;
    }

    @Override
    protected List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken, int batchSize) {
        List<? extends TrackedEventData<?>> batch = super.fetchTrackedEvents(lastToken, batchSize);
        Set<String> subjects = new LinkedHashSet<>();
        for (TrackedEventData<?> event : batch) {
            if (event instanceof DomainEventData<?> domainEvent && domainEvent.getAggregateIdentifier() != null) {
                subjects.add(domainEvent.getAggregateIdentifier());
            }
        }
        if (!subjects.isEmpty()) {
            keys.preload(subjects);
        }
        return batch;
    }

    /**
     * Axon's JDBC engine reads an aggregate's events until a batch comes back empty, one query more than
     * needed on every load. The batch is a range of sequence numbers ({@link #readAggregate}), and an
     * aggregate's numbers have no holes (each is taken by the next event, under a unique constraint; no
     * event is ever deleted), so a batch shorter than asked for is the last.
     */
    @Override
    protected boolean fetchForAggregateUntilEmpty() {
        return false;
    }

    /**
     * The store's producer (the one reader that may block: it feeds every processor at the head) ends
     * its read at a batch shorter than asked for, where Axon's reads on until a batch comes back empty.
     * The producer reads again at once whenever its last read found events, so that empty batch was
     * asked for twice for every new event: four statements (with the gap check Axon adds to an empty
     * batch) where two serve. Every other reader (a lagging processor's own stream, a replay, the audit
     * history) keeps Axon's stream as it is.
     */
    @Override
    protected Stream<? extends TrackedEventData<?>> readEventData(TrackingToken trackingToken, boolean mayBlock) {
        if (!mayBlock) {
            return super.readEventData(trackingToken, false);
        }
        return StreamSupport.stream(new UntilShortBatch(trackingToken), false);
    }

    /** The tracked events after a token, batch by batch, up to and including the first short batch. */
    private final class UntilShortBatch extends Spliterators.AbstractSpliterator<TrackedEventData<?>> {

        private TrackingToken last;
        private Iterator<? extends TrackedEventData<?>> batch = Collections.emptyIterator();
        private boolean lastBatchRead;

        UntilShortBatch(TrackingToken after) {
            super(Long.MAX_VALUE, NONNULL | ORDERED | DISTINCT);
            this.last = after;
        }

        @Override
        public boolean tryAdvance(Consumer<? super TrackedEventData<?>> action) {
            if (!batch.hasNext()) {
                if (lastBatchRead) {
                    return false;
                }
                List<? extends TrackedEventData<?>> read = fetchTrackedEvents(last, batchSize());
                lastBatchRead = read.size() < batchSize();
                batch = read.iterator();
                if (!batch.hasNext()) {
                    return false;
                }
            }
            TrackedEventData<?> next = batch.next();
            last = next.trackingToken();
            action.accept(next);
            return true;
        }
    }

    /** Axon's statement for one aggregate's events, with a deferred type's payload left out. */
    private static PreparedStatement readAggregate(Connection connection, EventSchema schema, String identifier,
                                                   long firstSequenceNumber, int batchSize) throws SQLException {
        String sql = "SELECT " + schema.eventIdentifierColumn() + ", " + schema.timestampColumn() + ", "
                + schema.payloadTypeColumn() + ", " + schema.payloadRevisionColumn() + ", "
                // an empty payload stands for the deferred one: no real event serializes to nothing
                + "CASE WHEN " + schema.payloadTypeColumn() + " = ? THEN CAST('' AS BYTEA) ELSE " + schema.payloadColumn() + " END AS "
                + schema.payloadColumn() + ", " + schema.metaDataColumn() + ", " + schema.typeColumn() + ", "
                + schema.aggregateIdentifierColumn() + ", " + schema.sequenceNumberColumn()
                + " FROM " + schema.domainEventTable() + " WHERE " + schema.aggregateIdentifierColumn() + " = ? AND "
                + schema.sequenceNumberColumn() + " >= ? AND " + schema.sequenceNumberColumn() + " < ? ORDER BY "
                + schema.sequenceNumberColumn() + " ASC";
        PreparedStatement statement = connection.prepareStatement(sql);
        statement.setString(1, DEFERRED_TYPE);
        statement.setString(2, identifier);
        statement.setLong(3, firstSequenceNumber);
        statement.setLong(4, firstSequenceNumber + batchSize);
        return statement;
    }

    /**
     * One aggregate's stream. Each event the statement read without its payload (an empty payload
     * stands for it) is handed out as {@link Deferred}, and all of them share one {@link Read}, which
     * fetches their payloads.
     */
    @Override
    protected Stream<? extends DomainEventData<?>> readEventData(String identifier, long firstSequenceNumber) {
        Read read = new Read(identifier);
        return super.readEventData(identifier, firstSequenceNumber).map(data ->
                DEFERRED_TYPE.equals(data.getPayload().getType().getName()) && data.getPayload().getData() instanceof byte[] bytes
                        && bytes.length == 0 ? read.add(new Deferred(data, read)) : data);
    }

    /** Some payloads of one aggregate, by sequence number. */
    private Map<Long, byte[]> payloads(String aggregate, Long[] sequenceNumbers) {
        try (Connection connection = connections.getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT " + schema.sequenceNumberColumn() + ", "
                     + schema.payloadColumn() + " FROM " + schema.domainEventTable() + " WHERE "
                     + schema.aggregateIdentifierColumn() + " = ? AND " + schema.sequenceNumberColumn() + " = ANY (?)")) {
            statement.setString(1, aggregate);
            statement.setArray(2, connection.createArrayOf("bigint", sequenceNumbers));
            Map<Long, byte[]> payloads = new HashMap<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    payloads.put(rows.getLong(1), rows.getBytes(2));
                }
            }
            return payloads;
        } catch (SQLException e) {
            throw new org.axonframework.eventsourcing.eventstore.EventStoreException(
                    "Reading deferred event payloads failed (SQL state " + e.getSQLState() + ")", e);
        }
    }

    /**
     * The deferred events of one read of an aggregate's stream. When one's payload is first wanted, the
     * payloads of the nearest ones not yet fetched come with it: a reader walking the stream either way
     * finds the next ones already there.
     */
    private final class Read {

        private final String aggregate;
        private final TreeMap<Long, Deferred> unfetched = new TreeMap<>();

        Read(String aggregate) {
            this.aggregate = aggregate;
        }

        synchronized Deferred add(Deferred deferred) {
            unfetched.put(deferred.getSequenceNumber(), deferred);
            return deferred;
        }

        synchronized void fetch(long sequenceNumber) {
            List<Long> wanted = new ArrayList<>(FETCHED_TOGETHER);
            wanted.add(sequenceNumber);
            Long below = unfetched.lowerKey(sequenceNumber);
            Long above = unfetched.higherKey(sequenceNumber);
            while (wanted.size() < FETCHED_TOGETHER && (below != null || above != null)) {
                if (above == null || below != null && sequenceNumber - below <= above - sequenceNumber) {
                    wanted.add(below);
                    below = unfetched.lowerKey(below);
                } else {
                    wanted.add(above);
                    above = unfetched.higherKey(above);
                }
            }
            Map<Long, byte[]> payloads = payloads(aggregate, wanted.toArray(Long[]::new));
            if (!payloads.containsKey(sequenceNumber)) {
                throw new IllegalStateException("An event vanished from the store while it was read");
            }
            payloads.forEach((number, bytes) -> {
                Deferred deferred = unfetched.remove(number);
                if (deferred != null) {
                    deferred.fetched(bytes);
                }
            });
        }
    }

    /** An event read without its payload, which is fetched on first use. */
    private final class Deferred implements DomainEventData<byte[]> {

        private final DomainEventData<?> data;
        private final Read read;
        private final SerializedObject<byte[]> payload;
        private byte[] bytes;

        private synchronized void fetched(byte[] fetched) {
            if (bytes == null) {
                bytes = fetched;
            }
        }

        private byte[] bytes() {
            synchronized (this) {
                if (bytes != null) {
                    return bytes;
                }
            }
            read.fetch(data.getSequenceNumber()); // fetches this one, or throws
            synchronized (this) {
                return bytes;
            }
        }

        Deferred(DomainEventData<?> data, Read read) {
            this.data = data;
            this.read = read;
            SerializedType type = new SimpleSerializedType(data.getPayload().getType().getName(),
                    data.getPayload().getType().getRevision());
            this.payload = new SerializedObject<>() {
                @Override
                public Class<byte[]> getContentType() {
                    return byte[].class;
                }

                @Override
                public SerializedType getType() {
                    return type;
                }

                @Override
                public byte[] getData() {
                    return bytes();
                }
            };
        }

        @Override
        public String getType() {
            return data.getType();
        }

        @Override
        public String getAggregateIdentifier() {
            return data.getAggregateIdentifier();
        }

        @Override
        public long getSequenceNumber() {
            return data.getSequenceNumber();
        }

        @Override
        public String getEventIdentifier() {
            return data.getEventIdentifier();
        }

        @Override
        public Instant getTimestamp() {
            return data.getTimestamp();
        }

        @Override
        @SuppressWarnings("unchecked")
        public SerializedObject<byte[]> getMetaData() {
            return (SerializedObject<byte[]>) data.getMetaData();
        }

        @Override
        public SerializedObject<byte[]> getPayload() {
            return payload;
        }
    }
}
