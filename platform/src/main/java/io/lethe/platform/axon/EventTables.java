package io.lethe.platform.axon;

import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;

/** The snake_case layout of Axon's event and snapshot tables, for any pair of such tables. */
public final class EventTables {

    private EventTables() {
    }

    /** The layout of {@code eventTable} and {@code snapshotTable} as created by the Flyway migrations. */
    public static EventSchema schema(String eventTable, String snapshotTable) {
        return EventSchema.builder()
                .eventTable(eventTable)
                .snapshotTable(snapshotTable)
                .globalIndexColumn("global_index")
                .timestampColumn("time_stamp")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }
}
