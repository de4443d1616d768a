package io.lethe.core.breach;

import io.lethe.core.validation.Patterns;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Sent by the notification saga when a duty's deadline passed unsent. */
public record EscalateBreachDutyCommand(
        @TargetAggregateIdentifier @NotNull BreachId breachId,
        @NotNull String dutyId) {
}
