package io.lethe.core.breach;

import io.lethe.core.jurisdiction.Jurisdiction;
import io.lethe.core.personaldata.DataCategory;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

import java.util.Map;
import java.util.Set;

/**
 * What is known of an incident, in the terms the notification rules ask about.
 *
 * @param affectedByJurisdiction how many people are affected, per jurisdiction
 * @param categories             the CCPA categories of the data involved
 * @param sensitive              special care-required / special-category data is involved (APPI Art. 2(3), GDPR Art. 9)
 * @param financialDamageRisk    data whose misuse may cause financial damage (e.g. a full card or bank credentials;
 *                               card expiry and last four digits alone are not, PPC FAQ 6-12)
 * @param malicious              a wrongful purpose is suspected (unauthorised access, theft; APPI Rules Art. 7(iii))
 * @param encryptedKeySafe       the data was protected by advanced encryption whose key was not taken: exempt from
 *                               the APPI duty and from California's (1798.82 applies to unencrypted data or with the key)
 */
public record BreachFacts(
        @NotEmpty Map<Jurisdiction, @NotNull @PositiveOrZero Integer> affectedByJurisdiction,
        @NotEmpty Set<DataCategory> categories,
        boolean sensitive,
        boolean financialDamageRisk,
        boolean malicious,
        boolean encryptedKeySafe) {

    public int affected(Jurisdiction jurisdiction) {
        Integer count = affectedByJurisdiction.get(jurisdiction);
        return count == null ? 0 : count;
    }

    public boolean affects(Jurisdiction jurisdiction) {
        return affectedByJurisdiction.containsKey(jurisdiction);
    }
}
