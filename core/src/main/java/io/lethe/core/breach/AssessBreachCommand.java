package io.lethe.core.breach;

import io.lethe.core.validation.Patterns;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Records the risk assessment; a high risk adds the individuals' duties, an unlikely one lifts the authority's. */
public record AssessBreachCommand(
        @TargetAggregateIdentifier @NotNull BreachId breachId,
        @NotNull BreachRisk risk,
        @Pattern(regexp = Patterns.REFERENCE, message = "must be a reference (letters, digits, ':', '.', '_', '-')") String assessmentReference) {
}
