package io.lethe.core.subject;

import io.lethe.core.validation.Lengths;
import io.lethe.core.validation.Patterns;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.validation.constraints.PositiveOrZero;

/** An amount in the currency's minor units (yen, cents), so no rounding ever happens. */
public record Money(
        @NotNull @Size(max = Lengths.CURRENCY) @Pattern(regexp = Patterns.CURRENCY, message = "must be an ISO 4217 currency code") String currency,
        @PositiveOrZero long minorUnits) {
}
