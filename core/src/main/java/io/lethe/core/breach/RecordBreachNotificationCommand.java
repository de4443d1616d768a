package io.lethe.core.breach;

import io.lethe.core.validation.Lengths;
import io.lethe.core.validation.Patterns;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** A notification owed under one duty was sent. */
public record RecordBreachNotificationCommand(
        @TargetAggregateIdentifier @NotNull BreachId breachId,
        @NotNull @Size(max = Lengths.REFERENCE) String dutyId,
        @NotNull Instant sentAt,
        @Pattern(regexp = Patterns.REFERENCE, message = "must be a reference (letters, digits, ':', '.', '_', '-')") String reference) {
}
