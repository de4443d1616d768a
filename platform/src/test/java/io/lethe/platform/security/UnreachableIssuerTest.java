package io.lethe.platform.security;

import io.lethe.platform.PlatformTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static io.lethe.platform.Callers.signedIn;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The identity provider is down (nothing listens where it should be): the platform started without it.
 * A bearer request is answered 503 with a problem detail and {@code Retry-After} instead of a 500, and
 * nothing is recorded; callers signing in another way are not affected. A person who chooses the
 * provider on the console's sign-in page is sent back to it with the reason.
 */
@PlatformTest
@org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
@TestPropertySource(properties = {
        "lethe.security.tokens.issuer-uri=http://127.0.0.1:9/realms/company",
        "spring.security.oauth2.client.registration.company.client-id=lethe-console",
        "spring.security.oauth2.client.registration.company.client-secret=lethe-console-secret",
        "spring.security.oauth2.client.registration.company.client-name=Company SSO",
        "spring.security.oauth2.client.registration.company.scope=openid,profile",
        "spring.security.oauth2.client.registration.company.authorization-grant-type=authorization_code",
        "spring.security.oauth2.client.registration.company.redirect-uri={baseUrl}/login/oauth2/code/{registrationId}",
        "spring.security.oauth2.client.provider.company.issuer-uri=http://127.0.0.1:9/realms/company"})
class UnreachableIssuerTest {

    /** A well-formed token the platform has no way to check while its issuer is down. */
    private static final String TOKEN = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.eyJzdWIiOiJnYW1lLXNlcnZpY2UifQ.c2lnbmF0dXJl";

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    @DisplayName("A bearer request while the issuer is unreachable: 503 with Retry-After, and nothing recorded")
    void aBearerRequestWhileTheIssuerIsDownIsAServiceFailure(org.springframework.boot.test.system.CapturedOutput output) throws Exception {
        long events = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
        mvc.perform(post("/api/subjects").header("Authorization", "Bearer " + TOKEN).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"jurisdiction\":\"EU\",\"name\":\"Ola Berg\",\"dateOfBirth\":\"1980-01-01\",\"email\":\"ola@example.no\"}"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(header().string("Retry-After", "30"))
                .andExpect(jsonPath("$.type").value("urn:problem-type:lethe:identity-provider-unavailable"));
        mvc.perform(get("/api/privacy-requests").header("Authorization", "Bearer " + TOKEN))
                .andExpect(status().isServiceUnavailable());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class)).isEqualTo(events);
        // said once, not once a request
        assertThat(output.getAll().split("The token issuer cannot be reached", -1)).hasSize(2);

        // people and services signing in with their passwords are not held up by it
        mvc.perform(get("/api/privacy-requests").with(signedIn("staff", "lethe-staff"))).andExpect(status().isOk());
    }

    @Test
    @DisplayName("The people's provider down: the sign-in page offers it, and choosing it says it cannot be reached")
    void choosingAnUnreachableProviderSaysSo(org.springframework.boot.test.system.CapturedOutput output) throws Exception {
        mvc.perform(get("/console/login"))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Sign in with Company SSO")))
                .andExpect(header().string("Content-Security-Policy", org.hamcrest.Matchers.endsWith("form-action 'self'")));
        mvc.perform(get("/oauth2/authorization/company"))
                .andExpect(status().isFound())
                .andExpect(header().string("Location", org.hamcrest.Matchers.endsWith("/console/login?provider-unavailable")));
        mvc.perform(get("/oauth2/authorization/company")).andExpect(status().isFound());
        assertThat(output.getAll().split("The OpenID Connect provider of registration 'company' cannot be reached", -1))
                .as("said once, not once a choice").hasSize(2);
        mvc.perform(get("/console/login").param("provider-unavailable", ""))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("reached just now")));
    }
}
