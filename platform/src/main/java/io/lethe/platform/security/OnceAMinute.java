package io.lethe.platform.security;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A gate for a log line about an outage that would otherwise be written once a request: it opens at
 * most once a minute, for one caller among any number at the same moment.
 */
final class OnceAMinute {

    private static final Duration EVERY = Duration.ofMinutes(1);

    private static final long NEVER = Long.MIN_VALUE;

    private final AtomicLong last = new AtomicLong(NEVER);
    private final Clock clock;

    OnceAMinute(Clock clock) {
        this.clock = clock;
    }

    /** Whether this caller says it now: the first ever, and then the first a minute or more after the last. */
    boolean due() {
        long now = clock.millis();
        long before = last.get();
        return (before == NEVER || now - before >= EVERY.toMillis()) && last.compareAndSet(before, now);
    }

    /** The innermost cause's type, the only part of a failure these lines name: a message may repeat a token or an address. */
    static String rootType(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName();
    }
}
