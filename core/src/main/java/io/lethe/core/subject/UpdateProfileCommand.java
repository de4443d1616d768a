package io.lethe.core.subject;

import io.lethe.core.personaldata.DataSubjectId;
import io.lethe.core.personaldata.PersonalData;
import io.lethe.core.personaldata.RetentionClass;
import io.lethe.core.personaldata.SafeToString;
import io.lethe.core.validation.Lengths;
import io.lethe.core.validation.NoCardNumber;
import io.lethe.core.validation.Patterns;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A product service records new profile values the subject gave (a new e-mail, a new address).
 * A field left null is unchanged; at least one is given.
 */
public record UpdateProfileCommand(
        @TargetAggregateIdentifier @DataSubjectId @NotNull SubjectId subjectId,
        @PersonalData(RetentionClass.PROFILE) @Size(min = 1, max = Lengths.NAME) @NoCardNumber String name,
        @PersonalData(RetentionClass.PROFILE) @Size(max = Lengths.ADDRESS) @NoCardNumber String postalAddress,
        @PersonalData(RetentionClass.PROFILE) @Size(max = Lengths.EMAIL)
        @Email(regexp = Patterns.EMAIL, message = "must be a valid email address") String email) {

    @Override
    public String toString() {
        return SafeToString.of(this);
    }
}
