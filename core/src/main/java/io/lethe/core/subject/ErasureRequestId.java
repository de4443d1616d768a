package io.lethe.core.subject;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;
import java.util.UUID;

/** Identifies one erasure request of a data subject. */
public record ErasureRequestId(UUID value) {

    public ErasureRequestId {
        Objects.requireNonNull(value, "value");
    }

    public static ErasureRequestId random() {
        return new ErasureRequestId(UUID.randomUUID());
    }

    @JsonCreator
    public static ErasureRequestId of(String value) {
        return new ErasureRequestId(UUID.fromString(value));
    }

    @JsonValue
    @Override
    public String toString() {
        return value.toString();
    }
}
