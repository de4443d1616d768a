package io.lethe.core.breach;

import io.lethe.core.validation.Patterns;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** The facts of the breach were clarified (Taiwan PDPA Art. 12: the subjects' notice runs from here). */
public record RecordBreachClarifiedCommand(
        @TargetAggregateIdentifier @NotNull BreachId breachId,
        @NotNull Instant clarifiedAt) {
}
