package io.lethe.core.breach;

import io.lethe.core.validation.Patterns;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Closes the breach once every duty is met or lifted. */
public record CloseBreachCommand(
        @TargetAggregateIdentifier @NotNull BreachId breachId,
        @Pattern(regexp = Patterns.REFERENCE, message = "must be a reference (letters, digits, ':', '.', '_', '-')") String reference) {
}
