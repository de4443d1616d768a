package io.lethe.query.audit;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import java.net.URI;
import java.time.Duration;

/**
 * The event stream gave nothing for longer than the stall timeout before the read reached the head it
 * was bounded by, or a position below that head stayed open as long (a transaction that was running when
 * the read began had neither committed nor ended): the history could not be read to its end now. Before an answer's first byte it is a
 * 503 problem detail ({@code history-stalled}, with {@code Retry-After}); in the middle of an export it
 * becomes the export's closing line. It says how far the read got; it names no event's content.
 */
final class HistoryStalledException extends ErrorResponseException {

    static final String TYPE = "urn:problem-type:lethe:history-stalled";

    private final long lastPosition;

    HistoryStalledException(long after, long head, long lastPosition, Duration stallTimeout) {
        this(after, head, lastPosition, "The event stream gave nothing for " + stallTimeout.toSeconds() + " s before position " + head);
    }

    /** A position below the head stayed open: its writer, running when the read began, had not ended. */
    static HistoryStalledException openPosition(long after, long head, long lastPosition, Duration stallTimeout) {
        return new HistoryStalledException(after, head, lastPosition, "A position below " + head
                + " was still being written " + stallTimeout.toSeconds() + " s after this read began");
    }

    private HistoryStalledException(long after, long head, long lastPosition, String what) {
        super(HttpStatus.SERVICE_UNAVAILABLE, problem(after, head, lastPosition, what), null);
        this.lastPosition = lastPosition;
        getHeaders().set(HttpHeaders.RETRY_AFTER, "10");
    }

    long lastPosition() {
        return lastPosition;
    }

    private static ProblemDetail problem(long after, long head, long lastPosition, String what) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                what + ", the end of the history when this read began. Nothing was left out silently: retry, "
                        + "or continue after the last position read.");
        problem.setType(URI.create(TYPE));
        problem.setProperty("after", after);
        problem.setProperty("head", head);
        problem.setProperty("lastPosition", lastPosition);
        return problem;
    }
}
