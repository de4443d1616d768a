package io.lethe.core.subject;

import io.lethe.core.consent.GrantConsentCommand;
import io.lethe.core.personaldata.DataSubjectId;
import io.lethe.core.personaldata.SafeToString;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/**
 * Adopts an account that exists in the system Lethe replaces, with what it holds and when each part of
 * it happened, in one command: the registration, then the logins, purchases and consents, each by the
 * rules of its own command and each event dated by its original instant ({@link OccurredAt}). On a
 * subject adopted before from the same account ({@code origin}), only the parts it lacks are recorded,
 * so an import can run again; a subject that came from elsewhere is refused.
 *
 * @param origin the account in its source system, as a SHA-256 fingerprint (hex), so a line can be
 *               recognised without Lethe keeping the source's id
 */
public record AdoptAccountCommand(
        @TargetAggregateIdentifier @DataSubjectId @NotNull SubjectId subjectId,
        @NotNull @Pattern(regexp = "[0-9a-f]{64}", message = "must be a SHA-256 fingerprint") String origin,
        @NotNull Instant registeredAt,
        @NotNull @Valid RegisterAccountCommand registration,
        @NotNull @Size(max = 50) List<@NotNull @Valid DatedLogin> logins,
        @NotNull @Size(max = 10_000) List<@NotNull @Valid DatedPurchase> purchases,
        @NotNull @Size(max = 20) List<@NotNull @Valid DatedConsent> consents) {

    /** What adopting did. */
    public enum Outcome {
        /** A new subject, registered with every part. */
        ADOPTED,
        /** The subject was adopted before; the parts it lacked were recorded. */
        COMPLETED,
        /** The subject was adopted before and had every part. */
        PRESENT
    }

    @Override
    public String toString() {
        return SafeToString.of(this);
    }

    /** A login and when it was linked. */
    public record DatedLogin(@NotNull @Valid LinkSocialLoginCommand login, @NotNull Instant at) {
    }

    /** A purchase and when it was made. */
    public record DatedPurchase(@NotNull @Valid RecordPurchaseCommand purchase, @NotNull Instant at) {
    }

    /** A consent and when it was given. */
    public record DatedConsent(@NotNull @Valid GrantConsentCommand consent, @NotNull Instant at) {
    }
}
