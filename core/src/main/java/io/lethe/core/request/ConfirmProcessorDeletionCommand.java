package io.lethe.core.request;

import io.lethe.core.personaldata.DataSubjectId;
import io.lethe.core.subject.SubjectId;
import jakarta.validation.constraints.NotNull;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import io.lethe.core.validation.Patterns;
import jakarta.validation.constraints.Pattern;

/** A downstream processor confirms it deleted the subject's data for the request. */
public record ConfirmProcessorDeletionCommand(
        @TargetAggregateIdentifier @DataSubjectId @NotNull SubjectId subjectId,
        @NotNull RequestId requestId,
        @NotNull @Pattern(regexp = Patterns.PROCESSOR, message = "must be a registered processor's key") String processor,
        @Pattern(regexp = Patterns.REFERENCE, message = "must be a reference (letters, digits, ':', '.', '_', '-')")
        String reference) {
}
