package io.lethe.core.subject;

import io.lethe.core.jurisdiction.Jurisdiction;
import io.lethe.core.personaldata.DataSubjectId;
import io.lethe.core.personaldata.PersonalData;
import io.lethe.core.personaldata.Redaction;
import io.lethe.core.personaldata.RetentionClass;
import io.lethe.core.personaldata.SafeToString;
import io.lethe.core.refusal.BeginsItsStream;
import io.lethe.core.refusal.RefusedException;
import io.lethe.core.validation.BirthDate;
import io.lethe.core.validation.Lengths;
import io.lethe.core.validation.NoCardNumber;
import io.lethe.core.validation.Patterns;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

/**
 * Registers a new account with the data the subject provides at sign-up (policy §17 "Account
 * Information"). A child needs {@code parentalConsentReference}, where the parent's verifiable
 * consent is kept; without it the registration is refused and nothing is stored. Who is a child
 * depends on the law ({@link ChildRules}): under 13 (policy §13), under 13–16 in the EU by the
 * {@code memberState} of residence (GDPR Art. 8; 16 where it is not given).
 */
public record RegisterAccountCommand(
        @TargetAggregateIdentifier @DataSubjectId @NotNull SubjectId subjectId,
        @NotNull Jurisdiction jurisdiction,
        @PersonalData(RetentionClass.PROFILE) @NotBlank @Size(max = Lengths.NAME) @NoCardNumber String name,
        @PersonalData(value = RetentionClass.PROFILE, redaction = Redaction.NULL) @NotNull @BirthDate LocalDate dateOfBirth,
        @PersonalData(RetentionClass.PROFILE) @Size(max = Lengths.ADDRESS) @NoCardNumber String postalAddress,
        @PersonalData(RetentionClass.PROFILE) @NotBlank @Size(max = Lengths.EMAIL)
        @Email(regexp = Patterns.EMAIL, message = "must be a valid email address") String email,
        @PersonalData(RetentionClass.COMMUNICATIONS) @Size(max = Lengths.LINK) @NoCardNumber String profilePictureRef,
        @PersonalData(RetentionClass.FINANCIAL)
        @Pattern(regexp = Patterns.BANK_ACCOUNT, message = "must be an IBAN or a bank account number") String bankAccountNumber,
        @Pattern(regexp = Patterns.REFERENCE, message = "must be a reference (letters, digits, ':', '.', '_', '-')")
        String parentalConsentReference,
        @PersonalData(value = RetentionClass.PROFILE, redaction = Redaction.NULL)
        @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 alpha-2 code of an EU or EEA state")
        String memberState) implements BeginsItsStream {

    /** An account of someone old enough to need no parent's consent. */
    public RegisterAccountCommand(SubjectId subjectId, Jurisdiction jurisdiction, String name, LocalDate dateOfBirth,
                                  String postalAddress, String email, String profilePictureRef, String bankAccountNumber) {
        this(subjectId, jurisdiction, name, dateOfBirth, postalAddress, email, profilePictureRef, bankAccountNumber, null);
    }

    /** An account outside the EU, or of an EU resident whose member state is not given (the GDPR's default age applies). */
    public RegisterAccountCommand(SubjectId subjectId, Jurisdiction jurisdiction, String name, LocalDate dateOfBirth,
                                  String postalAddress, String email, String profilePictureRef, String bankAccountNumber,
                                  String parentalConsentReference) {
        this(subjectId, jurisdiction, name, dateOfBirth, postalAddress, email, profilePictureRef, bankAccountNumber,
                parentalConsentReference, null);
    }

    @Override
    public String toString() {
        return SafeToString.of(this);
    }

    /** A registration is never a second one: the subject's stream begins with it. */
    @Override
    public RefusedException whenTheStreamExists() {
        return SubjectRefusals.alreadyRegistered();
    }
}
