package io.lethe.platform.health;

import com.zaxxer.hikari.HikariDataSource;
import org.axonframework.axonserver.connector.AxonServerConnectionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Database health and fail-fast (ADR 0014): a probe per database, guarding the platform's pool so it
 * gives up while its database is down, the {@code database} health contributor (part of readiness),
 * and the gate in front of the API.
 */
@Configuration(proxyBeanMethods = false)
class HealthConfiguration {

    /** The name of the platform's own database in health and problem details. */
    static final String PLATFORM = "platform";
    /** The name of the key vault's database, where it has one of its own. */
    static final String KEY_VAULT = "key-vault";

    /** The key vault's own database, when {@code lethe.crypto.vault.url} names one. */
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "lethe.crypto.vault.url")
    DatabaseProbe keyVaultDatabaseProbe(Environment environment) {
        return DatabaseProbe.of(KEY_VAULT, environment.getRequiredProperty("lethe.crypto.vault.url"),
                environment.getProperty("lethe.crypto.vault.username"), environment.getProperty("lethe.crypto.vault.password"));
    }

    /**
     * Probes the platform's database and the others this node needs, and lets the platform's pool give up
     * while its database is down (the persistence configuration makes it a {@link FailFastHikariDataSource}).
     */
    @Bean(destroyMethod = "close")
    DatabaseWatch databaseWatch(DataSource dataSource, ObjectProvider<DatabaseProbe> otherDatabases,
                                ObjectProvider<io.lethe.platform.crypto.KeyVaultDatabase> keyVault,
                                @Value("${lethe.health.database-probe-interval:500ms}") Duration interval) throws SQLException {
        List<DatabaseProbe> probes = new ArrayList<>();
        if (dataSource.isWrapperFor(HikariDataSource.class)) {
            HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
            DatabaseProbe platform = DatabaseProbe.of(PLATFORM, pool.getJdbcUrl(), pool.getUsername(), pool.getPassword());
            if (pool instanceof FailFastHikariDataSource guarded) {
                guarded.guardBy(platform);
            }
            probes.add(platform);
        }
        otherDatabases.orderedStream().forEach(probe -> {
            probes.add(probe);
            if (KEY_VAULT.equals(probe.name())) {
                // the vault's own pool gives up at once too while the vault's database is down
                keyVault.ifAvailable(vault -> vault.ownPool().filter(FailFastHikariDataSource.class::isInstance)
                        .map(FailFastHikariDataSource.class::cast).ifPresent(pool -> pool.guardBy(probe)));
            }
        });
        return new DatabaseWatch(probes, interval);
    }

    @Bean
    ProcessorRestarts processorRestarts(EventProcessingConfiguration processing, DatabaseWatch watch) {
        ProcessorRestarts restarts = new ProcessorRestarts(processing);
        watch.probes().forEach(probe -> probe.onUpAgain(restarts::restartThoseInError));
        return restarts;
    }

    /** {@code database}: UP while every database this node needs answers its probe; one member per database. */
    @Bean("database")
    HealthContributor databaseHealth(DatabaseWatch watch) {
        Map<String, HealthIndicator> members = new LinkedHashMap<>();
        for (DatabaseProbe probe : watch.probes()) {
            members.put(probe.name(), () -> {
                DatabaseProbe.State state = probe.state();
                Health.Builder health = state.up() ? Health.up() : Health.down().withDetail("cause", state.cause());
                return health.withDetail("since", state.since().toString()).build();
            });
        }
        return CompositeHealthContributor.fromMap(members);
    }

    /** Processors in back-off restart when this node is connected to Axon Server again (the distributed shape). */
    @Bean
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "true")
    AxonServerReconnects axonServerReconnects(AxonServerConnectionManager connections, ProcessorRestarts restarts,
                                              DatabaseWatch watch) {
        AxonServerReconnects reconnects = new AxonServerReconnects(connections, restarts);
        watch.alsoRun(reconnects, Duration.ofSeconds(1));
        return reconnects;
    }

    /** {@code processors}: part of readiness; see {@link ProcessorsHealth}. */
    @Bean("processors")
    HealthIndicator processorsHealth(EventProcessingConfiguration processing) {
        return new ProcessorsHealth(processing);
    }

    @Bean
    WebMvcConfigurer databaseGate(DatabaseWatch watch) {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new DatabaseGate(watch)).addPathPatterns("/api/**");
            }
        };
    }
}
