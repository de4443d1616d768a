package io.lethe.core.activity;

import io.lethe.core.validation.Lengths;
import io.lethe.core.validation.NoCardNumber;
import io.lethe.core.validation.Patterns;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;

/**
 * One interaction of the subject with the application or an advertisement. The whole record is
 * personal data (it is sealed as one value inside {@link ActivityRecordedEvent}).
 *
 * @param occurredAt when it happened, as the product service saw it
 * @param action     what the subject did ({@code viewed}, {@code clicked}, {@code searched})
 * @param target     what it was done to (a screen, a feature, an advertisement's id)
 * @param detail     optional free text (a search term, say); never a card number
 * @param region     optional coarse location: ISO 3166 country or region code only (policy §17)
 * @param pieceId    optional: the service's own identifier of the piece (a reference, not personal data);
 *                   a piece sent again with an identifier already recorded for the subject is recorded
 *                   once, so a batch retried after a lost answer counts nothing twice
 */
public record UsageActivity(
        @NotNull Instant occurredAt,
        @NotNull ActivityKind kind,
        @NotBlank @Size(max = Lengths.ACTION) String action,
        @NotBlank @Size(max = Lengths.TARGET) @NoCardNumber String target,
        @Size(max = Lengths.DETAIL) @NoCardNumber String detail,
        @Pattern(regexp = Patterns.REGION, message = "must be an ISO 3166 country or region code") String region,
        @Pattern(regexp = Patterns.REFERENCE, message = "must be a reference (letters, digits, ':', '.', '_', '-')") String pieceId) {

    /** A piece without an identifier of the service's own. */
    public UsageActivity(Instant occurredAt, ActivityKind kind, String action, String target, String detail, String region) {
        this(occurredAt, kind, action, target, detail, region, null);
    }

    @Override
    public String toString() {
        return "UsageActivity[<personal>]";
    }
}
