package io.lethe.platform.health;

import com.zaxxer.hikari.HikariDataSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The platform's connection pool, which gives up at once while its database is known to be down.
 *
 * <p>Hikari lets a caller wait for a connection for the whole connection timeout, and a pool whose
 * database has gone cannot make one: every request that found the pool busy when the database
 * stopped hung for 30 s (measured, ADR 0014). Shortening the timeout would refuse legitimate
 * requests under load too. Instead, while the probe says the database is down no one starts to wait,
 * and whoever is already waiting is released (interrupted, which Hikari answers with an exception)
 * the moment the probe finds it down. The interrupt is delivered only while the caller is inside the
 * pool, and the caller clears it again, so no thread leaves with a stray interrupt.
 *
 * <p>A Hikari pool itself, configured by {@code spring.datasource.hikari.*} like any other: whoever
 * treats the platform's data source as a {@link HikariDataSource} still can. Until a probe guards it
 * ({@link HealthConfiguration}) it is a plain pool.
 */
public class FailFastHikariDataSource extends HikariDataSource {

    private final Set<Waiter> waiters = ConcurrentHashMap.newKeySet();
    private volatile DatabaseProbe probe;

    /** Configured through its setters, as Spring Boot's data source builder does. */
    public FailFastHikariDataSource() {
        super();
    }

    /** From now on the pool gives up while {@code probe} finds its database down. */
    public void guardBy(DatabaseProbe probe) {
        this.probe = probe;
        probe.onDown(this::releaseWaiters);
    }

    @Override
    public Connection getConnection() throws SQLException {
        return await(super::getConnection);
    }

    private interface Borrow {
        Connection borrow() throws SQLException;
    }

    private Connection await(Borrow borrow) throws SQLException {
        DatabaseProbe probe = this.probe;
        if (probe == null) {
            return borrow.borrow();
        }
        if (!probe.up()) {
            throw new DatabaseUnavailableException(probe.name());
        }
        Waiter waiter = new Waiter(Thread.currentThread());
        waiters.add(waiter);
        try {
            return borrow.borrow();
        } catch (SQLException failure) {
            if (waiter.released() || !probe.up()) {
                DatabaseUnavailableException unavailable = new DatabaseUnavailableException(probe.name());
                unavailable.initCause(failure);
                throw unavailable;
            }
            throw failure;
        } finally {
            waiter.leave();
            waiters.remove(waiter);
        }
    }

    private void releaseWaiters() {
        waiters.forEach(Waiter::release);
    }

    /** A caller inside the pool; the interrupt reaches it only while it is there. */
    private static final class Waiter {
        private final Thread thread;
        private boolean inside = true;
        private boolean released;

        Waiter(Thread thread) {
            this.thread = thread;
        }

        synchronized void release() {
            if (inside) {
                released = true;
                thread.interrupt();
            }
        }

        synchronized boolean released() {
            return released;
        }

        /** Called by the waiting thread itself once it is out of the pool. */
        synchronized void leave() {
            inside = false;
            if (released) {
                // ours, not the caller's: Hikari re-asserts the interrupt it was woken by
                Thread.interrupted();
            }
        }
    }
}
