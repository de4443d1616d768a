package io.lethe.core.subject;

import io.lethe.core.personaldata.DataSubjectId;
import io.lethe.core.personaldata.PersonalData;
import io.lethe.core.personaldata.RetentionClass;
import io.lethe.core.personaldata.SafeToString;
import io.lethe.core.validation.Lengths;
import io.lethe.core.validation.NoCardNumber;
import io.lethe.core.validation.Patterns;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Links a third-party login to the account, with what that service shares: its ID, username,
 * registered email and profile photo (policy §17 "Login features").
 */
public record LinkSocialLoginCommand(
        @TargetAggregateIdentifier @DataSubjectId @NotNull SubjectId subjectId,
        @NotNull @Pattern(regexp = Patterns.PROVIDER, message = "must be a lower-case provider key such as google or line") String provider,
        @PersonalData(RetentionClass.PROFILE) @NotBlank @Size(max = Lengths.LOGIN_ID) @NoCardNumber String externalId,
        @PersonalData(RetentionClass.PROFILE) @Size(max = Lengths.LOGIN_ID) @NoCardNumber String username,
        @PersonalData(RetentionClass.PROFILE) @Size(max = Lengths.EMAIL)
        @Email(regexp = Patterns.EMAIL, message = "must be a valid email address") String email,
        @PersonalData(RetentionClass.COMMUNICATIONS) @Size(max = Lengths.LINK) @NoCardNumber String profilePhotoRef) {

    /** The most login providers one account links (one login each). */
    public static final int MAX_LINKED = 16;

    @Override
    public String toString() {
        return SafeToString.of(this);
    }
}
