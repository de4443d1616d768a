package io.lethe.core.subject;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;
import java.util.UUID;

/** A data subject's pseudonymous identifier. Its string form is the aggregate identifier. */
public record SubjectId(UUID value) {

    public SubjectId {
        Objects.requireNonNull(value, "value");
    }

    public static SubjectId random() {
        return new SubjectId(UUID.randomUUID());
    }

    @JsonCreator
    public static SubjectId of(String value) {
        return new SubjectId(UUID.fromString(value));
    }

    @JsonValue
    @Override
    public String toString() {
        return value.toString();
    }
}
