package io.lethe.core.request;

import io.lethe.core.personaldata.DataSubjectId;
import io.lethe.core.subject.SubjectId;
import jakarta.validation.constraints.NotNull;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Sent by the processor process when a processor has not confirmed a deletion or correction by its time. */
public record EscalateProcessorCommand(
        @TargetAggregateIdentifier @DataSubjectId @NotNull SubjectId subjectId,
        @NotNull RequestId requestId,
        @NotNull String processor) {
}
