package io.lethe.query.audit;

import java.util.List;

/**
 * The export's last line, {@code {"exportEnd": {...}}}: where the export ended and whether it is
 * complete. Without it an export was cut off (the connection, the server); with {@code complete:
 * false} it could not be finished and says why.
 *
 * @param complete     every event after {@code after} up to {@code head} is in the export
 * @param after        the position the export began after
 * @param head         the history's last position when the export began; it goes no further
 * @param lastPosition the last position written
 * @param events       how many events were written
 * @param gaps         positions up to {@code head} with no event: numbers a transaction took and never
 *                     committed (the JDBC store; a second was waited for each)
 * @param error        the problem type when the export could not be finished
 * @param detail       what happened, without any event's content
 */
record ExportEnd(boolean complete, long after, long head, long lastPosition, long events, List<Long> gaps, String error,
                 String detail) {

    /** The line as written: one object with one member, so no history entry can be mistaken for it. */
    record Line(ExportEnd exportEnd) {
    }
}
