package io.lethe.core.crypto;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.lethe.core.personaldata.Redaction;

import java.util.Objects;

/**
 * One personal-data value at rest outside the event store — in a read model, or in a query's answer
 * on its way to the edge that discloses it — sealed under its subject's data key for one retention
 * class. It holds a {@link FieldCipher} envelope and nothing readable: the value is opened only where
 * a read of personal data is recorded, and once the key is shredded by nobody at all, wherever a copy
 * of the envelope lies (old row versions, the WAL, backups).
 *
 * <p>A value sealed after its class was shredded is stored as {@link #ERASED}, the redaction marker,
 * which is not personal data.
 */
public record Sealed(String envelope) {

    /** What a value of an already shredded class is kept as. */
    public static final Sealed ERASED = new Sealed(Redaction.ERASED);

    public Sealed {
        Objects.requireNonNull(envelope, "envelope");
    }

    @JsonCreator
    public static Sealed of(String envelope) {
        return envelope == null ? null : new Sealed(envelope);
    }

    @JsonValue
    @Override
    public String envelope() {
        return envelope;
    }

    /** Whether this is the redaction marker rather than a ciphertext. */
    public boolean erased() {
        return Redaction.ERASED.equals(envelope);
    }

    @Override
    public String toString() {
        return erased() ? "Sealed[erased]"
                : FieldCipher.envelope(envelope).map(e -> "Sealed[" + e.retentionClass() + "]").orElse("Sealed[?]");
    }
}
