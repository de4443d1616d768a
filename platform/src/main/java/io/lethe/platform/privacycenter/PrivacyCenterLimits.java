package io.lethe.platform.privacycenter;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.lethe.platform.crypto.PlatformSecrets;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;

/**
 * How often one address may be sent a code, and how often one network may ask for codes or try them:
 * token buckets on this node, refilled over an hour. An address is counted by a keyed digest of it
 * (never held as it is), whether or not an account holds it, so a refusal tells nothing.
 */
@Component
class PrivacyCenterLimits {

    private final PrivacyCenterProperties properties;
    private final PlatformSecrets secrets;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofHours(2))
            .maximumSize(200_000)
            .build();

    PrivacyCenterLimits(PrivacyCenterProperties properties, PlatformSecrets secrets) {
        this.properties = properties;
        this.secrets = secrets;
    }

    /** One code asked for from {@code network} for {@code address}: false when either has had its hour's allowance. */
    boolean codeAllowed(String network, String address) {
        String addressKey = HexFormat.of().formatHex(secrets.digests("privacy-center-address",
                address.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8)).get(0));
        Bucket byNetwork = bucket("codes|" + network(network), properties.codesPerNetworkPerHour());
        Bucket byAddress = bucket("address|" + addressKey, properties.codesPerAddressPerHour());
        // both are counted, so that one network cannot walk a list of addresses nor many networks flood one address
        boolean networkAllowed = byNetwork.tryConsume(1);
        boolean addressAllowed = byAddress.tryConsume(1);
        return networkAllowed && addressAllowed;
    }

    /** One code tried from {@code network}. */
    boolean checkAllowed(String network) {
        return bucket("checks|" + network(network), properties.checksPerNetworkPerHour()).tryConsume(1);
    }

    private Bucket bucket(String key, int perHour) {
        return buckets.get(key + "|" + perHour, ignored -> Bucket.builder()
                .addLimit(limit -> limit.capacity(perHour).refillGreedy(perHour, Duration.ofHours(1)))
                .build());
    }

    private static String network(String address) {
        return io.lethe.platform.security.SignInThrottle.group(address);
    }
}
