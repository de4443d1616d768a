package io.lethe.platform.crypto;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Ticker;
import io.lethe.core.crypto.DataKeys;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.context.annotation.Primary;
import org.springframework.transaction.PlatformTransactionManager;

import javax.sql.DataSource;

/**
 * Crypto-shredding wiring: the KEKs, the key vault and its ledger, the field seals shared by the
 * serializer and the read models, and the one serializer Axon uses for everything it persists or
 * ships (events, snapshots, commands and queries over Axon Server, tokens, sagas, dead letters).
 * Axon derives its message and event serializers from this general one because all three are
 * configured as Jackson.
 */
@Configuration(proxyBeanMethods = false)
class CryptoConfiguration {

    @Bean
    KeyEncryptionKeys keyEncryptionKeys(CryptoProperties properties) {
        return KeyEncryptionKeys.from(properties);
    }

    @Bean
    ShredLedger shredLedger(DataSource dataSource) {
        return new ShredLedger(dataSource);
    }

    @Bean
    PlatformSecrets platformSecrets(KeyEncryptionKeys keks) {
        return new PlatformSecrets(keks);
    }

    /** A database of the vault's own, when {@code lethe.crypto.vault.url} names one. */
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "lethe.crypto.vault.url")
    KeyVaultDatabase keyVaultDatabase(CryptoProperties properties) {
        CryptoProperties.Vault vault = properties.vault();
        return KeyVaultDatabase.separate(vault.url(), vault.username(), vault.password());
    }

    /** The vault's table, in a database of its own when there is one, else in the platform's. */
    @Bean
    KeyVault keyVault(DataSource dataSource, PlatformTransactionManager transactions,
                      ObjectProvider<KeyVaultDatabase> separateVault, ShredLedger ledger, KeyEncryptionKeys keks,
                      MeterRegistry meters) {
        KeyVaultDatabase vault = separateVault.getIfAvailable(() -> KeyVaultDatabase.shared(dataSource, transactions));
        return new KeyVault(vault, ledger, keks, meters);
    }

    @Bean
    KeyCache keyCache(KeyVault vault, CryptoProperties properties, MeterRegistry meters) {
        return new KeyCache(vault, properties, meters, Ticker.systemTicker());
    }

    @Bean(destroyMethod = "close")
    VaultHousekeeping vaultHousekeeping(KeyVault vault) {
        return new VaultHousekeeping(vault);
    }

    @Bean
    TransactionKeys transactionKeys(KeyCache cache) {
        return new TransactionKeys(cache);
    }

    @Bean
    KeyCreation keyCreation(KeyVault vault, KeyCache cache, TransactionKeys transactionKeys, MeterRegistry meters) {
        return new KeyCreation(vault, cache, transactionKeys, meters);
    }

    @Bean
    KeyShredding keyShredding(KeyVault vault, ShredLedger ledger, KeyCache cache, TransactionKeys transactionKeys,
                              VaultHousekeeping housekeeping, MeterRegistry meters,
                              @Value("${axon.axonserver.enabled:false}") boolean axonServer) {
        // with Axon Server the events are stored elsewhere, after the ledger's transaction
        return new KeyShredding(vault, ledger, cache, transactionKeys, housekeeping, meters, !axonServer);
    }

    /**
     * The whole shred ledger applied to the vault before anything can read a key (so before the
     * platform serves): a vault restored from an older backup forgets its erased keys again here.
     * From then on this node follows the ledger, so it forgets a key shredded on any node at once.
     */
    @Bean
    @DependsOnDatabaseInitialization
    ShredLedgerFollower shredLedgerFollower(ShredLedger ledger, KeyVault vault, KeyCache cache,
                                            VaultHousekeeping housekeeping, CryptoProperties properties) {
        ShredLedgerFollower follower = new ShredLedgerFollower(ledger, vault, cache, housekeeping);
        follower.reapplyLedger();
        follower.followLedger(properties.evictionInterval());
        return follower;
    }

    /** The keys for the serializer and the aggregates, served only once the ledger has been applied. */
    @Bean
    @DependsOn("shredLedgerFollower")
    @DependsOnDatabaseInitialization
    JdbcDataKeys dataKeys(KeyCache cache, TransactionKeys transactionKeys, KeyCreation creation, KeyShredding shredding) {
        return new JdbcDataKeys(cache, transactionKeys, creation, shredding);
    }

    @Bean
    KekRotation kekRotation(KeyVault vault, KeyEncryptionKeys keks) {
        return new KekRotation(vault, keks);
    }

    @Bean
    FieldSeals fieldSeals(DataKeys dataKeys, @Qualifier("defaultAxonObjectMapper") ObjectMapper objectMapper,
                          MeterRegistry meters) {
        return new FieldSeals(dataKeys, objectMapper, meters);
    }

    @Bean
    @Primary
    Serializer personalDataSerializer(@Qualifier("defaultAxonObjectMapper") ObjectMapper objectMapper,
                                      RevisionResolver revisionResolver, FieldSeals seals) {
        JacksonSerializer jackson = JacksonSerializer.builder()
                .objectMapper(objectMapper)
                .revisionResolver(revisionResolver)
                .build();
        return new PersonalDataSerializer(jackson, seals);
    }

    /** The JDBC event store of the embedded default and the one-node shape, with batched key loading. */
    @Bean
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
    EventStorageEngine eventStorageEngine(Serializer serializer,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          PersistenceExceptionResolver persistenceExceptionResolver,
                                          org.axonframework.config.Configuration configuration,
                                          ConnectionProvider connectionProvider,
                                          TransactionManager transactionManager,
                                          EventSchema eventSchema,
                                          DataKeys dataKeys,
                                          @Value("${lethe.event-store.fetch-size:1000}") int fetchSize) {
        JdbcEventStorageEngine.Builder builder = JdbcEventStorageEngine.builder()
                .snapshotSerializer(serializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                // its reads outside a transaction are single statements: no BEGIN and COMMIT around each
                .transactionManager(new io.lethe.platform.axon.ReadsOutsideTransactions(transactionManager))
                .schema(eventSchema)
                // events read per query by processors and replays (Axon's default is 100): each
                // query costs a round trip, and each batch one key-vault query for its subjects
                .batchSize(fetchSize);
        return new KeyPreloadingEventStorageEngine(builder, dataKeys, connectionProvider, eventSchema);
    }
}
