package io.lethe.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Limits failed sign-ins, by password in the console and by HTTP Basic on the API: a name tried
 * from one address too often, or one address failing too often, is refused until the window has
 * passed since its last failure. Counting per name <em>and</em> address means nobody can lock a
 * colleague out from elsewhere. The counts are kept per node, so a client spreading its guesses over
 * n nodes gets n times the allowance, still a handful per quarter hour. Names are kept only as a
 * hash; neither they nor passwords are logged.
 */
@Component
class SignInThrottle {

    private static final Logger log = LoggerFactory.getLogger(SignInThrottle.class);

    private final LetheSecurityProperties.SignIn limits;
    private final Cache<String, AtomicInteger> failures;
    private final Counter refused;

    SignInThrottle(LetheSecurityProperties properties, MeterRegistry meters) {
        this.limits = properties.signIn();
        this.failures = Caffeine.newBuilder().expireAfterWrite(limits.window()).maximumSize(100_000).build();
        this.refused = Counter.builder("lethe.sign-in.refused")
                .description("Sign-in attempts refused because of too many failures").register(meters);
    }

    /** Whether an attempt by this name (null when unknown) from this address must be refused unheard. */
    boolean refuses(String name, String address) {
        boolean refuses = count(addressKey(address)) >= limits.maxFailuresPerAddress()
                || name != null && count(nameKey(name, address)) >= limits.maxFailures();
        if (refuses) {
            refused.increment();
        }
        return refuses;
    }

    /** How long a refused client should wait before trying again. */
    Duration retryAfter() {
        return limits.window();
    }

    /** Whether the request signs in with HTTP Basic. */
    static boolean basic(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        return header != null && header.regionMatches(true, 0, "Basic ", 0, 6);
    }

    /** The name an attempt of this request tries: the console's form field, or HTTP Basic's user. */
    static String attemptedName(HttpServletRequest request) {
        if (basic(request)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(request.getHeader("Authorization").substring(6).trim()),
                        StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                return colon < 0 ? null : decoded.substring(0, colon);
            } catch (IllegalArgumentException malformed) {
                return null;
            }
        }
        return "POST".equals(request.getMethod()) ? request.getParameter("username") : null;
    }

    @EventListener
    void failed(AbstractAuthenticationFailureEvent event) {
        if (!(event instanceof AuthenticationFailureBadCredentialsEvent)) {
            return;
        }
        String address = address(event.getAuthentication().getDetails());
        if (address == null) {
            return;
        }
        int byAddress = fail(addressKey(address));
        String name = event.getAuthentication().getName();
        if (name != null) {
            fail(nameKey(name, address));
        }
        if (byAddress == limits.maxFailuresPerAddress()) {
            log.warn("Sign-ins from one address are refused for {} after {} failures", limits.window(), byAddress);
        }
    }

    @EventListener
    void succeeded(AuthenticationSuccessEvent event) {
        String address = address(event.getAuthentication().getDetails());
        if (address != null && event.getAuthentication().getName() != null) {
            failures.invalidate(nameKey(event.getAuthentication().getName(), address));
        }
    }

    /** One more failure under the key; writing it again restarts the key's window. */
    private int fail(String key) {
        AtomicInteger count = failures.get(key, absent -> new AtomicInteger());
        int failed = count.incrementAndGet();
        failures.put(key, count);
        return failed;
    }

    private int count(String key) {
        AtomicInteger count = failures.getIfPresent(key);
        return count == null ? 0 : count.get();
    }

    private static String address(Object details) {
        return details instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : null;
    }

    private static String addressKey(String address) {
        return "a:" + address;
    }

    private static String nameKey(String name, String address) {
        return "n:" + sha256(name) + ":" + address;
    }

    private static String sha256(String name) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(name.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
