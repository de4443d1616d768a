package io.lethe.platform.persistence;

import com.zaxxer.hikari.HikariDataSource;
import io.lethe.platform.crypto.KeyVaultDatabase;
import io.lethe.platform.health.DatabaseProbe;
import io.lethe.platform.health.FailFastHikariDataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded default: Lethe starts its own PostgreSQL, so a fresh machine needs nothing but a
 * JDK. The connection pool is configured by the usual {@code spring.datasource.hikari.*} keys.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "lethe.embedded-postgres.enabled", havingValue = "true", matchIfMissing = true)
class EmbeddedPostgresConfiguration {

    @Bean(destroyMethod = "close")
    EmbeddedPostgresServer embeddedPostgresServer(EmbeddedPostgresProperties properties) {
        return EmbeddedPostgresServer.acquire(properties);
    }

    @Bean(destroyMethod = "close")
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedPostgresServer server, EmbeddedPostgresProperties properties) {
        // a pool that gives up while its database is known to be down (ADR 0014)
        HikariDataSource dataSource = new FailFastHikariDataSource();
        dataSource.setJdbcUrl(server.jdbcUrl(properties.database()));
        dataSource.setUsername(server.username());
        dataSource.setPassword(server.password());
        return dataSource;
    }

    /** The key vault in a database of its own on the embedded server, when one is named. */
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "lethe.embedded-postgres.vault-database")
    KeyVaultDatabase keyVaultDatabase(EmbeddedPostgresServer server, EmbeddedPostgresProperties properties) {
        return KeyVaultDatabase.separate(server.jdbcUrl(properties.vaultDatabase()), server.username(), server.password());
    }

    /** Its health: a database of its own can be missing while the platform's answers. */
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "lethe.embedded-postgres.vault-database")
    DatabaseProbe keyVaultDatabaseProbe(EmbeddedPostgresServer server, EmbeddedPostgresProperties properties) {
        return DatabaseProbe.of("key-vault", server.jdbcUrl(properties.vaultDatabase()), server.username(), server.password());
    }
}
