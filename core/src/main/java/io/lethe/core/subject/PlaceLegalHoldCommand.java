package io.lethe.core.subject;

import io.lethe.core.personaldata.DataSubjectId;
import io.lethe.core.personaldata.RetentionClass;
import io.lethe.core.validation.Patterns;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Set;

/** Keeps the given classes of a subject's data, whatever deadline or erasure comes, until released. */
public record PlaceLegalHoldCommand(
        @TargetAggregateIdentifier @DataSubjectId @NotNull SubjectId subjectId,
        @NotNull @Pattern(regexp = Patterns.REFERENCE, message = "must be a hold reference") String holdId,
        @NotEmpty Set<@NotNull RetentionClass> retentionClasses,
        @NotNull @Pattern(regexp = Patterns.REFERENCE, message = "must be a case or order reference") String caseReference) {

    /**
     * The most legal holds one subject carries at once. Every list of the holds that kept something back
     * (a shredding's outcome, a deletion certificate, the deletion evidence) is bounded by it.
     */
    public static final int MAX_HOLDS_AT_ONCE = 32;
}
