package io.lethe.platform.axon;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.modelling.saga.repository.jdbc.PostgresSagaSqlSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSqlSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Axon's serialization and storage layout. Every serializer (events, messages, tokens, sagas) is
 * Jackson 2 with this mapper: Axon 4 speaks Jackson 2 while Spring Boot's web layer uses Jackson 3.
 * The JDBC storage engine writes to the snake_case tables that Flyway creates; see
 * {@code db/migration/axon}.
 */
@Configuration(proxyBeanMethods = false)
class AxonConfiguration {

    /**
     * Commands run in Spring's transactions: a command's events, the data keys it creates or
     * destroys and its shred-ledger entries commit together or not at all. Axon 4.13's
     * auto-configuration decides on its transaction manager before Spring Boot 4 has made the JDBC
     * one, and fell back to none, so every statement had been its own commit. Defining it here makes
     * that fallback stand back.
     */
    @Bean
    TransactionManager axonTransactionManager(PlatformTransactionManager transactions) {
        return new SpringTransactionManager(transactions);
    }

    /**
     * Projections keep committing statement by statement, as they always have here, until each
     * handler runs under a savepoint: PostgreSQL aborts the whole transaction on a failed statement,
     * so a projection's dead-letter queue could not park the failed event in the handler's own
     * transaction (measured: the letter is lost and the event retried for ever). Every projection is
     * sequence-guarded, so an event handled again after a crash between a row and its token changes
     * nothing.
     *
     * <p>Process managers are different: the command a saga sends runs nested in the saga's unit of
     * work, and its events are appended only when that unit of work commits. Without a transaction
     * around it, the command's own transaction (keys destroyed, ledger written) committed first and
     * the append came later, on its own: a crash or a refused append in between left keys destroyed
     * with no event and no certificate. So every saga's processor runs each batch in one transaction,
     * which the nested command joins: the saga's state, its token, the command's events, keys and
     * ledger entries commit together (ADR 0012). Deadline handlers already run in the deadline
     * manager's transaction, with the same effect.
     */
    @Bean
    ConfigurerModule processorTransactions(TransactionManager axonTransactionManager,
                                           org.springframework.beans.factory.ListableBeanFactory beans) {
        return configurer -> {
            configurer.eventProcessing()
                    .registerDefaultTransactionManager(configuration -> NoTransactionManager.instance());
            for (String processingGroup : sagaProcessingGroups(beans)) {
                configurer.eventProcessing().registerTransactionManager(processingGroup, configuration -> axonTransactionManager);
            }
        };
    }

    /** The processing group of every saga: its {@code @ProcessingGroup}, or Axon's default, the type's name + "Processor". */
    static java.util.Set<String> sagaProcessingGroups(org.springframework.beans.factory.ListableBeanFactory beans) {
        java.util.Set<String> groups = new java.util.TreeSet<>();
        for (String name : beans.getBeanNamesForAnnotation(org.axonframework.spring.stereotype.Saga.class)) {
            Class<?> type = beans.getType(name, false);
            if (type != null) {
                org.axonframework.config.ProcessingGroup group = type.getAnnotation(org.axonframework.config.ProcessingGroup.class);
                groups.add(group != null ? group.value() : type.getSimpleName() + "Processor");
            }
        }
        return groups;
    }

    /** Picked by Axon's auto-configuration by this name for every Jackson serializer. */
    @Bean("defaultAxonObjectMapper")
    ObjectMapper defaultAxonObjectMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                // an older reader must survive a field added by a newer revision
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    @Bean
    EventSchema eventSchema() {
        return EventTables.schema("domain_event_entry", "snapshot_event_entry");
    }

    /** Saga state in the snake_case tables of {@code V6__deadlines_and_sagas.sql}, payloads as bytea. */
    @Bean
    SagaSqlSchema sagaSqlSchema() {
        return new PostgresSagaSqlSchema(SagaSchema.builder()
                .sagaEntryTable("saga_entry")
                .revisionColumn("revision")
                .serializedSagaColumn("serialized_saga")
                .associationValueEntryTable("association_value_entry")
                .associationKeyColumn("association_key")
                .associationValueColumn("association_value")
                .sagaIdColumn("saga_id")
                .sagaTypeColumn("saga_type")
                .build());
    }

    @Bean
    DeadLetterSchema deadLetterSchema() {
        return DeadLetterSchema.builder()
                .deadLetterTable("dead_letter_entry")
                .deadLetterIdentifierColumn("dead_letter_identifier")
                .processingGroupColumn("processing_group")
                .sequenceIdentifierColumn("sequence_identifier")
                .sequenceIndexColumn("sequence_index")
                .messageTypeColumn("message_type")
                .eventIdentifierColumn("event_identifier")
                .timestampColumn("time_stamp")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .aggregateTypeColumn("type")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .tokenTypeColumn("token_type")
                .tokenColumn("token")
                .enqueuedAtColumn("enqueued_at")
                .lastTouchedColumn("last_touched")
                .processingStartedColumn("processing_started")
                .causeTypeColumn("cause_type")
                .causeMessageColumn("cause_message")
                .diagnosticsColumn("diagnostics")
                .build();
    }

    @Bean
    TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("timestamp")
                .setOwnerColumn("owner")
                .build();
    }
}
