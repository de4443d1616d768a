package io.lethe.platform.health;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Probes every database this node needs, each on the same thread of its own, every interval: a
 * thread of its own because the application's scheduler runs jobs that need the database and would
 * then wait for it like everyone else.
 */
final class DatabaseWatch implements AutoCloseable {

    private final List<DatabaseProbe> probes;
    private final ScheduledExecutorService thread;

    DatabaseWatch(List<DatabaseProbe> probes, Duration interval) {
        this.probes = List.copyOf(probes);
        this.thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread probing = new Thread(runnable, "lethe-database-probe");
            probing.setDaemon(true);
            return probing;
        });
        thread.scheduleWithFixedDelay(() -> this.probes.forEach(DatabaseProbe::probe), 0, interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Runs {@code check} on the watch's thread at the probes' interval, after them. */
    void alsoRun(Runnable check, Duration interval) {
        thread.scheduleWithFixedDelay(check, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    List<DatabaseProbe> probes() {
        return probes;
    }

    /** The first database known to be down, if one is. */
    Optional<DatabaseProbe> down() {
        return probes.stream().filter(probe -> !probe.up()).findFirst();
    }

    @Override
    public void close() {
        thread.shutdownNow();
        probes.forEach(DatabaseProbe::close);
    }
}
