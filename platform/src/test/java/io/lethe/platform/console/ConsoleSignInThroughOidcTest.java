package io.lethe.platform.console;

import io.lethe.platform.PlatformTest;
import io.lethe.platform.security.TestIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * People sign in to the console through a real OpenID Connect provider (Spring Authorization Server,
 * started in this JVM): the browser goes to the provider's own sign-in page and comes back signed
 * in, with the role its group maps to and named by its {@code preferred_username}. A person whose
 * groups map to no role is signed in but opens nothing. Passwords are off here, as in production:
 * neither HTTP Basic nor the console's password form signs anyone in.
 */
@PlatformTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class ConsoleSignInThroughOidcTest {

    static final int PORT = io.lethe.platform.FreePorts.any();
    static final TestIssuer ISSUER = TestIssuer.withPeople("http://localhost:" + PORT + "/login/oauth2/code/company");

    @DynamicPropertySource
    static void platform(DynamicPropertyRegistry properties) {
        properties.add("server.port", () -> PORT);
        // the production shape: people through the provider, no passwords anywhere
        properties.add("lethe.security.passwords", () -> "false");
        for (String property : ISSUER.consoleRegistration()) {
            int equals = property.indexOf('=');
            properties.add(property.substring(0, equals), () -> property.substring(equals + 1));
        }
    }

    Browser browser;
    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.context.ApplicationContext platform;

    @BeforeEach
    void openBrowser() throws IOException {
        browser = Browser.open("http://localhost:" + PORT);
    }

    @AfterEach
    void closeBrowser() throws IOException {
        if (browser != null) {
            browser.close();
        }
    }

    @AfterAll
    static void stopIssuer() {
        ISSUER.close();
    }

    @Test
    @DisplayName("A person signs in at the company's provider and works as privacy staff under their own name")
    void aPersonSignsInThroughTheProviderWithTheRoleTheirGroupMapsTo() {
        signInAtTheProvider("dana", "dana-password");
        new WebDriverWait(browser.driver(), Duration.ofSeconds(20)).until(ExpectedConditions.urlContains("/console/requests"));
        browser.settle();
        assertThat(browser.driver().findElement(By.cssSelector(".signout span")).getText()).isEqualTo("dana");
        assertThat(browser.problem()).as("the queue loaded through the API with the person's session").isEmpty();
        assertThat(browser.driver().findElements(By.linkText("Keys and dead letters"))).as("no ADMIN role").isEmpty();
    }

    @Test
    @DisplayName("Signing out ends the provider's session too: the next person at the machine is asked for a password")
    void signingOutEndsTheProvidersSession() {
        signInAtTheProvider("dana", "dana-password");
        new WebDriverWait(browser.driver(), Duration.ofSeconds(20)).until(ExpectedConditions.urlContains("/console/requests"));
        browser.settle();
        browser.driver().findElement(By.cssSelector(".signout button")).click();
        // through the provider's end-session endpoint and back to the console's sign-in page
        new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
                .until(ExpectedConditions.urlContains("localhost:" + PORT + "/console/login?signed-out"));

        browser.driver().findElement(By.linkText("Sign in with Company SSO")).click();
        new WebDriverWait(browser.driver(), Duration.ofSeconds(20)).until(ExpectedConditions.urlContains(ISSUER.uri()));
        assertThat(browser.driver().findElements(By.id("password"))).as("the provider asks again").hasSize(1);
        browser.go("/console/requests");
        assertThat(browser.driver().getCurrentUrl()).as("nobody is signed in to the console").contains("/console/login");
    }

    @Test
    @DisplayName("A person whose groups map to no role is signed in but may open nothing")
    void aPersonWithoutAMappedRoleOpensNothing() {
        signInAtTheProvider("eve", "eve-password");
        new WebDriverWait(browser.driver(), Duration.ofSeconds(20)).until(ExpectedConditions.urlContains("localhost:" + PORT));
        assertThat(browser.driver().findElement(By.tagName("main")).getText()).contains("eve", "has no role in this console");
        browser.assertAccessible();
        browser.driver().get("http://localhost:" + PORT + "/api/privacy-requests");
        assertThat(browser.driver().getPageSource()).contains("forbidden");
    }

    @Test
    @DisplayName("With passwords off, HTTP Basic signs nobody in, no token is issued, and the sign-in page offers only the provider")
    void withPasswordsOffOnlyTheProviderSignsIn() throws Exception {
        java.net.http.HttpResponse<String> basic = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + PORT + "/api/privacy-requests"))
                        .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                                "staff:lethe-staff".getBytes(java.nio.charset.StandardCharsets.UTF_8))).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(basic.statusCode()).isEqualTo(401);
        assertThat(basic.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(value -> assertThat(value).startsWith("Bearer"));
        // nor does the platform's token endpoint issue anything: there are no password users to issue to
        java.net.http.HttpResponse<String> token = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + PORT + "/oauth2/token"))
                        .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                                "staff:lethe-staff".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(token.statusCode()).isEqualTo(401);
        assertThat(token.body()).doesNotContain("access_token");
        // and a token in the platform's own shape and key is not taken either: with passwords off only the issuer's are
        java.net.http.HttpResponse<String> own = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + PORT + "/api/privacy-requests"))
                        .header("Authorization", "Bearer " + io.lethe.platform.security.ForgedByThePlatform.token(platform,
                                "staff", "lethe:privacy-staff")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(own.statusCode()).isEqualTo(401);
        browser.go("/console/login");
        assertThat(browser.driver().findElements(By.id("password-field"))).isEmpty();
        assertThat(browser.driver().findElements(By.linkText("Sign in with Company SSO"))).hasSize(1);
    }

    private void signInAtTheProvider(String name, String password) {
        browser.go("/console/login");
        browser.assertAccessible();
        browser.driver().findElement(By.linkText("Sign in with Company SSO")).click();
        new WebDriverWait(browser.driver(), Duration.ofSeconds(20)).until(ExpectedConditions.urlContains(ISSUER.uri()));
        browser.driver().findElement(By.id("username")).sendKeys(name);
        browser.driver().findElement(By.id("password")).sendKeys(password);
        browser.driver().findElement(By.cssSelector("button[type=submit]")).click();
    }

}
