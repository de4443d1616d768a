package io.lethe.core.request;

import io.lethe.core.personaldata.DataSubjectId;
import io.lethe.core.subject.SubjectId;
import jakarta.validation.constraints.NotNull;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import io.lethe.core.validation.Patterns;
import jakarta.validation.constraints.Pattern;

/**
 * The request was answered or carried out; {@code responseReference} points at the response sent.
 * Erasure-kind requests are not fulfilled by hand: the erasure process fulfils them with a certificate.
 */
public record FulfilRequestCommand(
        @TargetAggregateIdentifier @DataSubjectId @NotNull SubjectId subjectId,
        @NotNull RequestId requestId,
        @Pattern(regexp = Patterns.REFERENCE, message = "must be a reference (letters, digits, ':', '.', '_', '-')")
        String responseReference) {
}
