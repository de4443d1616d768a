package io.lethe.platform.axon;

import io.lethe.command.KnownStreams;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The JDBC event store's answer to {@link KnownStreams}: one query of the event table's unique index
 * (aggregate, sequence), in the caller's transaction. Axon Server has no such question; there every
 * adoption reads its stream first.
 */
@Component
@ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
class JdbcKnownStreams implements KnownStreams {

    private final JdbcClient jdbc;
    private final String sql;

    JdbcKnownStreams(JdbcClient jdbc, EventSchema schema) {
        this.jdbc = jdbc;
        this.sql = "SELECT id FROM unnest(CAST(:ids AS varchar[])) AS id WHERE EXISTS (SELECT 1 FROM "
                + schema.domainEventTable() + " WHERE " + schema.aggregateIdentifierColumn() + " = id AND "
                + schema.sequenceNumberColumn() + " = 0)";
    }

    @Override
    public Optional<Set<String>> existingAmong(Collection<String> aggregateIds) {
        if (aggregateIds.isEmpty()) {
            return Optional.of(Set.of());
        }
        return Optional.of(new HashSet<>(jdbc.sql(sql).param("ids", aggregateIds.toArray(String[]::new))
                .query(String.class).list()));
    }
}
