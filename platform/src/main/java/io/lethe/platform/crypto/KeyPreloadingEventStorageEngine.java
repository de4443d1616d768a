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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Axon's JDBC storage engine, plus two things measured in the benchmark.
 *
 * <ul>
 *   <li>One key-vault query per fetched batch: before a batch of events is handed out for
 *       deserialization, the data keys of every subject in it are loaded at once, so a replay does not
 *       ask the vault once per subject (let alone per field).</li>
 *   <li>A subject's stream is read without the payloads of its activity events, which are most of
 *       it (a year of daily activity: 365 of 388 events, and nearly all their bytes). Loading the
 *       aggregate never reads them (it has no handler for them); an access report reads the few it
 *       lists. Such a payload is fetched by its own query when — and only if — it is deserialized.</li>
 * </ul>
 */
final class KeyPreloadingEventStorageEngine extends JdbcEventStorageEngine {

    /** Payload types whose payloads a subject's stream defers. */
    static final String DEFERRED_TYPE = ActivityRecordedEvent.class.getName();

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

    @Override
    protected DomainEventData<?> getDomainEventData(ResultSet resultSet) throws SQLException {
        DomainEventData<?> data = super.getDomainEventData(resultSet);
        if (DEFERRED_TYPE.equals(data.getPayload().getType().getName()) && data.getPayload().getData() instanceof byte[] bytes
                && bytes.length == 0) {
            return new Deferred(data, this::payload);
        }
        return data;
    }

    /** One event's payload, by its aggregate and sequence number. */
    private byte[] payload(String aggregate, long sequenceNumber) {
        try (Connection connection = connections.getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT " + schema.payloadColumn() + " FROM "
                     + schema.domainEventTable() + " WHERE " + schema.aggregateIdentifierColumn() + " = ? AND "
                     + schema.sequenceNumberColumn() + " = ?")) {
            statement.setString(1, aggregate);
            statement.setLong(2, sequenceNumber);
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalStateException("An event vanished from the store while it was read");
                }
                return row.getBytes(1);
            }
        } catch (SQLException e) {
            throw new org.axonframework.eventsourcing.eventstore.EventStoreException(
                    "Reading a deferred event payload failed (SQL state " + e.getSQLState() + ")", e);
        }
    }

    interface PayloadLoader {
        byte[] load(String aggregate, long sequenceNumber);
    }

    /** An event read without its payload, which is fetched on first use. */
    private static final class Deferred implements DomainEventData<byte[]> {

        private final DomainEventData<?> data;
        private final SerializedObject<byte[]> payload;

        Deferred(DomainEventData<?> data, PayloadLoader loader) {
            this.data = data;
            SerializedType type = new SimpleSerializedType(data.getPayload().getType().getName(),
                    data.getPayload().getType().getRevision());
            this.payload = new SerializedObject<>() {
                private byte[] bytes;

                @Override
                public Class<byte[]> getContentType() {
                    return byte[].class;
                }

                @Override
                public SerializedType getType() {
                    return type;
                }

                @Override
                public synchronized byte[] getData() {
                    if (bytes == null) {
                        bytes = loader.load(data.getAggregateIdentifier(), data.getSequenceNumber());
                    }
                    return bytes;
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
