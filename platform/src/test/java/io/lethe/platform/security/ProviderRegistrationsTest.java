package io.lethe.platform.security;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientProperties;
import org.springframework.security.oauth2.client.registration.ClientRegistration;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * People's providers are read on first use: a provider that is down when the platform starts stops
 * nothing, is asked again after a pause (not on every click), and is kept once it has answered.
 */
class ProviderRegistrationsTest {

    @Test
    @DisplayName("A provider down at start-up: offered by name, unresolved while down, read once it is back")
    void aProviderDownAtStartIsReadWhenItComesBack() throws Exception {
        int port = io.lethe.platform.FreePorts.any();
        String issuer = "http://127.0.0.1:" + port;
        OAuth2ClientProperties properties = properties(issuer);
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-07T09:00:00Z"));

        // built while nothing listens at the issuer: Spring Boot's own repository fails here
        ProviderRegistrations registrations = new ProviderRegistrations(properties, clock(now));

        assertThat(registrations.providers()).containsExactly(new ProviderRegistrations.Provider("company", "Company SSO"));
        assertThat(registrations.configured("company")).isTrue();
        assertThat(registrations.findByRegistrationId("company")).isNull();
        assertThat(registrations.endSessionOrigins()).isEmpty();

        try (TestIssuer up = TestIssuer.withPeople("http://localhost:1/login/oauth2/code/company", port)) {
            assertThat(registrations.findByRegistrationId("company")).as("not asked again within the pause").isNull();
            now.set(now.get().plus(ProviderRegistrations.RETRY_AFTER));
            ClientRegistration read = registrations.findByRegistrationId("company");
            assertThat(read).isNotNull();
            assertThat(read.getProviderDetails().getIssuerUri()).isEqualTo(issuer);
            assertThat(read.getClientName()).isEqualTo("Company SSO");
            assertThat(registrations.endSessionOrigins()).containsExactly(issuer);
        }
        assertThat(registrations.findByRegistrationId("company")).as("kept once read").isNotNull();
        assertThat(registrations.findByRegistrationId("another")).isNull();
        assertThat(registrations.findByRegistrationId(null)).isNull();
        assertThat(registrations.configured("another")).isFalse();
    }

    @Test
    @DisplayName("A provider that accepts and never answers: one request reads, the others are answered within the wait")
    void aSilentProviderHoldsOneRequestNotEvery() throws Exception {
        try (ServerSocket silent = new ServerSocket(0)) {
            java.util.List<java.net.Socket> accepted = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept());
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.start();
            ProviderRegistrations registrations = new ProviderRegistrations(
                    properties("http://127.0.0.1:" + silent.getLocalPort()), Clock.systemUTC());
            java.util.concurrent.ExecutorService people = java.util.concurrent.Executors.newFixedThreadPool(5);
            try {
                java.util.List<java.util.concurrent.Future<ClientRegistration>> choices = new java.util.ArrayList<>();
                for (int person = 0; person < 5; person++) {
                    choices.add(people.submit(() -> registrations.findByRegistrationId("company")));
                }
                long began = System.nanoTime();
                int answered = 0;
                for (var choice : choices) {
                    try {
                        assertThat(choice.get(ProviderRegistrations.WAIT_FOR_READ.toMillis() + 3000,
                                java.util.concurrent.TimeUnit.MILLISECONDS)).isNull();
                        answered++;
                    } catch (java.util.concurrent.TimeoutException stillReading) {
                        // the one request that reads
                    }
                }
                assertThat(answered).as("every request but the reading one is answered").isEqualTo(4);
                assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(ProviderRegistrations.WAIT_FOR_READ.plusSeconds(6));
                assertThat(accepted).as("one read, not one per request").hasSize(1);
            } finally {
                silent.close();
                for (java.net.Socket socket : accepted) {
                    socket.close();
                }
                people.shutdownNow();
            }
        }
    }

    @Test
    @DisplayName("A provider that names its endpoints needs no network and is built at start-up")
    void aProviderWithItsEndpointsIsBuiltAtOnce() {
        OAuth2ClientProperties properties = new OAuth2ClientProperties();
        OAuth2ClientProperties.Registration registration = new OAuth2ClientProperties.Registration();
        registration.setClientId("lethe-console");
        registration.setAuthorizationGrantType("authorization_code");
        registration.setRedirectUri("{baseUrl}/login/oauth2/code/{registrationId}");
        properties.getRegistration().put("local", registration);
        OAuth2ClientProperties.Provider provider = new OAuth2ClientProperties.Provider();
        provider.setAuthorizationUri("https://sso.example/authorize");
        provider.setTokenUri("https://sso.example/token");
        provider.setJwkSetUri("https://sso.example/keys");
        properties.getProvider().put("local", provider);

        ProviderRegistrations registrations = new ProviderRegistrations(properties, Clock.systemUTC());

        assertThat(registrations.findByRegistrationId("local").getProviderDetails().getTokenUri()).isEqualTo("https://sso.example/token");
        assertThat(registrations.providers()).containsExactly(new ProviderRegistrations.Provider("local", "local"));
    }

    private static OAuth2ClientProperties properties(String issuer) {
        OAuth2ClientProperties properties = new OAuth2ClientProperties();
        OAuth2ClientProperties.Registration company = new OAuth2ClientProperties.Registration();
        company.setClientId("lethe-console");
        company.setClientSecret("lethe-console" + TestIssuer.SECRET_SUFFIX);
        company.setClientName("Company SSO");
        company.setAuthorizationGrantType("authorization_code");
        company.setRedirectUri("{baseUrl}/login/oauth2/code/{registrationId}");
        company.setScope(java.util.Set.of("openid", "profile"));
        properties.getRegistration().put("company", company);
        OAuth2ClientProperties.Provider provider = new OAuth2ClientProperties.Provider();
        provider.setIssuerUri(issuer);
        properties.getProvider().put("company", provider);
        return properties;
    }

    private static Clock clock(AtomicReference<Instant> now) {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
    }

}
