package io.lethe.core.consent;

import io.lethe.core.personaldata.DataSubjectId;
import io.lethe.core.personaldata.PersonalData;
import io.lethe.core.personaldata.RetentionClass;
import io.lethe.core.personaldata.SafeToString;
import io.lethe.core.subject.SubjectId;
import io.lethe.core.validation.Lengths;
import io.lethe.core.validation.NoCardNumber;
import io.lethe.core.validation.Patterns;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Acquires a piece of sensitive personal information. Refused unless the subject's prior consent is
 * recorded or one of the policy's exceptions is named (policy §5).
 */
public record RecordSensitiveInformationCommand(
        @TargetAggregateIdentifier @DataSubjectId @NotNull SubjectId subjectId,
        @NotNull @Pattern(regexp = Patterns.REFERENCE, message = "must be a reference (letters, digits, ':', '.', '_', '-')")
        String itemId,
        @NotNull SensitiveCategory category,
        @PersonalData(RetentionClass.PROFILE) @NotBlank @Size(max = Lengths.SENSITIVE_CONTENT) @NoCardNumber String content,
        SensitiveDataException exception) {

    @Override
    public String toString() {
        return SafeToString.of(this);
    }
}
