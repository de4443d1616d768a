package io.lethe.platform.crypto;

import io.lethe.core.crypto.DataKeys;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Axon's JDBC storage engine, plus one key-vault query per fetched batch: before a batch of events
 * is handed out for deserialization, the data keys of every subject in it are loaded at once, so a
 * replay does not ask the vault once per subject (let alone per field).
 */
final class KeyPreloadingEventStorageEngine extends JdbcEventStorageEngine {

    private final DataKeys keys;

    KeyPreloadingEventStorageEngine(JdbcEventStorageEngine.Builder builder, DataKeys keys) {
        super(builder);
        this.keys = keys;
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
}
