package io.lethe.core.subject;

import io.lethe.core.personaldata.DataSubjectId;
import jakarta.validation.constraints.NotNull;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Terminates an account. What happens to its data afterwards is decided by retention and jurisdiction. */
public record TerminateAccountCommand(
        @TargetAggregateIdentifier @DataSubjectId @NotNull SubjectId subjectId,
        @NotNull TerminationReason reason) {
}
