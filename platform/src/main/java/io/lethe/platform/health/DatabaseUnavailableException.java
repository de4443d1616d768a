package io.lethe.platform.health;

import java.sql.SQLTransientConnectionException;

/**
 * A database the platform needs is known to be unreachable, so the work that needs it was not started
 * (or gave up waiting for a connection). A {@link SQLTransientConnectionException}: whoever maps
 * connection failures maps this one too, and it may pass once the database is back.
 */
public final class DatabaseUnavailableException extends SQLTransientConnectionException {

    private final String database;

    DatabaseUnavailableException(String database) {
        super("The " + database + " database is unavailable", "08001");
        this.database = database;
    }

    /** Which database: {@code platform} or {@code key-vault}. */
    public String database() {
        return database;
    }
}
