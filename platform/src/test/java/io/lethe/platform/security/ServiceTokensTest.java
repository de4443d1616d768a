package io.lethe.platform.security;

import io.lethe.platform.PlatformTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static io.lethe.platform.Callers.signedIn;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.options;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Services and processors signing in with OAuth2 client-credentials tokens from a real authorization
 * server: a processor is the client its token was issued to, so processor A's token cannot read or
 * confirm processor B's work, whatever the request says; a token without a Lethe scope, or from
 * nowhere, is refused; so is a token meant for another API, a person's ID token, and a client's token
 * asking for a person's role; the platform's own tokens still serve the configured users beside the issuer's.
 */
@PlatformTest
@TestPropertySource(properties = {"lethe.requests.processors.email-delivery=7d", "lethe.requests.processors.crm-sync=7d",
        "lethe.security.cors.allowed-origins=https://privacy.example.com"})
class ServiceTokensTest {

    /** Where the provider sends a person's browser back; nothing listens there, the code is read from the redirect. */
    private static final String CONSOLE_REDIRECT = "http://127.0.0.1:9/login/oauth2/code/company";

    private static TestIssuer issuer;

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    @DynamicPropertySource
    static void issuer(DynamicPropertyRegistry registry) {
        if (issuer == null) {
            issuer = TestIssuer.withPeople(CONSOLE_REDIRECT);
        }
        String uri = issuer.uri();
        registry.add("lethe.security.tokens.issuer-uri", () -> uri);
    }

    @AfterAll
    static void stopIssuer() {
        if (issuer != null) {
            issuer.close();
            issuer = null;
        }
    }

    @Test
    @DisplayName("A service token for processor A cannot confirm for processor B")
    void aProcessorIsTheClientItsTokenWasIssuedTo() throws Exception {
        String service = "Bearer " + issuer.token("game-service", "lethe:service");
        String emailDelivery = "Bearer " + issuer.token("email-delivery", "lethe:processor");
        String crmSync = "Bearer " + issuer.token("crm-sync", "lethe:processor");

        String subject = json.readTree(mvc.perform(post("/api/subjects").header("Authorization", service)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"jurisdiction\":\"EU\",\"name\":\"Tove Berg\",\"dateOfBirth\":\"1988-08-08\","
                                + "\"email\":\"tove@example.se\"}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString()).get("subjectId").asString();
        String request = json.readTree(mvc.perform(post("/api/subjects/" + subject + "/privacy-requests")
                        .header("Authorization", service).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"type\":\"erasure\",\"requester\":\"SUBJECT\",\"channel\":\"EMAIL\"}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString()).get("requestId").asString();
        mvc.perform(post("/api/subjects/" + subject + "/privacy-requests/" + request + "/identity-verification")
                        .with(signedIn("staff", "lethe-staff")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"method\":\"EMAIL_CONFIRMATION\"}"))
                .andExpect(status().isNoContent());

        // each processor sees its own deletion, by the client its token names
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> mvc.perform(get("/api/processor-deletions")
                        .header("Authorization", crmSync))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.requestId == '" + request + "')].processor").value(hasItem("crm-sync"))));
        mvc.perform(get("/api/processor-deletions?processor=email-delivery").header("Authorization", crmSync))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("urn:problem-type:lethe:another-processors-queue"));
        // crm-sync confirms: that is its own confirmation, and email-delivery's is still owed
        mvc.perform(post("/api/subjects/" + subject + "/privacy-requests/" + request + "/processor-confirmations")
                        .header("Authorization", crmSync).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"reference\":\"crm-77\"}"))
                .andExpect(status().isNoContent());
        // naming email-delivery in the body does not make crm-sync email-delivery
        mvc.perform(post("/api/subjects/" + subject + "/privacy-requests/" + request + "/processor-confirmations")
                        .header("Authorization", crmSync).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"processor\":\"email-delivery\",\"reference\":\"crm-78\"}"))
                .andExpect(status().isBadRequest());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> mvc.perform(get("/api/privacy-requests/" + request)
                        .with(signedIn("staff", "lethe-staff")))
                .andExpect(jsonPath("$.status").value("IN_PROGRESS"))
                .andExpect(jsonPath("$.processors[?(@.processor == 'crm-sync')].confirmedAt").isNotEmpty())
                .andExpect(jsonPath("$.processors[?(@.processor == 'email-delivery')].confirmedAt").value(hasItem(
                        org.hamcrest.Matchers.nullValue()))));
        mvc.perform(post("/api/subjects/" + subject + "/privacy-requests/" + request + "/processor-confirmations")
                        .header("Authorization", emailDelivery).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"reference\":\"ed-1\"}"))
                .andExpect(status().isNoContent());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> mvc.perform(get("/api/privacy-requests/" + request)
                        .with(signedIn("staff", "lethe-staff")))
                .andExpect(jsonPath("$.status").value("FULFILLED")));
        // the audit trail names the clients
        org.assertj.core.api.Assertions.assertThat(jdbc.queryForList("SELECT convert_from(meta_data, 'UTF8')::jsonb ->> 'principal' "
                        + "FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type LIKE '%ProcessorDeletionConfirmedEvent'",
                String.class, subject)).containsExactlyInAnyOrder("crm-sync", "email-delivery");
    }

    @Test
    void aTokensRolesComeFromItsScopesAndNothingElse() throws Exception {
        String processor = "Bearer " + issuer.token("email-delivery", "lethe:processor");
        String unmapped = "Bearer " + issuer.token("reporting-tool", "reporting:read");
        mvc.perform(post("/api/subjects").header("Authorization", processor).contentType(MediaType.APPLICATION_JSON)
                        .content("{}"))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/privacy-requests").header("Authorization", processor)).andExpect(status().isForbidden());
        mvc.perform(get("/api/processor-deletions").header("Authorization", unmapped)).andExpect(status().isForbidden());
    }

    @Test
    void aForgedOrForeignTokenIsRefusedAsUnauthenticated() throws Exception {
        String token = issuer.token("game-service", "lethe:service");
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"sub\":\"email-delivery\",\"scope\":\"lethe:processor lethe:admin\",\"iss\":\"x\"}".getBytes()) + "." + parts[2];
        mvc.perform(get("/api/processor-deletions").header("Authorization", "Bearer " + forged))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.type").value("urn:problem-type:lethe:invalid-token"));
        mvc.perform(get("/api/processor-deletions").header("Authorization", "Bearer not-a-token"))
                .andExpect(status().isUnauthorized());
        // the platform's own tokens still serve the configured users alongside
        mvc.perform(get("/api/processor-deletions").with(signedIn("email-delivery", "lethe-processor")))
                .andExpect(status().isOk());
    }

    @Test
    @DisplayName("An access token typed at+jwt (RFC 9068) is an access token: its service registers a subject")
    void aTokenTypedAtJwtIsAccepted() throws Exception {
        String typed = issuer.token("typed-service", "lethe:service");
        org.assertj.core.api.Assertions.assertThat(com.nimbusds.jwt.SignedJWT.parse(typed).getHeader().getType().getType())
                .isEqualTo("at+jwt");
        mvc.perform(post("/api/subjects").header("Authorization", "Bearer " + typed).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"jurisdiction\":\"EU\",\"name\":\"Tia Typed\",\"dateOfBirth\":\"1990-01-01\","
                                + "\"email\":\"tia@example.fr\"}"))
                .andExpect(status().isCreated());
    }

    @Test
    @DisplayName("A token the issuer minted for another API is refused with a Bearer challenge, and records nothing")
    void aTokenForAnotherAudienceIsRefused() throws Exception {
        String billing = "Bearer " + issuer.token("billing-client", "lethe:service");
        long events = events();
        mvc.perform(post("/api/subjects").header("Authorization", billing).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"jurisdiction\":\"EU\",\"name\":\"Ines Moreau\",\"dateOfBirth\":\"1990-01-01\","
                                + "\"email\":\"ines@example.fr\"}"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", containsString("error=\"invalid_token\"")))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("urn:problem-type:lethe:invalid-token"));
        org.assertj.core.api.Assertions.assertThat(events()).isEqualTo(events);
    }

    @Test
    @DisplayName("A person's ID token from the same issuer is not an access token")
    void anIdTokenIsRefused() throws Exception {
        String idToken = issuer.idToken("dana", "dana-password", CONSOLE_REDIRECT);
        mvc.perform(get("/actuator/health").header("Authorization", "Bearer " + idToken))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", containsString("error=\"invalid_token\"")))
                .andExpect(jsonPath("$.type").value("urn:problem-type:lethe:invalid-token"));
    }

    @Test
    @DisplayName("A client's token asking for ADMIN gives no role: tokens give SERVICE and PROCESSOR only")
    void aClientTokenAskingForAdminGetsNoRole() throws Exception {
        String robot = "Bearer " + issuer.token("ops-robot", "lethe:admin");
        mvc.perform(get("/api/admin/key-vault").header("Authorization", robot))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("urn:problem-type:lethe:forbidden"));
        mvc.perform(get("/actuator/prometheus").header("Authorization", robot)).andExpect(status().isForbidden());
    }

    @Test
    @DisplayName("A page of an allowed origin calls the API with a bearer token; another origin's page is refused and changes nothing")
    void pagesOfAnAllowedOriginCallWithTokens() throws Exception {
        String service = "Bearer " + issuer.token("game-service", "lethe:service");
        String registration = "{\"jurisdiction\":\"US-CA\",\"name\":\"Ana Ruiz\",\"dateOfBirth\":\"1990-01-02\","
                + "\"email\":\"ana@example.com\"}";

        // the browser's preflight, answered before anyone is authenticated: the token and the key may be sent,
        // but no credentials of the browser's own
        mvc.perform(options("/api/subjects").header("Origin", "https://privacy.example.com")
                        .header("Access-Control-Request-Method", "POST")
                        .header("Access-Control-Request-Headers", "authorization, content-type, idempotency-key"))
                .andExpect(status().isOk())
                .andExpect(header().string("Access-Control-Allow-Origin", "https://privacy.example.com"))
                .andExpect(header().string("Access-Control-Allow-Methods", containsString("POST")))
                .andExpect(header().string("Access-Control-Allow-Headers", containsString("idempotency-key")))
                .andExpect(header().doesNotExist("Access-Control-Allow-Credentials"));
        mvc.perform(post("/api/subjects").header("Origin", "https://privacy.example.com").header("Authorization", service)
                        .contentType(MediaType.APPLICATION_JSON).content(registration))
                .andExpect(status().isCreated())
                .andExpect(header().string("Access-Control-Allow-Origin", "https://privacy.example.com"))
                .andExpect(header().string("Access-Control-Expose-Headers", containsString("Location")));

        // only the API answers other origins: a preflight elsewhere is refused like any request there
        mvc.perform(options("/v3/api-docs").header("Origin", "https://privacy.example.com")
                        .header("Access-Control-Request-Method", "GET"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().doesNotExist("Access-Control-Allow-Origin"));

        long events = events();
        mvc.perform(options("/api/subjects").header("Origin", "https://privacy.example.com.attacker.example")
                        .header("Access-Control-Request-Method", "POST"))
                .andExpect(status().isForbidden())
                .andExpect(header().doesNotExist("Access-Control-Allow-Origin"))
                .andExpect(jsonPath("$.type").value("urn:problem-type:lethe:origin-not-allowed"));
        mvc.perform(post("/api/subjects").header("Origin", "https://attacker.example").header("Authorization", service)
                        .contentType(MediaType.APPLICATION_JSON).content(registration))
                .andExpect(status().isForbidden())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("urn:problem-type:lethe:origin-not-allowed"));
        assertThat(events()).isEqualTo(events);
    }

    private long events() {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    }
}
