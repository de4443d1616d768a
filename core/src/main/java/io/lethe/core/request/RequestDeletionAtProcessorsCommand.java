package io.lethe.core.request;

import io.lethe.core.personaldata.DataSubjectId;
import io.lethe.core.subject.SubjectId;
import jakarta.validation.constraints.NotNull;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import jakarta.validation.constraints.NotEmpty;

import java.time.Instant;
import java.util.Map;

/** Sent by the erasure process: each processor is asked to delete, and must confirm by its time. */
public record RequestDeletionAtProcessorsCommand(
        @TargetAggregateIdentifier @DataSubjectId @NotNull SubjectId subjectId,
        @NotNull RequestId requestId,
        @NotEmpty Map<String, Instant> confirmBy) {
}
