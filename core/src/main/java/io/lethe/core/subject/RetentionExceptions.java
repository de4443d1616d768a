package io.lethe.core.subject;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** When a Taiwan retention exception (PDPA §18) stops keeping its classes: at the start of its review day, UTC. */
public final class RetentionExceptions {

    private RetentionExceptions() {
    }

    /** The instant an exception reviewed on {@code reviewBy} lapses, unless a later one was recorded. */
    public static Instant lapsesAt(LocalDate reviewBy) {
        return reviewBy.atStartOfDay().toInstant(ZoneOffset.UTC);
    }
}
