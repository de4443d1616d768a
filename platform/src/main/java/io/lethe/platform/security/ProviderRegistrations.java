package io.lethe.platform.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientProperties;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientPropertiesMapper;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The OpenID Connect providers people sign in to the console with ({@code spring.security.oauth2.client.*}),
 * read from their issuers' metadata on first use instead of at start-up. Spring Boot's own repository
 * reads every issuer while the application starts, so a provider that is down kept the platform (and
 * every product service's API) down with it; here the platform starts, the sign-in page offers the
 * provider by its configured name, and the first person who chooses it has the metadata read. While
 * the provider cannot be reached, {@link #findByRegistrationId} answers {@code null} (the person is
 * told and may sign in another way), asks again at most every {@link #RETRY_AFTER}, and the log says
 * so once a minute; once read, the registration is kept. A provider that answers with metadata that
 * cannot be used (a wrong realm, an issuer named otherwise than configured) no longer stops the
 * start-up either: the log says what is wrong, once a minute, until the configuration is mended. A registration whose provider names its
 * endpoints instead of an issuer needs no network and is built at start-up, where a mistake in it
 * stops the platform as before. Registrations are built by Spring Boot's own mapper, one at a time.
 */
public final class ProviderRegistrations implements ClientRegistrationRepository {

    /** How long after a failed read of a provider's metadata the next person's choice is answered without trying again. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(ProviderRegistrations.class);

    /** A provider as the sign-in page offers it: its registration id and the name on its button. */
    public record Provider(String id, String name) {
    }

    /** How long a person's choice waits for a read of the provider's metadata that another request has begun. */
    static final Duration WAIT_FOR_READ = Duration.ofSeconds(2);

    private final OAuth2ClientProperties properties;
    private final Clock clock;
    private final Map<String, ClientRegistration> known = new ConcurrentHashMap<>();
    private final Map<String, String> endSessionOrigins = new ConcurrentHashMap<>();
    private final Map<String, Long> failedAt = new ConcurrentHashMap<>();
    private final Map<String, ReentrantLock> reading = new ConcurrentHashMap<>();
    private final Map<String, OnceAMinute> logGates = new ConcurrentHashMap<>();

    public ProviderRegistrations(OAuth2ClientProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        properties.getRegistration().forEach((id, registration) -> {
            if (issuerOf(id) == null) {
                keep(id, build(id));
            }
        });
    }

    /** Every configured provider, by name, without contacting any of them. */
    public List<Provider> providers() {
        return properties.getRegistration().entrySet().stream()
                .map(entry -> new Provider(entry.getKey(),
                        entry.getValue().getClientName() != null ? entry.getValue().getClientName() : entry.getKey()))
                .sorted(Comparator.comparing(Provider::name)).toList();
    }

    /**
     * The registration, read from its issuer the first time; {@code null} for an id not configured, and
     * for one whose provider cannot be used now. One request reads at a time: the others wait for it at
     * most {@link #WAIT_FOR_READ} and are then answered {@code null}, so a provider that answers slowly
     * or not at all (each read may take a minute before it fails) holds one request, not every one.
     */
    @Override
    public ClientRegistration findByRegistrationId(String registrationId) {
        if (registrationId == null) {
            return null;
        }
        ClientRegistration registration = known.get(registrationId);
        if (registration != null || !configured(registrationId) || failedLately(registrationId)) {
            return registration;
        }
        ReentrantLock lock = reading.computeIfAbsent(registrationId, id -> new ReentrantLock());
        try {
            if (!lock.tryLock(WAIT_FOR_READ.toMillis(), TimeUnit.MILLISECONDS)) {
                return null;
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return null;
        }
        try {
            // read meanwhile by the request this one waited for, or failed there just now
            registration = known.get(registrationId);
            if (registration != null || failedLately(registrationId)) {
                return registration;
            }
            registration = build(registrationId);
            keep(registrationId, registration);
            failedAt.remove(registrationId);
            return registration;
        } catch (RuntimeException failure) {
            failedAt.put(registrationId, clock.millis());
            report(registrationId, failure);
            return null;
        } finally {
            lock.unlock();
        }
    }

    /** Whether an id names a configured provider, reachable or not. */
    public boolean configured(String registrationId) {
        return registrationId != null && properties.getRegistration().containsKey(registrationId);
    }

    /**
     * The origins of the end-session endpoints of the providers read so far: a person can only have
     * signed in through a provider whose metadata was read, so only those can be where signing out goes.
     */
    Set<String> endSessionOrigins() {
        return new TreeSet<>(endSessionOrigins.values());
    }

    private boolean failedLately(String registrationId) {
        Long failed = failedAt.get(registrationId);
        return failed != null && clock.millis() - failed < RETRY_AFTER.toMillis();
    }

    private void keep(String registrationId, ClientRegistration registration) {
        Object endSession = registration.getProviderDetails().getConfigurationMetadata().get("end_session_endpoint");
        if (endSession != null) {
            try {
                URI uri = new URI(endSession.toString());
                if (uri.getScheme() != null && uri.getRawAuthority() != null) {
                    endSessionOrigins.put(registrationId, uri.getScheme() + "://" + uri.getRawAuthority());
                }
            } catch (URISyntaxException malformed) {
                log.warn("The OpenID Connect provider of registration '{}' names a malformed end-session endpoint; "
                        + "signing out ends the console's session only", registrationId);
            }
        }
        known.put(registrationId, registration);
    }

    /**
     * A provider that cannot be reached is an outage, said once a minute with the cause's type; one that
     * answers with metadata that cannot be used (a wrong realm, an issuer that names itself otherwise than
     * configured) is a configuration mistake, said with Spring Security's message, which names addresses
     * and statuses only.
     */
    private void report(String registrationId, RuntimeException failure) {
        if (!logGates.computeIfAbsent(registrationId, id -> new OnceAMinute(clock)).due()) {
            return;
        }
        if (unreachable(failure)) {
            log.warn("The OpenID Connect provider of registration '{}' cannot be reached; people cannot sign in "
                    + "through it until it can ({}; said once a minute)", registrationId, OnceAMinute.rootType(failure));
        } else {
            log.error("The OpenID Connect provider of registration '{}' answered, but its metadata cannot be used; people "
                    + "cannot sign in through it until the configuration is mended: {} (said once a minute)", registrationId,
                    io.lethe.core.validation.Lengths.atMost(String.valueOf(failure.getMessage()), 500));
        }
    }

    private static boolean unreachable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof java.io.IOException || cause instanceof org.springframework.web.client.ResourceAccessException) {
                return true;
            }
        }
        return false;
    }

    private String issuerOf(String registrationId) {
        OAuth2ClientProperties.Registration registration = properties.getRegistration().get(registrationId);
        String providerId = registration.getProvider() != null ? registration.getProvider() : registrationId;
        OAuth2ClientProperties.Provider provider = properties.getProvider().get(providerId);
        return provider != null ? provider.getIssuerUri() : null;
    }

    /** One registration through Spring Boot's mapper, which reads the issuer's metadata where one is set. */
    private ClientRegistration build(String registrationId) {
        OAuth2ClientProperties one = new OAuth2ClientProperties();
        one.getRegistration().put(registrationId, properties.getRegistration().get(registrationId));
        one.getProvider().putAll(properties.getProvider());
        return new OAuth2ClientPropertiesMapper(one).asClientRegistrations().get(registrationId);
    }
}
