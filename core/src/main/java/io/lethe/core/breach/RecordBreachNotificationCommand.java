package io.lethe.core.breach;

import io.lethe.core.validation.Patterns;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** A notification owed under one duty was sent. */
public record RecordBreachNotificationCommand(
        @TargetAggregateIdentifier @NotNull BreachId breachId,
        @NotNull String dutyId,
        @NotNull Instant sentAt,
        @Pattern(regexp = Patterns.REFERENCE, message = "must be a reference (letters, digits, ':', '.', '_', '-')") String reference) {
}
