package io.lethe.platform.health;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Whether one database answers, known without asking it on a request's time. The probe keeps one
 * connection of its own, outside every pool — so a pool busy with legitimate work never makes it
 * report the database down, and a database that is down is seen even while the pool's connections
 * still look idle — and checks it every probe interval ({@link DatabaseWatch}). A broken connection
 * is replaced at once; if no new one can be had within the connect timeout, the database is down.
 */
public final class DatabaseProbe implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DatabaseProbe.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    /** What the probe last saw: up or down, since when, and why (exception type and SQL state, never a message). */
    record State(boolean up, Instant since, String cause) {
    }

    private final String name;
    private final String url;
    private final Properties properties = new Properties();
    private final List<Runnable> downListeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> upListeners = new CopyOnWriteArrayList<>();
    private Connection connection;
    private volatile State state = new State(true, Instant.now(), null);

    private DatabaseProbe(String name, String url, String username, String password) {
        this.name = name;
        this.url = url;
        if (username != null) {
            properties.setProperty("user", username);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        // PostgreSQL's JDBC driver: give up on a connection attempt, a login or a read within about a second
        properties.setProperty("connectTimeout", String.valueOf(TIMEOUT.toSeconds()));
        properties.setProperty("loginTimeout", String.valueOf(TIMEOUT.toSeconds() + 1));
        properties.setProperty("socketTimeout", String.valueOf(TIMEOUT.toSeconds() + 1));
        properties.setProperty("ApplicationName", "lethe-probe");
        properties.setProperty("logServerErrorDetail", "false");
    }

    /** A probe of the database at {@code url} (PostgreSQL), named in health and problem details as {@code name}. */
    public static DatabaseProbe of(String name, String url, String username, String password) {
        return new DatabaseProbe(name, url, username, password);
    }

    public String name() {
        return name;
    }

    boolean up() {
        return state.up();
    }

    State state() {
        return state;
    }

    /** Runs when the database is found down (on the watch's thread). */
    void onDown(Runnable listener) {
        downListeners.add(listener);
    }

    /** Runs when the database answers again after it was found down (on the watch's thread). */
    void onUpAgain(Runnable listener) {
        upListeners.add(listener);
    }

    /** One probe; only the watch's thread calls it. */
    synchronized void probe() {
        try {
            if (connection == null || !connection.isValid((int) TIMEOUT.toSeconds())) {
                closeConnection();
                connection = DriverManager.getConnection(url, properties);
            }
            markUp();
        } catch (SQLException | RuntimeException failure) {
            closeConnection();
            markDown(failure);
        }
    }

    private void markUp() {
        State previous = state;
        if (!previous.up()) {
            state = new State(true, Instant.now(), null);
            log.info("The {} database answers again, after {} s unreachable", name,
                    Duration.between(previous.since(), state.since()).toSeconds());
            upListeners.forEach(Runnable::run);
        }
    }

    private void markDown(Exception failure) {
        String cause = failure.getClass().getSimpleName()
                + (failure instanceof SQLException sql && sql.getSQLState() != null ? " (SQL state " + sql.getSQLState() + ")" : "");
        if (state.up()) {
            state = new State(false, Instant.now(), cause);
            log.warn("The {} database is unreachable ({}): requests that need it are answered 503 until it answers again",
                    name, cause);
            downListeners.forEach(Runnable::run);
        }
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException alreadyBroken) {
                // a connection that broke is closed as far as it can be
            }
            connection = null;
        }
    }

    @Override
    public synchronized void close() {
        closeConnection();
    }
}
