package io.lethe.core.subject;

import io.lethe.core.personaldata.PersonalData;
import io.lethe.core.personaldata.RetentionClass;
import io.lethe.core.personaldata.SafeToString;
import io.lethe.core.validation.Lengths;
import io.lethe.core.validation.NoCardNumber;
import io.lethe.core.validation.Patterns;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * What the platform may know of a payment card: its expiry and last four digits (policy §17
 * "Financial information"). The card itself stays with the card processor (§7).
 */
public record CardHint(
        @PersonalData(RetentionClass.FINANCIAL)
        @NotNull @NoCardNumber @Size(max = Lengths.CARD_EXPIRY) @Pattern(regexp = Patterns.CARD_EXPIRY, message = "must be the card's expiry as MM/YY")
        String expiry,
        @PersonalData(RetentionClass.FINANCIAL)
        @NotNull @NoCardNumber @Size(max = Lengths.CARD_LAST_FOUR) @Pattern(regexp = Patterns.CARD_LAST_FOUR, message = "must be exactly the last four digits of the card")
        String lastFour) {

    @Override
    public String toString() {
        return SafeToString.of(this);
    }
}
