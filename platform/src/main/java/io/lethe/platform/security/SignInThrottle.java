package io.lethe.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Limits password guessing, by the console's form and at the token endpoint (ADR 0015, ADR 0021). Three counts,
 * each over the window since its last failure: a name from one address ({@code maxFailures}), one
 * address whatever the names ({@code maxFailuresPerAddress}), and a name from anywhere
 * ({@code maxFailuresPerAccount}, against guesses spread over many addresses). An IPv6 address counts
 * as its /64, the block one subscriber usually holds.
 *
 * <p>An attempt is <em>reserved</em> before the password is checked, and counts against the limits
 * until its outcome is known: parallel guesses cannot all pass the check before the first failure is
 * counted. An attempt that only the reservations of attempts still being checked would hold back
 * waits for them (a few seconds at most) instead of being refused: a service that opens with many
 * parallel calls is not turned away while its first sign-in is checked, and once one succeeds the
 * others go ahead as trusted. Only failures refuse. A name
 * that signed in from an address is trusted there for a day: its attempts from there take no
 * reservation (a busy service's parallel calls are never held back) and are not held back by the
 * account-wide count, so guesses from elsewhere cannot lock the owner out where they work; a failure
 * from there counts as any other and ends the trust.
 *
 * <p>The address is the connection's peer, or the client a trusted proxy names (README, "TLS and
 * proxies"). Counts are kept per node: n nodes give n times the allowance. Names are kept only as a
 * hash; neither they, nor passwords, nor addresses are logged.
 */
@Component
public class SignInThrottle {

    private static final Logger log = LoggerFactory.getLogger(SignInThrottle.class);
    private static final Duration TRUST = Duration.ofHours(24);
    /** The longest an attempt waits for attempts still being checked before it is refused. */
    private static final Duration MAX_WAIT = Duration.ofSeconds(10);

    private final LetheSecurityProperties.SignIn limits;
    /** Failures, per key, over the window since the last one. */
    private final Cache<String, AtomicInteger> counts;
    /** Attempts reserved and not yet settled, per key. */
    private final java.util.Map<String, Integer> pending = new java.util.HashMap<>();
    private final Cache<String, Boolean> trusted;
    private final ThreadLocal<Attempt> current = new ThreadLocal<>();
    private final Counter refused;

    SignInThrottle(LetheSecurityProperties properties, MeterRegistry meters) {
        this.limits = properties.signIn();
        this.counts = Caffeine.newBuilder().expireAfterWrite(limits.window()).maximumSize(100_000).build();
        this.trusted = Caffeine.newBuilder().expireAfterWrite(TRUST).maximumSize(100_000).build();
        this.refused = Counter.builder("lethe.sign-in.refused")
                .description("Sign-in attempts refused because of too many failures").register(meters);
    }

    /**
     * Reserves an attempt by this name (null when unknown) from this address, or answers null when it
     * must be refused unheard. Waits while attempts still being checked are all that stand in its way.
     */
    synchronized Attempt reserve(String name, String address) {
        String group = group(address);
        String hash = name == null ? null : sha256(name);
        String pair = hash == null ? null : "n:" + hash + ":" + group;
        String account = hash == null ? null : "u:" + hash;
        long waitUntil = System.nanoTime() + MAX_WAIT.toNanos();
        while (true) {
            boolean trustedHere = pair != null && trusted.getIfPresent(pair) != null;
            List<Limit> applying = new ArrayList<>();
            applying.add(new Limit("a:" + group, limits.maxFailuresPerAddress()));
            if (pair != null) {
                applying.add(new Limit(pair, limits.maxFailures()));
                if (!trustedHere) {
                    applying.add(new Limit(account, limits.maxFailuresPerAccount()));
                }
            }
            if (applying.stream().anyMatch(limit -> failures(limit.key()) >= limit.max())) {
                refused.increment();
                return null;
            }
            if (trustedHere) {
                return new Attempt(group, pair, account, List.of());
            }
            boolean crowded = applying.stream().anyMatch(limit -> failures(limit.key()) + pending(limit.key()) >= limit.max());
            long left = waitUntil - System.nanoTime();
            if (!crowded) {
                List<String> keys = applying.stream().map(Limit::key).toList();
                keys.forEach(key -> pending.merge(key, 1, Integer::sum));
                return new Attempt(group, pair, account, keys);
            }
            if (left <= 0) {
                return Attempt.CROWDED;
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }

    private record Limit(String key, int max) {
    }

    /** The attempt runs on this thread: its outcome's event (published on the same thread) settles it. */
    void begin(Attempt attempt) {
        current.set(attempt);
    }

    /** The request is over: a reservation its outcome did not settle (no password was checked) is given back. */
    synchronized void end(Attempt attempt) {
        current.remove();
        if (!attempt.settled) {
            attempt.settled = true;
            attempt.keys.forEach(this::release);
            notifyAll();
        }
    }

    @EventListener
    void failed(AuthenticationFailureBadCredentialsEvent event) {
        failed(current.get());
    }

    /** The attempt's password was wrong: its reservation becomes a failure. */
    synchronized void failed(Attempt attempt) {
        if (attempt == null || attempt.settled) {
            return;
        }
        attempt.settled = true;
        if (attempt.keys.isEmpty()) {
            // a trusted name failed where it signed in: that failure counts, and the trust ends
            trusted.invalidate(attempt.pair);
            List.of("a:" + attempt.group, attempt.pair, attempt.account).forEach(this::fail);
        } else {
            // the reservation becomes the failure; writing it restarts each window
            attempt.keys.forEach(key -> {
                release(key);
                fail(key);
            });
        }
        if (failures("a:" + attempt.group) == limits.maxFailuresPerAddress()) {
            log.warn("Sign-ins from one address are refused for {} after {} failures", limits.window(),
                    limits.maxFailuresPerAddress());
        }
        notifyAll();
    }

    @EventListener
    void succeeded(AuthenticationSuccessEvent event) {
        succeeded(current.get());
    }

    /** The attempt's password was right: the name is trusted from its address. */
    synchronized void succeeded(Attempt attempt) {
        if (attempt == null || attempt.settled) {
            return;
        }
        attempt.settled = true;
        attempt.keys.forEach(this::release);
        if (attempt.pair != null) {
            counts.invalidate(attempt.pair);
            trusted.put(attempt.pair, Boolean.TRUE);
        }
        notifyAll();
    }

    /** How long a refused client should wait before trying again. */
    Duration retryAfter() {
        return limits.window();
    }

    /** How long a client held back only by attempts still being checked should wait. */
    Duration retryAfterCrowding() {
        return Duration.ofSeconds(2);
    }

    /** Whether the request carries HTTP Basic credentials. */
    static boolean basic(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        return header != null && header.regionMatches(true, 0, "Basic ", 0, 6);
    }

    /** The block an address belongs to: an IPv4 address itself, an IPv6 address its /64. */
    public static String group(String address) {
        if (address == null || address.indexOf(':') < 0) {
            return String.valueOf(address);
        }
        try {
            int zone = address.indexOf('%');
            // a literal (it has a colon) is parsed, never looked up
            InetAddress ip = InetAddress.getByName(zone < 0 ? address : address.substring(0, zone));
            if (!(ip instanceof Inet6Address)) {
                return ip.getHostAddress();
            }
            byte[] bytes = ip.getAddress();
            StringBuilder prefix = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
            }
            return prefix.append(":/64").toString();
        } catch (UnknownHostException malformed) {
            return address;
        }
    }

    private void fail(String key) {
        AtomicInteger count = counts.get(key, absent -> new AtomicInteger());
        count.incrementAndGet();
        counts.put(key, count);
    }

    private void release(String key) {
        pending.computeIfPresent(key, (ignored, count) -> count <= 1 ? null : count - 1);
    }

    private int failures(String key) {
        AtomicInteger count = counts.getIfPresent(key);
        return count == null ? 0 : count.get();
    }

    private int pending(String key) {
        return pending.getOrDefault(key, 0);
    }

    private static String sha256(String name) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(name.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One sign-in attempt: the address block, the keys it reserved, and whether its outcome is known. */
    static final class Attempt {
        /**
         * Not refused, and not reserved either: attempts still being checked held it back for longer than
         * it waits. Nothing failed; the client may try again in a moment.
         */
        static final Attempt CROWDED = new Attempt(null, null, null, List.of());

        private final String group;
        private final String pair;
        private final String account;
        private final List<String> keys;
        private boolean settled;

        private Attempt(String group, String pair, String account, List<String> keys) {
            this.group = group;
            this.pair = pair;
            this.account = account;
            this.keys = keys;
        }
    }
}
