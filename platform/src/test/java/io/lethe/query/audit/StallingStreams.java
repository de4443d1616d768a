package io.lethe.query.audit;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The real event store, whose streams stall: after a given number of events a stream has nothing
 * available for a while, then goes on — what a stream from Axon Server does during a pause (a GC, a
 * leader change, a busy disk), and what the embedded store's shared stream does while its reader waits
 * for the database. Everything else is the store itself.
 */
final class StallingStreams {

    private volatile int stallAfter = Integer.MAX_VALUE;
    private volatile Duration stallFor = Duration.ZERO;

    /** Every stream opened from now on stalls once, after {@code events} events, for {@code duration}. */
    void stallAfter(int events, Duration duration) {
        this.stallFor = duration;
        this.stallAfter = events;
    }

    void never() {
        stallAfter = Integer.MAX_VALUE;
    }

    EventStore wrap(EventStore store) {
        return (EventStore) Proxy.newProxyInstance(EventStore.class.getClassLoader(), new Class<?>[]{EventStore.class},
                (proxy, method, arguments) -> {
                    try {
                        Object result = method.invoke(store, arguments);
                        return "openStream".equals(method.getName()) ? new Stalling(castStream(result)) : result;
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @SuppressWarnings("unchecked")
    private static BlockingStream<TrackedEventMessage<?>> castStream(Object stream) {
        return (BlockingStream<TrackedEventMessage<?>>) stream;
    }

    private final class Stalling implements BlockingStream<TrackedEventMessage<?>> {
        private final BlockingStream<TrackedEventMessage<?>> delegate;
        private final int after = stallAfter;
        private final Duration duration = stallFor;
        private int delivered;
        private Instant stalledUntil;

        Stalling(BlockingStream<TrackedEventMessage<?>> delegate) {
            this.delegate = delegate;
        }

        private boolean stalled() {
            if (stalledUntil == null && delivered >= after) {
                stalledUntil = Instant.now().plus(duration);
            }
            return stalledUntil != null && Instant.now().isBefore(stalledUntil);
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return stalled() ? Optional.empty() : delegate.peek();
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            long waitMillis = unit.toMillis(timeout);
            if (stalled()) {
                long remaining = Duration.between(Instant.now(), stalledUntil).toMillis() + 1;
                Thread.sleep(Math.min(waitMillis, Math.max(0, remaining)));
                if (stalled()) {
                    return false;
                }
                waitMillis = Math.max(0, waitMillis - remaining);
            }
            return delegate.hasNextAvailable((int) waitMillis, TimeUnit.MILLISECONDS);
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            while (stalled()) {
                Thread.sleep(10);
            }
            TrackedEventMessage<?> next = delegate.nextAvailable();
            delivered++;
            return next;
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
