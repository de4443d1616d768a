package io.lethe.core.request;

import io.lethe.core.personaldata.DataSubjectId;
import io.lethe.core.subject.SubjectId;
import jakarta.validation.constraints.NotNull;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import io.lethe.core.validation.Patterns;
import jakarta.validation.constraints.Pattern;

import java.time.LocalDate;

/**
 * Extends the request's deadline once, by the period its law allows. The notice with the reason
 * must have gone to the subject within the original period; {@code noticeSentOn} says when.
 */
public record ExtendRequestDeadlineCommand(
        @TargetAggregateIdentifier @DataSubjectId @NotNull SubjectId subjectId,
        @NotNull RequestId requestId,
        @NotNull ExtensionReason reason,
        @NotNull LocalDate noticeSentOn,
        @Pattern(regexp = Patterns.REFERENCE, message = "must be a reference (letters, digits, ':', '.', '_', '-')")
        String noticeReference) {
}
