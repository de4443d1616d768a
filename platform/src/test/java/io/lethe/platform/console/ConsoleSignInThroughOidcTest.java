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
import java.net.ServerSocket;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * People sign in to the console through a real OpenID Connect provider (Spring Authorization Server,
 * started in this JVM): the browser goes to the provider's own sign-in page and comes back signed
 * in, with the role its group maps to and named by its {@code preferred_username}. A person whose
 * groups map to no role is signed in but opens nothing.
 */
@PlatformTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class ConsoleSignInThroughOidcTest {

    static final int PORT = freePort();
    static final TestIssuer ISSUER = TestIssuer.withPeople("http://localhost:" + PORT + "/login/oauth2/code/company");

    @DynamicPropertySource
    static void platform(DynamicPropertyRegistry properties) {
        properties.add("server.port", () -> PORT);
        for (String property : ISSUER.consoleRegistration()) {
            int equals = property.indexOf('=');
            properties.add(property.substring(0, equals), () -> property.substring(equals + 1));
        }
    }

    Browser browser;

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
    @DisplayName("A person whose groups map to no role is signed in but may open nothing")
    void aPersonWithoutAMappedRoleOpensNothing() {
        signInAtTheProvider("eve", "eve-password");
        new WebDriverWait(browser.driver(), Duration.ofSeconds(20)).until(ExpectedConditions.urlContains("localhost:" + PORT));
        assertThat(browser.driver().findElement(By.tagName("main")).getText()).contains("eve", "has no role in this console");
        browser.assertAccessible();
        browser.driver().get("http://localhost:" + PORT + "/api/privacy-requests");
        assertThat(browser.driver().getPageSource()).contains("forbidden");
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

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
