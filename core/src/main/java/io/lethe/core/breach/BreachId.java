package io.lethe.core.breach;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;
import java.util.UUID;

/** Identifies one breach. */
public record BreachId(UUID value) {

    public BreachId {
        Objects.requireNonNull(value, "value");
    }

    public static BreachId random() {
        return new BreachId(UUID.randomUUID());
    }

    @JsonCreator
    public static BreachId of(String value) {
        return new BreachId(UUID.fromString(value));
    }

    @JsonValue
    @Override
    public String toString() {
        return value.toString();
    }
}
