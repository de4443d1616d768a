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
     * The local command bus, as Axon's auto-configuration builds it, but with one difference: a command
     * sent inside a transaction that is already running — a saga's batch (ADR 0012), a deadline's —
     * runs under a savepoint of it rather than as a plain participant. A refused command then undoes
     * its own work back to the savepoint and leaves the process manager's transaction able to commit;
     * as a participant, its rollback marked the whole transaction rollback-only, and the process
     * manager's state and token were rolled back with it, again on every retry. A command sent with no
     * transaction running (from the API) starts its own, as before, with no savepoint. A command that
     * begins its stream and finds it there is refused as its command says ({@link io.lethe.command.LocalCommandBus}).
     */
    @Bean
    @org.springframework.beans.factory.annotation.Qualifier("localSegment")
    org.axonframework.commandhandling.SimpleCommandBus commandBus(PlatformTransactionManager transactions,
                                                                 org.axonframework.config.Configuration axonConfiguration,
                                                                 org.axonframework.commandhandling.DuplicateCommandHandlerResolver duplicates) {
        org.axonframework.commandhandling.SimpleCommandBus commandBus = new io.lethe.command.LocalCommandBus(
                org.axonframework.commandhandling.SimpleCommandBus.builder()
                        .transactionManager(new io.lethe.command.SavepointWhenNested(transactions))
                        .duplicateCommandHandlerResolver(duplicates)
                        .spanFactory(axonConfiguration.getComponent(org.axonframework.commandhandling.CommandBusSpanFactory.class))
                        .messageMonitor(axonConfiguration.messageMonitor(org.axonframework.commandhandling.CommandBus.class, "commandBus")));
        commandBus.registerHandlerInterceptor(new org.axonframework.messaging.interceptors.CorrelationDataInterceptor<>(
                axonConfiguration.correlationDataProviders()));
        return commandBus;
    }

    /**
     * A read model's processor runs each batch in one transaction, each handler under a savepoint of
     * it, so a failed statement leaves the dead-letter queue able to park its event
     * ({@link ReadModelTransactions}, ADR 0009). Other processors without a saga (the usage periods'
     * index) commit statement by statement.
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
                                           org.springframework.beans.factory.ListableBeanFactory beans,
                                           PlatformTransactionManager transactions) {
        ReadModelTransactions readModels = new ReadModelTransactions(transactions);
        return configurer -> {
            configurer.eventProcessing()
                    .registerDefaultTransactionManager(configuration -> NoTransactionManager.instance());
            for (String processingGroup : sagaProcessingGroups(beans)) {
                configurer.eventProcessing().registerTransactionManager(processingGroup, configuration -> axonTransactionManager);
            }
            for (String processingGroup : readModelProcessingGroups(beans)) {
                configurer.eventProcessing().registerTransactionManager(processingGroup, configuration -> readModels);
            }
        };
    }

    /** Each read model's handler under a savepoint of its processor's batch (ADR 0009). */
    @Bean
    static org.axonframework.messaging.annotation.HandlerEnhancerDefinition readModelSavepoints(
            org.springframework.beans.factory.ObjectProvider<PlatformTransactionManager> transactions) {
        return new ReadModelTransactions.Savepoints(transactions);
    }

    /** The processing group of every read model (a projection of the query side). */
    static java.util.Set<String> readModelProcessingGroups(org.springframework.beans.factory.ListableBeanFactory beans) {
        java.util.Set<String> groups = new java.util.TreeSet<>();
        for (String name : beans.getBeanNamesForAnnotation(org.axonframework.config.ProcessingGroup.class)) {
            Class<?> type = beans.getType(name, false);
            Class<?> declared = type == null ? null : org.springframework.util.ClassUtils.getUserClass(type);
            if (declared != null && ReadModelTransactions.readModel(declared)) {
                groups.add(declared.getAnnotation(org.axonframework.config.ProcessingGroup.class).value());
            }
        }
        return groups;
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

    /**
     * Axon's JDBC stores (events, tokens, sagas, dead letters) take connections from Spring, bound to
     * the running transaction where there is one. Axon's default wraps this provider in one that ties
     * a connection to the unit of work, and on the unit of work's rollback rolls the <em>physical</em>
     * connection back: a refused command nested in a saga's transaction rolled back the saga's work done
     * before it, and the transaction then committed what came after — silently. Every unit of work here
     * runs in Spring's transaction or in none, so Spring alone decides what commits.
     */
    @Bean
    org.axonframework.common.jdbc.ConnectionProvider connectionProvider(javax.sql.DataSource dataSource) {
        return new org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider(dataSource);
    }

    /**
     * Axon's JDBC token store, each of whose operations runs in a Spring transaction: joined where one
     * runs (a saga's batch), its own otherwise (a projection's coordinator claiming a segment). Claiming
     * reads the token row for update on one connection and checks the segment on a second
     * ({@code JdbcTokenStore#validateSegment}); with no transaction the two were different pooled
     * connections, so as many processors claiming at once as the pool has connections held every one
     * and waited for the pool's time-out (seen at start-up: 11 processors on 6 connections). In a
     * transaction both are the one bound connection.
     */
    @Bean
    org.axonframework.eventhandling.tokenstore.TokenStore tokenStore(org.axonframework.common.jdbc.ConnectionProvider connections,
                                                                   org.axonframework.serialization.Serializer serializer,
                                                                   TokenSchema tokenSchema,
                                                                   org.axonframework.springboot.TokenStoreProperties properties,
                                                                   PlatformTransactionManager transactions) {
        org.axonframework.eventhandling.tokenstore.TokenStore store = org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore.builder()
                .connectionProvider(connections)
                .schema(tokenSchema)
                .serializer(serializer)
                .claimTimeout(properties.getClaimTimeout())
                .build();
        org.springframework.transaction.support.TransactionTemplate inTransaction =
                new org.springframework.transaction.support.TransactionTemplate(transactions);
        return (org.axonframework.eventhandling.tokenstore.TokenStore) java.lang.reflect.Proxy.newProxyInstance(
                AxonConfiguration.class.getClassLoader(),
                new Class<?>[] {org.axonframework.eventhandling.tokenstore.TokenStore.class},
                (proxy, method, arguments) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return method.invoke(store, arguments);
                    }
                    try {
                        return inTransaction.execute(status -> {
                            try {
                                return method.invoke(store, arguments);
                            } catch (java.lang.reflect.InvocationTargetException e) {
                                throw new TokenStoreFailure(e.getCause());
                            } catch (IllegalAccessException e) {
                                throw new IllegalStateException(e);
                            }
                        });
                    } catch (TokenStoreFailure failure) {
                        throw failure.getCause();
                    }
                });
    }

    /** Carries what the token store threw out of the transaction template, which rolls back on it. */
    private static final class TokenStoreFailure extends RuntimeException {
        TokenStoreFailure(Throwable cause) {
            super(cause);
        }
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

    /** A taken (aggregate, sequence) of the event table is a concurrent change, not a broken store ({@link StreamSequenceTaken}). */
    @Bean
    org.axonframework.common.jdbc.PersistenceExceptionResolver persistenceExceptionResolver() {
        return new StreamSequenceTaken("domain_event_entry_aggregate_sequence_uk");
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
