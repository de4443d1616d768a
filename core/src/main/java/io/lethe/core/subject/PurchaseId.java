package io.lethe.core.subject;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;
import java.util.UUID;

/** Identifies one recorded purchase of a data subject. */
public record PurchaseId(UUID value) {

    public PurchaseId {
        Objects.requireNonNull(value, "value");
    }

    public static PurchaseId random() {
        return new PurchaseId(UUID.randomUUID());
    }

    @JsonCreator
    public static PurchaseId of(String value) {
        return new PurchaseId(UUID.fromString(value));
    }

    @JsonValue
    @Override
    public String toString() {
        return value.toString();
    }
}
