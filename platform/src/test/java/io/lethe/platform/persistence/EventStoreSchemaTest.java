package io.lethe.platform.persistence;

import io.lethe.core.jurisdiction.Jurisdiction;
import io.lethe.core.subject.RegisterAccountCommand;
import io.lethe.core.subject.SubjectId;
import io.lethe.platform.PlatformTest;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The schema Flyway gives Axon: bytea everywhere, a gapless global index, the indexes it needs. */
@PlatformTest
class EventStoreSchemaTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CommandGateway commands;

    @Test
    void payloadsMetadataSnapshotsAndTokensAreByteaNotLargeObjects() {
        List<String> types = jdbc.queryForList("""
                SELECT table_name || '.' || column_name || ':' || data_type FROM information_schema.columns
                WHERE table_schema = current_schema()
                  AND (table_name, column_name) IN (('domain_event_entry', 'payload'), ('domain_event_entry', 'meta_data'),
                       ('snapshot_event_entry', 'payload'), ('snapshot_event_entry', 'meta_data'), ('token_entry', 'token'))
                ORDER BY 1""", String.class);
        assertThat(types).containsExactly(
                "domain_event_entry.meta_data:bytea", "domain_event_entry.payload:bytea",
                "snapshot_event_entry.meta_data:bytea", "snapshot_event_entry.payload:bytea",
                "token_entry.token:bytea");
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM information_schema.columns
                WHERE table_schema = current_schema() AND data_type = 'oid'""", Long.class)).isZero();
    }

    @Test
    void theGlobalIndexComesFromItsOwnSequenceWithoutGaps() {
        assertThat(jdbc.queryForObject("""
                SELECT increment FROM information_schema.sequences
                WHERE sequence_name = 'domain_event_entry_global_index_seq'""", Long.class)).isEqualTo(1L);

        for (int i = 0; i < 5; i++) {
            commands.sendAndWait(new RegisterAccountCommand(SubjectId.random(), Jurisdiction.EU, "Subject " + i,
                    LocalDate.of(1980, 1, 1), null, "s" + i + "@example.eu", null, null));
        }
        List<Long> indexes = jdbc.queryForList("SELECT global_index FROM domain_event_entry ORDER BY global_index", Long.class);
        assertThat(indexes).hasSizeGreaterThanOrEqualTo(5);
        assertThat(indexes.get(indexes.size() - 1) - indexes.get(0)).isEqualTo(indexes.size() - 1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM pg_largeobject_metadata", Long.class)).isZero();
    }

    @Test
    void theIndexesAxonsStorageEngineReadsByExist() {
        List<String> indexed = jdbc.queryForList("""
                SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema()
                  AND tablename IN ('domain_event_entry', 'snapshot_event_entry', 'token_entry')""", String.class);
        assertThat(indexed).anyMatch(def -> def.contains("UNIQUE") && def.contains("(aggregate_identifier, sequence_number)")
                        && def.contains("domain_event_entry"))
                .anyMatch(def -> def.contains("UNIQUE") && def.contains("(event_identifier)") && def.contains("domain_event_entry"))
                .anyMatch(def -> def.contains("(global_index)"))
                .anyMatch(def -> def.contains("(processor_name, segment)"));
    }
}
