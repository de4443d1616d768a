package io.lethe.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

import java.time.Duration;
import java.util.Map;

/**
 * How many API requests each caller may make: a token bucket per signed-in caller, sized by the
 * most generous of its roles, and one per address (an IPv6 address's /64) for requests that sign in as
 * no one — generous, since a client that sends its credentials only after a 401 challenge spends one
 * anonymous request on every call, and many callers may share an address behind a proxy. A bucket
 * holds a minute's allowance and refills continuously, so a caller may burst up to its allowance and
 * then sustain it. The buckets live on each node (a caller behind a load balancer over n nodes gets
 * up to n times its allowance); idle ones are forgotten after ten minutes.
 */
final class RateLimits {

    /** What one request's consumption left: whether it may go on, and the figures its answer carries. */
    record Decision(boolean allowed, long limit, long remaining, long resetSeconds, long retryAfterSeconds) {
    }

    /**
     * @param enabled   whether requests are counted at all
     * @param anonymous requests per minute from one address that signs in as no one
     * @param roles     requests per minute for a caller with the role (the most generous of its roles counts);
     *                  a role not listed gets {@code anonymous} ten times over
     */
    @ConfigurationProperties("lethe.rate-limits")
    record Settings(@DefaultValue("true") boolean enabled, @DefaultValue("1200") int anonymous, Map<String, Integer> roles) {

        Settings {
            roles = roles == null ? Map.of() : Map.copyOf(roles);
            if (anonymous < 1 || roles.values().stream().anyMatch(limit -> limit == null || limit < 1)) {
                throw new IllegalArgumentException("lethe.rate-limits: every allowance is at least one request a minute");
            }
        }

        long perMinute(Authentication caller) {
            if (caller == null || caller instanceof AnonymousAuthenticationToken || !caller.isAuthenticated()) {
                return anonymous;
            }
            long limit = 0;
            for (GrantedAuthority authority : caller.getAuthorities()) {
                String role = authority.getAuthority().startsWith("ROLE_") ? authority.getAuthority().substring(5) : null;
                if (role != null) {
                    limit = Math.max(limit, roles.getOrDefault(role, anonymous * 10));
                }
            }
            return limit == 0 ? anonymous * 10L : limit;
        }
    }

    private final Settings settings;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(10))
            .maximumSize(100_000)
            .build();
    private final Counter refused;

    RateLimits(Settings settings, MeterRegistry meters) {
        this.settings = settings;
        this.refused = Counter.builder("lethe.rate-limits.refused")
                .description("API requests refused because their caller had used up its allowance")
                .register(meters);
    }

    boolean enabled() {
        return settings.enabled();
    }

    /** Takes one request from the caller's allowance (by name when signed in, else by address). */
    Decision consume(Authentication caller, String address) {
        long limit = settings.perMinute(caller);
        boolean anonymous = limit == settings.anonymous() && (caller == null || caller instanceof AnonymousAuthenticationToken);
        // an IPv6 caller holds a /64: counted by its block, as the sign-in throttle counts it
        String key = (anonymous ? "address:" + SignInThrottle.group(address) : "caller:" + caller.getName()) + "|" + limit;
        Bucket bucket = buckets.get(key, ignored -> Bucket.builder()
                .addLimit(allowance -> allowance.capacity(limit).refillGreedy(limit, Duration.ofMinutes(1)))
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            refused.increment();
        }
        return new Decision(probe.isConsumed(), limit, probe.getRemainingTokens(), seconds(probe.getNanosToWaitForReset()),
                Math.max(1, seconds(probe.getNanosToWaitForRefill())));
    }

    private static long seconds(long nanos) {
        return (nanos + 999_999_999L) / 1_000_000_000L;
    }
}
