package io.lethe.core.breach;

import io.lethe.core.validation.Lengths;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Mails {@code letter} to each affected subject of the law an individuals' duty belongs to, at the
 * address the platform holds for them. The duty is met when every one of them was attempted and at
 * least one reached.
 */
public record MailAffectedPeopleCommand(
        @TargetAggregateIdentifier @NotNull BreachId breachId,
        @NotNull @Size(max = Lengths.REFERENCE) String dutyId,
        @NotNull @Valid BreachLetter letter) {
}
