package io.lethe.platform.privacycenter;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.Map;

/**
 * The privacy center's limits ({@code lethe.privacy-center.*}).
 *
 * @param codeValidFor          how long a code sent by mail can be used
 * @param attemptsPerCode       how many codes may be tried against one sending before it is used up
 * @param answerAvailableFor    how long after fulfilment the answer can be downloaded
 * @param codesPerAddressPerHour how many codes one address may be sent in an hour (known or not: the count
 *                              tells nothing of whether an account holds the address)
 * @param codesPerNetworkPerHour how many codes may be asked for from one network (an IPv4 address, an IPv6 /64) in an hour
 * @param checksPerNetworkPerHour how many codes may be tried from one network in an hour, across sendings
 * @param linkKeptFor            how long a status link opens its page (then it is removed)
 * @param products               the products that may vouch that their signed-in user is the subject, by name:
 *                               each with the PEM public key its assertions are signed with ({@link SignedAssertions})
 */
@ConfigurationProperties("lethe.privacy-center")
public record PrivacyCenterProperties(
        @DefaultValue("15m") Duration codeValidFor,
        @DefaultValue("5") int attemptsPerCode,
        @DefaultValue("30d") Duration answerAvailableFor,
        @DefaultValue("3") int codesPerAddressPerHour,
        @DefaultValue("20") int codesPerNetworkPerHour,
        @DefaultValue("60") int checksPerNetworkPerHour,
        @DefaultValue("400d") Duration linkKeptFor,
        Map<String, Product> products) {

    public PrivacyCenterProperties {
        products = products == null ? Map.of() : Map.copyOf(products);
    }

    /** A product that signs assertions, by its public key (PEM, SubjectPublicKeyInfo). */
    public record Product(String publicKey) {

        @Override
        public String toString() {
            return "Product[a public key]";
        }
    }
}
