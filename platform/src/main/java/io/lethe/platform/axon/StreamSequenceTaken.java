package io.lethe.platform.axon;

import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;

/**
 * Tells the JDBC event store when an event's (aggregate, sequence) is taken — PostgreSQL's unique
 * violation (SQLSTATE 23505) of the event table's sequence constraint, also inside a batch's exception
 * — and nothing else. Axon's default looks for {@code SQLIntegrityConstraintViolationException}, which
 * the PostgreSQL driver never throws: a taken sequence read as a failure of the store (500) instead of
 * a concurrent change (409), and a registration of a subject that exists could not be told from a
 * broken database. Another unique key of the table (the global index, an event's id) is not a taken
 * sequence and stays a failure of the store.
 */
final class StreamSequenceTaken implements PersistenceExceptionResolver {

    private static final String UNIQUE_VIOLATION = "23505";

    private final String constraint;

    StreamSequenceTaken(String constraint) {
        this.constraint = constraint;
    }

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        Set<Throwable> seen = new HashSet<>();
        for (Throwable cause = exception; cause != null && seen.add(cause); ) {
            if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState()) && names(sql)) {
                return true;
            }
            cause = cause instanceof SQLException sql && sql.getNextException() != null ? sql.getNextException() : cause.getCause();
        }
        return false;
    }

    /** Whether the violation names the sequence's constraint; one the driver did not name is taken as it. */
    private boolean names(SQLException violation) {
        if (violation instanceof PSQLException psql) {
            ServerErrorMessage server = psql.getServerErrorMessage();
            return server == null || server.getConstraint() == null || constraint.equals(server.getConstraint());
        }
        // a batch's own exception carries the state; the server's message, with the constraint, comes next
        return violation.getNextException() == null;
    }
}
