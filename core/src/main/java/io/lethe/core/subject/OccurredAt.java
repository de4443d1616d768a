package io.lethe.core.subject;

import java.time.Instant;
import java.util.Map;

/**
 * When something recorded late actually happened: an account adopted from the system Lethe replaces
 * was registered, bought, consented or linked a login years before its import. The subject applies each
 * such event with this metadata, {@value #KEY} (an ISO-8601 instant); the event's own timestamp stays
 * the moment Lethe learned of it. Reports date a piece by it (an access report's 12-month lookback counts
 * what was collected then, not when it was imported); what Lethe held as of a moment still goes by the
 * timestamp.
 */
public final class OccurredAt {

    /** The metadata key. */
    public static final String KEY = "occurredAt";

    private OccurredAt() {
    }

    /** The metadata that dates an event at {@code at}. */
    public static Map<String, String> metaData(Instant at) {
        return Map.of(KEY, at.toString());
    }

    /** When it happened: the metadata's instant where there is one, else {@code recordedAt}. */
    public static Instant of(Object metaDataValue, Instant recordedAt) {
        if (metaDataValue instanceof String text) {
            try {
                return Instant.parse(text);
            } catch (java.time.format.DateTimeParseException e) {
                return recordedAt;
            }
        }
        return recordedAt;
    }
}
