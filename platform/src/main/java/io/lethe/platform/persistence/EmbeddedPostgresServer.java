package io.lethe.platform.persistence;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One embedded PostgreSQL cluster per data directory and JVM, shared by every application context
 * that asks for it and stopped when the last one lets go. Tests start many contexts; each gets its
 * own database on the one server instead of a server of its own.
 *
 * <p>It is the system of record of the embedded default, so it runs as one: durable (fsync,
 * synchronous commit and full-page writes on; only tests turn that off), reachable only on the
 * loopback interface with no Unix socket, and only with a password (SCRAM) that is generated on first
 * start and kept owner-readable in the data directory. A server left running by a JVM that was
 * killed is stopped before a new one starts; a stale {@code postmaster.pid} is PostgreSQL's own to clear.
 */
final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final Map<Path, Running> RUNNING = new HashMap<>();
    static final String USER = "postgres";
    /** The superuser's password, in the data directory (PostgreSQL ignores files it does not know). */
    static final String PASSWORD_FILE = "lethe-superuser.password";
    private static final String LOCK_FILE = "epg-lock";
    private static final Duration ORPHAN_STOP_WAIT = Duration.ofSeconds(60);

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
                running = start(dataDirectory, properties);
                RUNNING.put(dataDirectory, running);
            }
            running.users++;
            return new EmbeddedPostgresServer(dataDirectory, running);
        }
    }

    private static Running start(Path dataDirectory, EmbeddedPostgresProperties properties) {
        try {
            Files.createDirectories(dataDirectory);
            if (!properties.clean()) {
                stopOrphanedServer(dataDirectory);
            }
            Optional<String> password = readPassword(dataDirectory);
            String durability = properties.durable() ? "on" : "off";
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(properties.clean())
                    // the library starts the server with -F (fsync off) and synchronous_commit off, as
                    // test servers do; the settings below come after -F on the command line and win
                    .setServerConfig("fsync", durability)
                    .setServerConfig("synchronous_commit", durability)
                    .setServerConfig("full_page_writes", durability)
                    .setServerConfig("listen_addresses", "localhost")
                    .setServerConfig("unix_socket_directories", "")
                    .setServerConfig("password_encryption", "scram-sha-256")
                    .setServerConfig("max_connections", Integer.toString(properties.maxConnections()))
                    // Spring stops the server after Axon's processors; a JVM hook would race them.
                    .setRegisterShutdownHook(false);
            password.ifPresent(secret -> builder.setConnectConfig("password", secret));
            if (properties.port() > 0) {
                builder.setPort(properties.port());
            }
            EmbeddedPostgres postgres = builder.start();
            String secret = password.orElseGet(() -> requirePassword(postgres, dataDirectory));
            log.info("Embedded PostgreSQL listening on localhost:{} with its data in {} ({})", postgres.getPort(), dataDirectory,
                    properties.durable() ? "durable" : "NOT durable: fsync and synchronous commit off");
            return new Running(postgres, secret);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the embedded PostgreSQL in " + dataDirectory, e);
        }
    }

    /**
     * A server started by a JVM that was killed keeps running, holding the data directory and its port.
     * If no other JVM holds the directory (its lock is free), such a server is an orphan: it is asked to
     * shut down (SIGTERM, a smart shutdown that waits for nothing: its clients are gone), and killed
     * if it will not. A {@code postmaster.pid} whose process is gone is left to PostgreSQL, which
     * clears it itself.
     */
    static void stopOrphanedServer(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(dataDirectory.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = channel.tryLock()) {
            if (lock == null) {
                throw new IllegalStateException("Another process runs the embedded PostgreSQL in " + dataDirectory
                        + ": stop it first, or give this one another lethe.embedded-postgres.data-directory");
            }
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            if (lines.isEmpty() || lines.get(0).isBlank()) {
                return;
            }
            long pid = Long.parseLong(lines.get(0).trim());
            Optional<ProcessHandle> postmaster = ProcessHandle.of(pid)
                    .filter(process -> process.info().command().map(command -> command.endsWith("postgres")).orElse(false));
            if (postmaster.isEmpty()) {
                return;
            }
            log.warn("An embedded PostgreSQL (pid {}) was left running in {} by a process that ended without stopping it; "
                    + "stopping it before starting again", pid, dataDirectory);
            postmaster.get().destroy();
            try {
                postmaster.get().onExit().get(ORPHAN_STOP_WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException notStopped) {
                log.warn("The orphaned PostgreSQL (pid {}) did not stop within {}; killing it (it recovers from its WAL "
                        + "on the next start)", pid, ORPHAN_STOP_WAIT);
                postmaster.get().destroyForcibly();
                postmaster.get().onExit().join();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("Waiting for the orphaned PostgreSQL failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while stopping the orphaned PostgreSQL", e);
            }
        }
    }

    private static Optional<String> readPassword(Path dataDirectory) throws IOException {
        Path file = dataDirectory.resolve(PASSWORD_FILE);
        return Files.exists(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8).trim()) : Optional.empty();
    }

    /**
     * First start of a cluster (or of one made before passwords were required): the superuser gets a
     * random password, written owner-readable next to the data, and from now on the server accepts
     * connections only with it (SCRAM over loopback; there is no Unix socket).
     */
    private static String requirePassword(EmbeddedPostgres postgres, Path dataDirectory) {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("ALTER ROLE " + USER + " PASSWORD '" + secret + "'");
            Path file = dataDirectory.resolve(PASSWORD_FILE);
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, secret, StandardCharsets.UTF_8);
            Files.writeString(dataDirectory.resolve("pg_hba.conf"), """
                    # Written by Lethe: the embedded server accepts only password (SCRAM) connections over loopback.
                    host all all 127.0.0.1/32 scram-sha-256
                    host all all ::1/128 scram-sha-256
                    """, StandardCharsets.UTF_8);
            statement.execute("SELECT pg_reload_conf()");
            log.info("The embedded PostgreSQL now requires a password; it is in {} (owner-readable only)", file);
            return secret;
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("Cannot protect the embedded PostgreSQL with a password", e);
        }
    }

    /** The JDBC URL of {@code database}, which is created first if it does not exist. */
    String jdbcUrl(String database) {
        if (!DATABASE_NAME.matcher(database).matches()) {
            throw new IllegalArgumentException("Embedded database name must match " + DATABASE_NAME.pattern());
        }
        DataSource admin = running.postgres.getDatabase(USER, "postgres", Map.of("password", running.password));
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
        return "jdbc:postgresql://localhost:" + running.postgres.getPort() + "/" + database;
    }

    String username() {
        return USER;
    }

    String password() {
        return running.password;
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
        private final String password;
        private int users;

        private Running(EmbeddedPostgres postgres, String password) {
            this.postgres = postgres;
            this.password = password;
        }
    }
}
