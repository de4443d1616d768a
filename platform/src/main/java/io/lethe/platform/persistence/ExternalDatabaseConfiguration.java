package io.lethe.platform.persistence;

import com.zaxxer.hikari.HikariDataSource;
import io.lethe.platform.health.FailFastHikariDataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * An external PostgreSQL (the {@code postgres} profile): the pool Spring Boot would make from
 * {@code spring.datasource.*} and {@code spring.datasource.hikari.*}, as one that gives up while its
 * database is known to be down (ADR 0014). Boot's own pool configuration stands back for it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "lethe.embedded-postgres.enabled", havingValue = "false")
class ExternalDatabaseConfiguration {

    @Bean(destroyMethod = "close")
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(DataSourceProperties properties) {
        return properties.initializeDataSourceBuilder().type(FailFastHikariDataSource.class).build();
    }
}
