package io.lethe.query.report;

import java.time.Instant;

/** One event of a subject's stream: when it was recorded, and what. */
record Recorded(Instant at, Object payload) {
}
