package io.lethe.platform.security;

import io.lethe.platform.PlatformTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

/**
 * Every endpoint against every role, anonymous, with HTTP Basic and with a forged token: 401 without a
 * valid token, 403 for a role the endpoint is not for, and neither for the role it is for (what the
 * request then answers — 201, 400, 404 — is other tests' business).
 */
@PlatformTest
class SecurityMatrixTest {

    private static final String SUBJECT = UUID.randomUUID().toString();
    private static final String REQUEST = UUID.randomUUID().toString();
    private static final String REQUEST_PATH = "/api/subjects/" + SUBJECT + "/privacy-requests/" + REQUEST;
    private static final Set<Role> ALL = Set.of(Role.values());

    @Autowired
    MockMvc mvc;

    record Endpoint(HttpMethod method, String path, String body, Set<Role> allowed) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static List<Endpoint> endpoints() {
        Set<Role> service = Set.of(Role.SERVICE);
        Set<Role> staff = Set.of(Role.PRIVACY_STAFF);
        return List.of(
                new Endpoint(HttpMethod.POST, "/api/subjects", "{}", service),
                new Endpoint(HttpMethod.POST, "/api/subjects/" + SUBJECT + "/social-logins", "{}", service),
                new Endpoint(HttpMethod.POST, "/api/subjects/" + SUBJECT + "/purchases", "{}", service),
                new Endpoint(HttpMethod.POST, "/api/subjects/" + SUBJECT + "/termination", "{}", service),
                new Endpoint(HttpMethod.POST, "/api/subjects/" + SUBJECT + "/privacy-requests", "{}",
                        Set.of(Role.SERVICE, Role.PRIVACY_STAFF)),
                new Endpoint(HttpMethod.POST, REQUEST_PATH + "/acknowledgement", null, staff),
                new Endpoint(HttpMethod.POST, REQUEST_PATH + "/identity-verification", "{}", staff),
                new Endpoint(HttpMethod.POST, REQUEST_PATH + "/fee", "{}", staff),
                new Endpoint(HttpMethod.POST, REQUEST_PATH + "/extension", "{}", staff),
                new Endpoint(HttpMethod.POST, REQUEST_PATH + "/fulfilment", "{}", staff),
                new Endpoint(HttpMethod.POST, REQUEST_PATH + "/denial", "{}", staff),
                new Endpoint(HttpMethod.POST, REQUEST_PATH + "/processor-confirmations", "{}", Set.of(Role.PROCESSOR)),
                new Endpoint(HttpMethod.POST, "/api/subjects/" + SUBJECT + "/consents", "{}", service),
                new Endpoint(HttpMethod.DELETE, "/api/subjects/" + SUBJECT + "/consents/PARENTAL", null, service),
                new Endpoint(HttpMethod.POST, "/api/subjects/" + SUBJECT + "/sale-sharing-opt-out", "{}", service),
                new Endpoint(HttpMethod.POST, "/api/subjects/" + SUBJECT + "/sensitive-information", "{}", service),
                new Endpoint(HttpMethod.POST, "/api/subjects/" + SUBJECT + "/provisions", "{}", service),
                new Endpoint(HttpMethod.POST, "/api/subjects/" + SUBJECT + "/receipts", "{}", service),
                new Endpoint(HttpMethod.POST, "/api/activity", "{}", service),
                new Endpoint(HttpMethod.POST, "/api/subjects/" + SUBJECT + "/communications", "{}", service),
                new Endpoint(HttpMethod.POST, "/api/subjects/" + SUBJECT + "/inferences", "{}", service),
                new Endpoint(HttpMethod.POST, "/api/subjects/" + SUBJECT + "/underage-findings", "{}", staff),
                new Endpoint(HttpMethod.GET, "/api/subjects/" + SUBJECT + "/access-report", null, staff),
                new Endpoint(HttpMethod.GET, "/api/subjects/" + SUBJECT + "/portability-export", null, staff),
                new Endpoint(HttpMethod.GET, "/api/subjects/" + SUBJECT + "/access-report/activity", null, staff),
                new Endpoint(HttpMethod.GET, "/api/privacy-requests", null, staff),
                new Endpoint(HttpMethod.GET, "/api/privacy-requests/" + REQUEST, null, staff),
                new Endpoint(HttpMethod.GET, "/api/processor-deletions", null, Set.of(Role.PROCESSOR, Role.PRIVACY_STAFF)),
                new Endpoint(HttpMethod.GET, "/api/processor-corrections", null, Set.of(Role.PROCESSOR, Role.PRIVACY_STAFF)),
                new Endpoint(HttpMethod.GET, REQUEST_PATH + "/correction", null, Set.of(Role.PROCESSOR, Role.PRIVACY_STAFF)),
                new Endpoint(HttpMethod.GET, "/api/provision-records", null, staff),
                new Endpoint(HttpMethod.GET, "/api/audit/access-log", null, Set.of(Role.AUDITOR)),
                new Endpoint(HttpMethod.POST, "/api/purpose-changes", "{}", staff),
                new Endpoint(HttpMethod.GET, "/api/purpose-changes", null, staff),
                new Endpoint(HttpMethod.GET, "/api/purpose-changes/change-1/notices", null, Set.of(Role.SERVICE, Role.PRIVACY_STAFF)),
                new Endpoint(HttpMethod.POST, "/api/subjects/" + SUBJECT + "/purpose-change-notices/change-1", "{}", service),
                new Endpoint(HttpMethod.POST, "/api/breaches", "{}", staff),
                new Endpoint(HttpMethod.POST, "/api/breaches/" + REQUEST + "/assessment", "{}", staff),
                new Endpoint(HttpMethod.POST, "/api/breaches/" + REQUEST + "/clarification", "{}", staff),
                new Endpoint(HttpMethod.POST, "/api/breaches/" + REQUEST + "/notifications", "{}", staff),
                new Endpoint(HttpMethod.POST, "/api/breaches/" + REQUEST + "/closure", "{}", staff),
                new Endpoint(HttpMethod.GET, "/api/breaches", null, staff),
                new Endpoint(HttpMethod.GET, "/api/breaches/" + REQUEST, null, staff),
                new Endpoint(HttpMethod.POST, "/api/subjects/" + SUBJECT + "/shredding", "{}", staff),
                new Endpoint(HttpMethod.POST, "/api/subjects/" + SUBJECT + "/legal-holds", "{}", staff),
                new Endpoint(HttpMethod.DELETE, "/api/subjects/" + SUBJECT + "/legal-holds/hold-1", null, staff),
                new Endpoint(HttpMethod.POST, "/api/subjects/" + SUBJECT + "/retention-exceptions", "{}", staff),
                new Endpoint(HttpMethod.GET, "/api/subjects/" + SUBJECT, null, staff),
                new Endpoint(HttpMethod.GET, "/api/subjects", null, staff),
                new Endpoint(HttpMethod.GET, "/api/privacy-requests/overview", null, staff),
                new Endpoint(HttpMethod.POST, "/api/subject-searches", "{\"email\":\"nobody@example.com\"}", staff),
                new Endpoint(HttpMethod.GET, "/api/subjects/" + SUBJECT + "/deletion-evidence", null,
                        Set.of(Role.PRIVACY_STAFF, Role.AUDITOR)),
                new Endpoint(HttpMethod.DELETE, "/api/subjects/" + SUBJECT, null, Set.of()),
                new Endpoint(HttpMethod.GET, "/actuator/health", null, ALL),
                new Endpoint(HttpMethod.GET, "/actuator/prometheus", null, Set.of(Role.ADMIN)),
                new Endpoint(HttpMethod.GET, "/actuator/metrics", null, Set.of(Role.ADMIN)),
                new Endpoint(HttpMethod.GET, "/api/admin/key-vault", null, Set.of(Role.ADMIN)),
                new Endpoint(HttpMethod.GET, "/api/admin/processors", null, Set.of(Role.ADMIN)),
                new Endpoint(HttpMethod.POST, "/api/admin/processors/no-such-processor/rebuild", null, Set.of(Role.ADMIN)),
                new Endpoint(HttpMethod.GET, "/api/audit/subjects/" + SUBJECT + "/events", null, Set.of(Role.AUDITOR, Role.PRIVACY_STAFF)),
                new Endpoint(HttpMethod.GET, "/api/audit/events?size=1", null, Set.of(Role.AUDITOR)),
                new Endpoint(HttpMethod.GET, "/api/audit/export?after=0", null, Set.of(Role.AUDITOR)),
                new Endpoint(HttpMethod.POST, "/api/admin/key-vault/rotation", null, Set.of(Role.ADMIN)),
                new Endpoint(HttpMethod.GET, "/api/admin/dead-letters", null, Set.of(Role.ADMIN)),
                new Endpoint(HttpMethod.GET, "/api/admin/dead-letters/subject-summary", null, Set.of(Role.ADMIN)),
                new Endpoint(HttpMethod.POST, "/api/admin/dead-letters/subject-summary/retry", null, Set.of(Role.ADMIN)),
                new Endpoint(HttpMethod.DELETE, "/api/admin/dead-letters/subject-summary/" + SUBJECT, null, Set.of(Role.ADMIN)),
                new Endpoint(HttpMethod.GET, "/api/admin/overdue-deadlines", null, Set.of(Role.ADMIN)),
                new Endpoint(HttpMethod.POST, "/api/admin/overdue-deadlines/retry", null, Set.of(Role.ADMIN)),
                new Endpoint(HttpMethod.GET, "/v3/api-docs", null, ALL),
                new Endpoint(HttpMethod.GET, "/no-such-thing", null, Set.of()));
    }

    static Stream<Arguments> matrix() {
        List<Arguments> cases = new ArrayList<>();
        for (Endpoint endpoint : endpoints()) {
            for (Role role : Role.values()) {
                cases.add(Arguments.of(endpoint, role));
            }
        }
        return cases.stream();
    }

    static Stream<Endpoint> everyEndpoint() {
        return endpoints().stream();
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("matrix")
    void eachRoleReachesOnlyItsEndpoints(Endpoint endpoint, Role role) throws Exception {
        int status = mvc.perform(call(endpoint).with(io.lethe.platform.Callers.signedIn(DemoUsers.username(role),
                        DemoUsers.password(role))))
                .andReturn().getResponse().getStatus();
        if (endpoint.allowed().contains(role)) {
            assertThat(status).as("%s as %s", endpoint, role).isNotIn(401, 403);
        } else {
            assertThat(status).as("%s as %s", endpoint, role).isEqualTo(403);
        }
    }

    @ParameterizedTest(name = "{0} anonymously")
    @MethodSource("everyEndpoint")
    void withoutCredentialsEveryEndpointAnswers401(Endpoint endpoint) throws Exception {
        var response = mvc.perform(call(endpoint)).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        assertThat(response.getHeader("WWW-Authenticate")).startsWith("Bearer");
    }

    @ParameterizedTest(name = "{0} with HTTP Basic")
    @MethodSource("everyEndpoint")
    void httpBasicEvenWithTheRightPasswordAnswers401(Endpoint endpoint) throws Exception {
        // a password never travels with an API call: it buys a token at the token endpoint (ADR 0021)
        var response = mvc.perform(call(endpoint).with(httpBasic("admin", "lethe-admin"))).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getHeader("WWW-Authenticate")).startsWith("Bearer");
        assertThat(response.getContentAsString()).contains("HTTP Basic is not accepted on the API");
    }

    @ParameterizedTest(name = "{0} with a token signed by another key")
    @MethodSource("everyEndpoint")
    void aForgedTokenAnswers401(Endpoint endpoint) throws Exception {
        var response = mvc.perform(call(endpoint).header("Authorization", "Bearer " + forged())).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getHeader("WWW-Authenticate")).contains("invalid_token");
    }

    /**
     * What an attacker would mint for the admin: a token of the platform's shape (HS256, typed
     * {@code at+jwt}, for {@code lethe}, the admin's scope), naming the platform's own key id (read from a
     * real token), and signed with a key of their own.
     */
    private String forged() throws Exception {
        String real = new tools.jackson.databind.json.JsonMapper().readTree(mvc.perform(io.lethe.platform.Callers.tokenRequest()
                .with(httpBasic("service", "lethe-service"))).andReturn().getResponse().getContentAsString())
                .get("access_token").asString();
        String keyId = com.nimbusds.jwt.SignedJWT.parse(real).getHeader().getKeyID();
        assertThat(keyId).startsWith("lethe-");
        try {
            com.nimbusds.jose.JWSSigner signer = new com.nimbusds.jose.crypto.MACSigner(new byte[32]);
            com.nimbusds.jwt.SignedJWT jwt = new com.nimbusds.jwt.SignedJWT(new com.nimbusds.jose.JWSHeader.Builder(
                    com.nimbusds.jose.JWSAlgorithm.HS256).type(new com.nimbusds.jose.JOSEObjectType("at+jwt"))
                    .keyID(keyId).build(),
                    new com.nimbusds.jwt.JWTClaimsSet.Builder().subject("admin").audience("lethe").claim("scope", "lethe:admin")
                            .expirationTime(java.util.Date.from(java.time.Instant.now().plusSeconds(3600))).build());
            jwt.sign(signer);
            return jwt.serialize();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @org.junit.jupiter.api.Test
    void orchestratorsProbeLivenessAndReadinessAnonymouslyAndSeeTheStatusOnly() throws Exception {
        for (String probe : List.of("/actuator/health/liveness", "/actuator/health/readiness")) {
            var response = mvc.perform(request(HttpMethod.GET, probe)).andReturn().getResponse();
            assertThat(response.getStatus()).as(probe).isEqualTo(200);
            assertThat(response.getContentAsString()).as(probe).contains("\"status\":\"UP\"").doesNotContain("components", "details");
        }
    }

    @org.junit.jupiter.api.Test
    void aLoginLeavesTheConfiguredPasswordHashAsItIs(
            @Autowired org.springframework.security.core.userdetails.UserDetailsService users,
            @Autowired org.springframework.core.env.Environment environment) throws Exception {
        String configured = environment.getProperty("lethe.security.users[0].password");
        mvc.perform(io.lethe.platform.Callers.tokenRequest().with(httpBasic("service", "lethe-service")))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().isOk());
        assertThat(users.loadUserByUsername("service").getPassword()).isEqualTo(configured);
        // what would re-hash it: Spring Security upgrades passwords through a UserDetailsPasswordService
        assertThat(users).isNotInstanceOf(org.springframework.security.core.userdetails.UserDetailsPasswordService.class);
    }

    private static MockHttpServletRequestBuilder call(Endpoint endpoint) {
        MockHttpServletRequestBuilder request = request(endpoint.method(), endpoint.path());
        if (endpoint.method() != HttpMethod.GET) {
            // every change declares a JSON body, a bodyless one too (BrowserBorneRequestsTest)
            request.contentType(MediaType.APPLICATION_JSON);
        }
        if (endpoint.body() != null) {
            request.content(endpoint.body());
        }
        return request;
    }

    /** The embedded default's demo users, as the README lists them. */
    static final class DemoUsers {
        static String username(Role role) {
            return switch (role) {
                case SERVICE -> "service";
                case PRIVACY_STAFF -> "staff";
                case AUDITOR -> "auditor";
                case ADMIN -> "admin";
                case PROCESSOR -> "email-delivery";
            };
        }

        static String password(Role role) {
            return role == Role.PROCESSOR ? "lethe-processor" : "lethe-" + username(role);
        }
    }
}
