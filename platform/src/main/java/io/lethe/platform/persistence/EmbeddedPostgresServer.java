package io.lethe.platform.persistence;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One embedded PostgreSQL cluster per data directory and JVM, shared by every application context
 * that asks for it and stopped when the last one lets go. Tests start many contexts; each gets its
 * own database on the one server instead of a server of its own.
 */
final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final Map<Path, Running> RUNNING = new HashMap<>();

    private final Path dataDirectory;
    private final Running running;
    private boolean closed;

    private EmbeddedPostgresServer(Path dataDirectory, Running running) {
        this.dataDirectory = dataDirectory;
        this.running = running;
    }

    static EmbeddedPostgresServer acquire(EmbeddedPostgresProperties properties) {
        Path dataDirectory = properties.dataDirectory().toAbsolutePath().normalize();
        synchronized (RUNNING) {
            Running running = RUNNING.get(dataDirectory);
            if (running == null) {
                running = new Running(start(dataDirectory, properties));
                RUNNING.put(dataDirectory, running);
            }
            running.users++;
            return new EmbeddedPostgresServer(dataDirectory, running);
        }
    }

    private static EmbeddedPostgres start(Path dataDirectory, EmbeddedPostgresProperties properties) {
        try {
            Files.createDirectories(dataDirectory);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(properties.clean())
                    // Spring stops the server after Axon's processors; a JVM hook would race them.
                    .setRegisterShutdownHook(false);
            if (properties.port() > 0) {
                builder.setPort(properties.port());
            }
            EmbeddedPostgres postgres = builder.start();
            log.info("Embedded PostgreSQL listening on localhost:{} with its data in {}", postgres.getPort(), dataDirectory);
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the embedded PostgreSQL in " + dataDirectory, e);
        }
    }

    /** The JDBC URL of {@code database}, which is created first if it does not exist. */
    String jdbcUrl(String database) {
        if (!DATABASE_NAME.matcher(database).matches()) {
            throw new IllegalArgumentException("Embedded database name must match " + DATABASE_NAME.pattern());
        }
        DataSource admin = running.postgres.getPostgresDatabase();
        try (Connection connection = admin.getConnection();
             PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, database);
            try (ResultSet result = exists.executeQuery()) {
                if (!result.next()) {
                    try (Statement create = connection.createStatement()) {
                        create.execute("CREATE DATABASE " + database);
                    }
                    log.info("Created database {} in the embedded PostgreSQL", database);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot prepare embedded database " + database, e);
        }
        return running.postgres.getJdbcUrl("postgres", database);
    }

    @Override
    public void close() throws IOException {
        synchronized (RUNNING) {
            if (closed) {
                return;
            }
            closed = true;
            if (--running.users == 0) {
                RUNNING.remove(dataDirectory);
                running.postgres.close();
                log.info("Embedded PostgreSQL in {} stopped", dataDirectory);
            }
        }
    }

    private static final class Running {
        private final EmbeddedPostgres postgres;
        private int users;

        private Running(EmbeddedPostgres postgres) {
            this.postgres = postgres;
        }
    }
}
