package io.lethe.core.subject;

import io.lethe.core.personaldata.DataSubjectId;
import io.lethe.core.validation.Patterns;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The subject was found to be a child under 13 (policy §13: "if we learn we have collected personal
 * data from a child"). Without a parent's recorded consent the account is deactivated and all its
 * personal data shredded; with one, the finding is recorded and nothing else changes.
 */
public record ReportUnderageSubjectCommand(
        @TargetAggregateIdentifier @DataSubjectId @NotNull SubjectId subjectId,
        @NotNull @Pattern(regexp = Patterns.REFERENCE, message = "must be a reference (letters, digits, ':', '.', '_', '-')")
        String findingReference) {
}
