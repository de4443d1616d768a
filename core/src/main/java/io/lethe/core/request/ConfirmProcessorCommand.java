package io.lethe.core.request;

import io.lethe.core.personaldata.DataSubjectId;
import io.lethe.core.subject.SubjectId;
import jakarta.validation.constraints.NotNull;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import io.lethe.core.validation.Patterns;
import jakarta.validation.constraints.Pattern;

/**
 * A downstream processor confirms it did what the request directed it to: deleted the subject's
 * data (an erasure) or corrected it (a correction).
 */
public record ConfirmProcessorCommand(
        @TargetAggregateIdentifier @DataSubjectId @NotNull SubjectId subjectId,
        @NotNull RequestId requestId,
        @NotNull @Pattern(regexp = Patterns.PROCESSOR, message = "must be a registered processor's key") String processor,
        @Pattern(regexp = Patterns.REFERENCE, message = "must be a reference (letters, digits, ':', '.', '_', '-')")
        String reference) {
}
