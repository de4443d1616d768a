package io.lethe.core.subject;

import io.lethe.core.personaldata.DataSubjectId;
import io.lethe.core.personaldata.RetentionClass;
import io.lethe.core.validation.Patterns;
import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;
import java.util.Set;

/**
 * Records why some classes of a terminated Taiwan account's data are kept (policy §18): the ground,
 * the document that justifies it, and when the exception must be reviewed.
 */
public record RecordRetentionExceptionCommand(
        @TargetAggregateIdentifier @DataSubjectId @NotNull SubjectId subjectId,
        @NotEmpty Set<@NotNull RetentionClass> retentionClasses,
        @NotNull RetentionExceptionGround ground,
        @NotNull @Pattern(regexp = Patterns.REFERENCE, message = "must be a document reference") String justificationReference,
        @NotNull @Future LocalDate reviewBy) {

    /** Taiwan (PDPA §18): only a terminated Taiwan account's data can be kept on a recorded ground. */
    public static boolean appliesTo(io.lethe.core.jurisdiction.Jurisdiction jurisdiction, SubjectStatus status) {
        return jurisdiction == io.lethe.core.jurisdiction.Jurisdiction.TW && status == SubjectStatus.TERMINATED;
    }
}
