package io.lethe.core.provision;

import io.lethe.core.validation.Lengths;
import io.lethe.core.validation.NoCardNumber;
import io.lethe.core.validation.Patterns;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A third party data is provided to or received from: an organisation, not a person, so its name
 * and address are not the subject's personal data.
 *
 * @param organisationName   the organisation's name (APPI Art. 29 records it)
 * @param organisationAddress its address, and for a corporation its representative's title (Art. 30)
 * @param country            ISO 3166-1 alpha-2 country of the third party
 * @param equivalentSystem   whether it has a system equivalent to APPI's (Art. 28(1)), so no foreign-provision consent is needed
 */
public record ThirdParty(
        @NotBlank @Size(max = Lengths.ORGANISATION) @NoCardNumber String organisationName,
        @Size(max = Lengths.ADDRESS) @NoCardNumber String organisationAddress,
        @NotNull @Size(max = Lengths.COUNTRY) @Pattern(regexp = Patterns.COUNTRY, message = "must be an ISO 3166-1 alpha-2 country code") String country,
        @NotNull RecipientCategory category,
        boolean equivalentSystem) {
}
