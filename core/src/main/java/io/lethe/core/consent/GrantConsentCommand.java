package io.lethe.core.consent;

import io.lethe.core.personaldata.DataSubjectId;
import io.lethe.core.subject.SubjectId;
import jakarta.validation.constraints.NotNull;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import io.lethe.core.subject.Requester;
import io.lethe.core.validation.Patterns;
import jakarta.validation.constraints.Pattern;

/** Records a consent, who gave it (the subject, or a parent for a child), and where its evidence is kept. */
public record GrantConsentCommand(
        @TargetAggregateIdentifier @DataSubjectId @NotNull SubjectId subjectId,
        @NotNull ConsentType type,
        @NotNull Requester grantedBy,
        @Pattern(regexp = Patterns.REFERENCE, message = "must be a reference (letters, digits, ':', '.', '_', '-')")
        String evidenceReference) {
}
