package io.lethe.core.request;

import io.lethe.core.personaldata.DataSubjectId;
import io.lethe.core.personaldata.PersonalData;
import io.lethe.core.personaldata.RetentionClass;
import io.lethe.core.personaldata.SafeToString;
import io.lethe.core.subject.SubjectId;
import io.lethe.core.validation.Lengths;
import io.lethe.core.validation.NoCardNumber;
import io.lethe.core.validation.Patterns;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Privacy staff fulfil a correction, rectification or supplement request with the corrected
 * values (APPI Art. 34, CCPA 1798.106, GDPR Art. 16, PDPA Art. 11): the values change and the
 * request is fulfilled in one step. A field left null is unchanged; at least one is given.
 */
public record CorrectProfileCommand(
        @TargetAggregateIdentifier @DataSubjectId @NotNull SubjectId subjectId,
        @NotNull RequestId requestId,
        @PersonalData(RetentionClass.PROFILE) @Size(min = 1, max = Lengths.NAME) @NoCardNumber String name,
        @PersonalData(RetentionClass.PROFILE) @Size(max = Lengths.ADDRESS) @NoCardNumber String postalAddress,
        @PersonalData(RetentionClass.PROFILE) @Size(max = Lengths.EMAIL)
        @Email(regexp = Patterns.EMAIL, message = "must be a valid email address") String email,
        @Pattern(regexp = Patterns.REFERENCE, message = "must be a reference (letters, digits, ':', '.', '_', '-')")
        String responseReference) {

    @Override
    public String toString() {
        return SafeToString.of(this);
    }
}
