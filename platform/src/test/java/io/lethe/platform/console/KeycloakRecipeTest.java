package io.lethe.platform.console;

import io.lethe.platform.PlatformTest;
import io.lethe.platform.security.Keycloak;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The README's Keycloak recipe followed against a real Keycloak (its distribution from Maven Central, on
 * a JDK 21 or newer; skipped with the reason where this machine has none), configured as the recipe
 * says and in the production shape (no passwords). The platform starts while Keycloak is down; then
 * services and processors sign in with the realm's client-credentials tokens, a processor sees only its
 * own queue, a token without Lethe's audience is refused, a person signs in and out of the console
 * through Keycloak's own pages, and Keycloak is stopped and started again under the running platform.
 */
@PlatformTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeycloakRecipeTest {

    static final int PORT = io.lethe.platform.FreePorts.any();
    static final int KEYCLOAK_PORT = io.lethe.platform.FreePorts.any();
    static Keycloak KEYCLOAK;
    private static boolean built;
    private static Throwable startFailed;

    /** Before the platform starts: skips the class where Keycloak cannot run here, and starts nothing. */
    @BeforeAll
    static void findKeycloak() {
        KEYCLOAK = Keycloak.onPort(KEYCLOAK_PORT);
    }

    @DynamicPropertySource
    static void platform(DynamicPropertyRegistry properties) {
        properties.add("server.port", () -> PORT);
        properties.add("lethe.security.passwords", () -> "false");
        // the recipe: the realm as the issuer, the client id as the caller
        properties.add("lethe.security.tokens.issuer-uri", () -> Keycloak.issuer(KEYCLOAK_PORT));
        properties.add("lethe.security.tokens.principal-claim", () -> "azp");
        properties.add("lethe.requests.processors.email-delivery", () -> "7d");
        properties.add("lethe.requests.processors.crm-sync", () -> "7d");
        String registration = "spring.security.oauth2.client.registration.company.";
        properties.add(registration + "client-id", () -> "lethe-console");
        properties.add(registration + "client-secret", () -> "lethe-console-secret");
        properties.add(registration + "client-name", () -> "Company SSO");
        properties.add(registration + "scope", () -> "openid,profile");
        properties.add(registration + "authorization-grant-type", () -> "authorization_code");
        properties.add(registration + "redirect-uri", () -> "{baseUrl}/login/oauth2/code/{registrationId}");
        properties.add("spring.security.oauth2.client.provider.company.issuer-uri", () -> Keycloak.issuer(KEYCLOAK_PORT));
    }

    @Autowired
    MockMvc mvc;

    @AfterAll
    static void stopKeycloak() {
        if (KEYCLOAK != null) {
            KEYCLOAK.close();
        }
    }

    @Test
    @Order(1)
    @DisplayName("The platform starts while Keycloak is down: bearer calls are 503, choosing it on the sign-in page says so")
    void thePlatformStartsWhileTheProviderIsDown() throws Exception {
        if (built) {
            return;
        }
        mvc.perform(get("/actuator/health/readiness")).andExpect(status().isOk());
        mvc.perform(get("/oauth2/authorization/company"))
                .andExpect(status().isFound())
                .andExpect(header().string("Location", org.hamcrest.Matchers.endsWith("/console/login?provider-unavailable")));
        mvc.perform(get("/api/processor-deletions").header("Authorization", "Bearer "
                        + "eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.eyJzdWIiOiJjcm0tc3luYyJ9.c2lnbmF0dXJl"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "30"));
    }

    @Test
    @Order(2)
    @DisplayName("Services and processors sign in with the realm's tokens; a processor sees only its own queue")
    void servicesAndProcessorsSignInWithTheRealmsTokens() throws Exception {
        keycloakUp();
        register(KEYCLOAK.token("game-service")).andExpect(status().isCreated());
        String crmSync = "Bearer " + KEYCLOAK.token("crm-sync");
        mvc.perform(get("/api/processor-deletions").header("Authorization", crmSync)).andExpect(status().isOk());
        mvc.perform(get("/api/processor-deletions?processor=email-delivery").header("Authorization", crmSync))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("urn:problem-type:lethe:another-processors-queue"));
        // a processor's token is not a service's
        register(KEYCLOAK.token("email-delivery")).andExpect(status().isForbidden());
        // a client of the same realm without the recipe's scope: its token is not meant for Lethe
        register(KEYCLOAK.token("reporting-tool"))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.type").value("urn:problem-type:lethe:invalid-token"));
    }

    @Test
    @Order(3)
    @DisplayName("A person signs in at Keycloak's page, works under their name, and signing out ends Keycloak's session")
    void aPersonSignsInAndOutThroughKeycloak() throws Exception {
        keycloakUp();
        try (Browser browser = Browser.open("http://localhost:" + PORT)) {
            // an API address visited while signed out does not become where the sign-in lands
            browser.go("/api/privacy-requests");
            signIn(browser, "dana");
            new WebDriverWait(browser.driver(), Duration.ofSeconds(30)).until(ExpectedConditions.urlContains("/console/requests"));
            browser.settle();
            assertThat(browser.driver().findElement(By.cssSelector(".signout span")).getText()).isEqualTo("dana");
            assertThat(browser.problem()).as("the queue loaded through the API with the person's session").isEmpty();

            browser.driver().findElement(By.cssSelector(".signout button")).click();
            new WebDriverWait(browser.driver(), Duration.ofSeconds(30))
                    .until(ExpectedConditions.urlContains("localhost:" + PORT + "/console/login?signed-out"));
            browser.driver().findElement(By.linkText("Sign in with Company SSO")).click();
            new WebDriverWait(browser.driver(), Duration.ofSeconds(30)).until(ExpectedConditions.urlContains(KEYCLOAK.issuer()));
            assertThat(browser.driver().findElements(By.id("password"))).as("Keycloak asks for the password again").hasSize(1);

            // someone whose realm roles map to no role is signed in but opens nothing
            browser.driver().manage().deleteAllCookies();
            browser.go("/console/login");
            signIn(browser, "eve");
            new WebDriverWait(browser.driver(), Duration.ofSeconds(30)).until(ExpectedConditions.urlContains("localhost:" + PORT));
            assertThat(browser.driver().findElement(By.tagName("main")).getText()).contains("eve", "has no role in this console");
        }
    }

    @Test
    @Order(4)
    @DisplayName("Keycloak stopped under the platform: tokens already checked keep working; started again, new ones do too")
    void theProviderStoppedAndStartedUnderThePlatform() throws Exception {
        keycloakUp();
        String before = KEYCLOAK.token("game-service");
        register(before).andExpect(status().isCreated());
        KEYCLOAK.stop();
        // its keys are known: a token checked against them needs no call to Keycloak
        register(before).andExpect(status().isCreated());
        KEYCLOAK.start(false);
        register(KEYCLOAK.token("game-service")).andExpect(status().isCreated());
    }

    private ResultActions register(String token) throws Exception {
        return mvc.perform(post("/api/subjects").header("Authorization", "Bearer " + token).contentType(MediaType.APPLICATION_JSON)
                .content("{\"jurisdiction\":\"JP\",\"name\":\"Keiko Sato\",\"dateOfBirth\":\"1990-04-01\",\"email\":\"keiko@example.jp\"}"));
    }

    private void signIn(Browser browser, String person) {
        browser.go("/console/login");
        browser.driver().findElement(By.linkText("Sign in with Company SSO")).click();
        new WebDriverWait(browser.driver(), Duration.ofSeconds(30)).until(ExpectedConditions.urlContains(KEYCLOAK.issuer()));
        browser.driver().findElement(By.id("username")).sendKeys(person);
        browser.driver().findElement(By.id("password")).sendKeys(person + "-password");
        browser.driver().findElement(By.id("kc-login")).click();
    }

    private static synchronized void keycloakUp() throws Exception {
        if (startFailed != null) {
            throw new IllegalStateException("Keycloak could not be started or set up for an earlier test", startFailed);
        }
        if (!built) {
            try {
                startKeycloak();
            } catch (Exception failure) {
                startFailed = failure;
                KEYCLOAK.stop();
                throw failure;
            }
        }
    }

    private static void startKeycloak() throws Exception {
        KEYCLOAK.start(true);
        Map<String, String> people = new LinkedHashMap<>();
        people.put("dana", "lethe-privacy-staff");
        people.put("eve", null);
        KEYCLOAK.buildRealm("http://localhost:" + PORT, people);
        built = true;
    }
}
