package io.lethe.core.subject;

import io.lethe.core.personaldata.DataSubjectId;
import io.lethe.core.personaldata.RetentionClass;
import io.lethe.core.validation.Lengths;
import io.lethe.core.validation.Patterns;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Set;

/**
 * Destroys the data keys of the given retention classes of a subject, which erases every stored
 * copy of that data at once. {@code reference} names the request or process that decided it.
 */
public record ShredPersonalDataCommand(
        @TargetAggregateIdentifier @DataSubjectId @NotNull SubjectId subjectId,
        @NotEmpty Set<@NotNull RetentionClass> retentionClasses,
        @NotNull ShreddingReason reason,
        @NotNull @Size(max = Lengths.REFERENCE) @Pattern(regexp = Patterns.REFERENCE, message = "must be a request or process reference") String reference) {
}
