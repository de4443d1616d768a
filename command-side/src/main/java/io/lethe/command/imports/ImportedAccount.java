package io.lethe.command.imports;

import io.lethe.core.consent.ConsentType;
import io.lethe.core.jurisdiction.Jurisdiction;
import io.lethe.core.personaldata.PersonalData;
import io.lethe.core.personaldata.Redaction;
import io.lethe.core.personaldata.RetentionClass;
import io.lethe.core.personaldata.SafeToString;
import io.lethe.core.subject.CardHint;
import io.lethe.core.subject.Money;
import io.lethe.core.subject.Requester;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * One line of an import: an account that exists in the system Lethe replaces, with what it holds of
 * it and when each part of it came to be. The fields are those of the API's own commands (register,
 * link a social login, record a purchase, grant a consent), checked by the same rules.
 *
 * @param accountRef   the account's id in the system it comes from; with no {@code subjectId}, the
 *                     subject's id is derived from it, so the same line imported again finds the same subject
 * @param registeredOn when the account was registered there (in the jurisdiction's zone)
 */
@Schema(description = "One account of an import, as one line of NDJSON.")
public record ImportedAccount(
        @Schema(description = "The subject's id; derived from `accountRef` when absent (see the operation).")
        UUID subjectId,
        @Schema(description = "The account's id in the system it comes from (letters, digits, ':', '.', '_', '-').",
                example = "crm:104233", maxLength = 100)
        String accountRef,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Jurisdiction jurisdiction,
        @Schema(description = "When the account was registered, in the jurisdiction's zone; not in the future.",
                requiredMode = Schema.RequiredMode.REQUIRED) LocalDate registeredOn,
        @PersonalData(RetentionClass.PROFILE) @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 200) String name,
        @PersonalData(value = RetentionClass.PROFILE, redaction = Redaction.NULL)
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) LocalDate dateOfBirth,
        @PersonalData(RetentionClass.PROFILE) @Schema(maxLength = 500) String postalAddress,
        @PersonalData(RetentionClass.PROFILE) @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 254) String email,
        @PersonalData(RetentionClass.COMMUNICATIONS) @Schema(maxLength = 2048) String profilePictureRef,
        @PersonalData(RetentionClass.FINANCIAL) String bankAccountNumber,
        String parentalConsentReference,
        @PersonalData(value = RetentionClass.PROFILE, redaction = Redaction.NULL) String memberState,
        @ArraySchema(maxItems = ImportedAccount.MAX_LOGINS) List<Login> socialLogins,
        @ArraySchema(maxItems = ImportedAccount.MAX_PURCHASES) List<Purchase> purchases,
        @ArraySchema(maxItems = ImportedAccount.MAX_CONSENTS) List<Consent> consents) {

    /** The most of each an account may bring: one login per provider, a consent per type, a long purchase history. */
    static final int MAX_LOGINS = io.lethe.core.subject.LinkSocialLoginCommand.MAX_LINKED;
    static final int MAX_PURCHASES = 10_000;
    static final int MAX_CONSENTS = 20;

    @Override
    public String toString() {
        return SafeToString.of(this);
    }

    /** A third-party login linked to the account, and when (the registration day when absent). */
    public record Login(String provider,
                        @PersonalData(RetentionClass.PROFILE) String externalId,
                        @PersonalData(RetentionClass.PROFILE) String username,
                        @PersonalData(RetentionClass.PROFILE) String email,
                        @PersonalData(RetentionClass.COMMUNICATIONS) String profilePhotoRef,
                        LocalDate linkedOn) {
        @Override
        public String toString() {
            return SafeToString.of(this);
        }
    }

    /** A purchase and its day; {@code purchaseId} makes it recognisable when the line is imported again. */
    public record Purchase(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) UUID purchaseId,
                           @PersonalData(RetentionClass.FINANCIAL) String item,
                           @PersonalData(value = RetentionClass.FINANCIAL, redaction = Redaction.NULL) Money amount,
                           @PersonalData(value = RetentionClass.FINANCIAL, redaction = Redaction.NULL) CardHint card,
                           @Schema(requiredMode = Schema.RequiredMode.REQUIRED) LocalDate purchasedOn) {
        @Override
        public String toString() {
            return SafeToString.of(this);
        }
    }

    /** A consent standing when the account is adopted, who gave it, its evidence and its day. */
    public record Consent(ConsentType type, Requester grantedBy, String evidenceReference, LocalDate grantedOn) {
    }
}
