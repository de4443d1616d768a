package io.lethe.core.breach;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;
import java.util.UUID;

/** Identifies the notice of one breach mailed to one person under one duty. */
public record BreachNoticeId(UUID value) {

    public BreachNoticeId {
        Objects.requireNonNull(value, "value");
    }

    @JsonCreator
    public static BreachNoticeId of(String value) {
        return new BreachNoticeId(UUID.fromString(value));
    }

    @JsonValue
    @Override
    public String toString() {
        return value.toString();
    }
}
