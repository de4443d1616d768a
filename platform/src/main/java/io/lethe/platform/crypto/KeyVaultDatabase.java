package io.lethe.platform.crypto;

import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

import javax.sql.DataSource;

/**
 * Where the key vault ({@code subject_key}) lives: in the platform's own database, or in a database
 * of its own. Apart from the events, the vault can be given a backup retention of its own — short —
 * so an old backup that still holds an erased subject's keys is soon gone; and whatever vault is
 * restored, the shred ledger kept with the events destroys its erased keys again before anything is
 * served (see {@link ShredLedgerFollower}).
 */
public final class KeyVaultDatabase implements AutoCloseable {

    /** The vault's schema: the same migrations as in the platform's database, with their own history table. */
    static final String MIGRATIONS = "classpath:db/migration/crypto";

    private final DataSource dataSource;
    private final PlatformTransactionManager transactions;
    private final boolean separate;

    private KeyVaultDatabase(DataSource dataSource, PlatformTransactionManager transactions, boolean separate) {
        this.dataSource = dataSource;
        this.transactions = transactions;
        this.separate = separate;
    }

    /** The vault in the platform's own database, written in the same transactions as the events. */
    static KeyVaultDatabase shared(DataSource dataSource, PlatformTransactionManager transactions) {
        return new KeyVaultDatabase(dataSource, transactions, false);
    }

    /** The vault in a database of its own at {@code url}; its schema is migrated on connecting. */
    public static KeyVaultDatabase separate(String url, String username, String password) {
        // gives up at once while its database is known to be down (a probe guards it: HealthConfiguration)
        HikariDataSource dataSource = new io.lethe.platform.health.FailFastHikariDataSource();
        dataSource.setPoolName("lethe-key-vault");
        dataSource.setJdbcUrl(url);
        dataSource.setUsername(username);
        dataSource.setPassword(password);
        dataSource.setMaximumPoolSize(10);
        // a refused statement's text never carries a row's values into an exception or a log line
        dataSource.addDataSourceProperty("logServerErrorDetail", "false");
        try {
            Flyway.configure().dataSource(dataSource).locations(MIGRATIONS).table("vault_schema_history").load().migrate();
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        return new KeyVaultDatabase(dataSource, new DataSourceTransactionManager(dataSource), true);
    }

    DataSource dataSource() {
        return dataSource;
    }

    PlatformTransactionManager transactions() {
        return transactions;
    }

    /** The pool of a vault that has a database of its own; empty when it shares the platform's. */
    public java.util.Optional<HikariDataSource> ownPool() {
        return separate && dataSource instanceof HikariDataSource hikari ? java.util.Optional.of(hikari) : java.util.Optional.empty();
    }

    /** Whether the vault is a database of its own (its writes are then not in the events' transactions). */
    boolean separate() {
        return separate;
    }

    @Override
    public void close() {
        if (separate && dataSource instanceof HikariDataSource hikari) {
            hikari.close();
        }
    }
}
