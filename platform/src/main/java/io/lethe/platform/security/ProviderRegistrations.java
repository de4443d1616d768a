package io.lethe.platform.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientProperties;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientPropertiesMapper;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The OpenID Connect providers people sign in to the console with ({@code spring.security.oauth2.client.*}),
 * read from their issuers' metadata on first use instead of at start-up. Spring Boot's own repository
 * reads every issuer while the application starts, so a provider that is down kept the platform (and
 * every product service's API) down with it; here the platform starts, the sign-in page offers the
 * provider by its configured name, and the first person who chooses it has the metadata read. While
 * the provider cannot be reached, {@link #findByRegistrationId} answers {@code null} (the person is
 * told and may sign in another way), asks again at most every {@link #RETRY_AFTER}, and the log says
 * so once a minute; once read, the registration is kept. A registration whose provider names its
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

    private final OAuth2ClientProperties properties;
    private final Clock clock;
    private final Map<String, ClientRegistration> known = new ConcurrentHashMap<>();
    private final Map<String, Long> failedAt = new ConcurrentHashMap<>();
    private final OnceAMinute logGate;

    public ProviderRegistrations(OAuth2ClientProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        this.logGate = new OnceAMinute(clock);
        properties.getRegistration().forEach((id, registration) -> {
            if (issuerOf(id) == null) {
                known.put(id, build(id));
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
     * for one whose provider cannot be reached now.
     */
    @Override
    public ClientRegistration findByRegistrationId(String registrationId) {
        ClientRegistration registration = known.get(registrationId);
        if (registration != null || registrationId == null || !properties.getRegistration().containsKey(registrationId)) {
            return registration;
        }
        Long failed = failedAt.get(registrationId);
        if (failed != null && clock.millis() - failed < RETRY_AFTER.toMillis()) {
            return null;
        }
        try {
            registration = known.computeIfAbsent(registrationId, this::build);
            failedAt.remove(registrationId);
            return registration;
        } catch (RuntimeException unreachable) {
            failedAt.put(registrationId, clock.millis());
            if (logGate.due()) {
                log.warn("The OpenID Connect provider of registration '{}' cannot be reached; people cannot sign in "
                        + "through it until it can ({}; said once a minute)", registrationId, OnceAMinute.rootType(unreachable));
            }
            return null;
        }
    }

    /** Whether an id names a configured provider, reachable or not. */
    public boolean configured(String registrationId) {
        return properties.getRegistration().containsKey(registrationId);
    }

    /**
     * The origins of the end-session endpoints of the providers read so far: a person can only have
     * signed in through a provider whose metadata was read, so only those can be where signing out goes.
     */
    Set<String> endSessionOrigins() {
        Set<String> origins = new TreeSet<>();
        for (ClientRegistration registration : known.values()) {
            Object endSession = registration.getProviderDetails().getConfigurationMetadata().get("end_session_endpoint");
            if (endSession != null) {
                URI uri = URI.create(endSession.toString());
                origins.add(uri.getScheme() + "://" + uri.getRawAuthority());
            }
        }
        return origins;
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
