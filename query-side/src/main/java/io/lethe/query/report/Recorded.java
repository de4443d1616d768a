package io.lethe.query.report;

import io.lethe.core.subject.OccurredAt;
import org.axonframework.eventhandling.DomainEventMessage;

import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One event of a subject's stream: when it was recorded, and what. The payload is read (and its
 * personal fields opened) only when asked for, so a fold can pass over events it does not need —
 * a year of activity, say — by their type and metadata alone.
 */
final class Recorded {

    private final Instant at;
    private Instant occurredAt;
    private final Class<?> type;
    private final Supplier<? extends Map<String, ?>> metaData;
    private Supplier<Object> source;
    private Object payload;

    /** An event already read. */
    Recorded(Instant at, Object payload) {
        this(at, payload.getClass(), Map::of, () -> payload);
    }

    private Recorded(Instant at, Class<?> type, Supplier<? extends Map<String, ?>> metaData, Supplier<Object> source) {
        this.at = at;
        this.type = type;
        this.metaData = metaData;
        this.source = source;
    }

    /** An event of the store, its payload and metadata read on first use. */
    static Recorded of(DomainEventMessage<?> message) {
        return new Recorded(message.getTimestamp(), message.getPayloadType(), message::getMetaData, message::getPayload);
    }

    /** When it was recorded: what a report as of a moment goes by. */
    Instant at() {
        return at;
    }

    /**
     * When it happened: for a record adopted by an import, its original day ({@link OccurredAt}), else
     * when it was recorded. What a lookback counts by, and what a piece is dated.
     */
    Instant occurredAt() {
        if (occurredAt == null) {
            occurredAt = OccurredAt.of(metaData(OccurredAt.KEY), at);
        }
        return occurredAt;
    }

    /** The payload's type, known without reading the payload. */
    Class<?> type() {
        return type;
    }

    Object metaData(String key) {
        return metaData.get().get(key);
    }

    Object payload() {
        if (source != null) {
            payload = source.get();
            source = null;
        }
        return payload;
    }
}
