package io.lethe.core.subject;

import io.lethe.core.personaldata.DataSubjectId;
import jakarta.validation.constraints.NotNull;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Records that the subject (or someone on their behalf) asked for their personal data to be erased. */
public record RequestErasureCommand(
        @TargetAggregateIdentifier @DataSubjectId @NotNull SubjectId subjectId,
        @NotNull ErasureRequestId requestId,
        @NotNull Requester requestedBy) {
}
