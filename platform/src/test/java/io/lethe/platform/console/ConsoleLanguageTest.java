package io.lethe.platform.console;

import io.lethe.platform.PlatformTest;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static io.lethe.platform.Callers.signedIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The console's language over plain HTTP: the browser's Accept-Language chooses Japanese or English,
 * the switch's {@code ?lang=} overrides it in a cookie only the console's pages receive, and the API
 * answers as it did, setting no such cookie.
 */
@PlatformTest
class ConsoleLanguageTest {

    private static final String COOKIE = "lethe-console-lang";

    @Autowired
    MockMvc mvc;

    @Test
    @DisplayName("The sign-in page speaks Japanese to a browser that prefers it, English to any other")
    void theSignInPageFollowsAcceptLanguage() throws Exception {
        assertJapanese(page(get("/console/login").header("Accept-Language", "ja")));
        assertJapanese(page(get("/console/login").header("Accept-Language", "ja-JP,en;q=0.8")));
        assertJapanese(page(get("/console/login").header("Accept-Language", "fr,ja;q=0.5")));
        assertEnglish(page(get("/console/login").header("Accept-Language", "en")));
        assertEnglish(page(get("/console/login").header("Accept-Language", "en-US,ja;q=0.5")));
        assertEnglish(page(get("/console/login").header("Accept-Language", "fr")));
        assertEnglish(page(get("/console/login")));
    }

    @Test
    @DisplayName("The switch overrides the browser's language and is remembered in a cookie for the console only")
    void theSwitchIsRememberedForTheConsole() throws Exception {
        MvcResult switched = mvc.perform(get("/console/login").param("lang", "ja").header("Accept-Language", "en"))
                .andExpect(status().isOk()).andReturn();
        assertJapanese(switched.getResponse().getContentAsString());
        Cookie remembered = switched.getResponse().getCookie(COOKIE);
        assertThat(remembered).isNotNull();
        assertThat(remembered.getPath()).isEqualTo("/console");
        assertThat(remembered.isHttpOnly()).isTrue();
        assertJapanese(page(get("/console/login").cookie(remembered).header("Accept-Language", "en")));
        // the other way, and a language the console does not speak is English
        MvcResult back = mvc.perform(get("/console/login").param("lang", "en").cookie(remembered).header("Accept-Language", "ja"))
                .andExpect(status().isOk()).andReturn();
        assertEnglish(back.getResponse().getContentAsString());
        assertEnglish(page(get("/console/login").param("lang", "de").header("Accept-Language", "ja")));
        // the switch keeps the page's own query, and names the current language
        String page = page(get("/console/login?failed").header("Accept-Language", "ja"));
        assertThat(page).contains("href=\"/console/login?failed&amp;lang=en\"", "href=\"/console/login?failed&amp;lang=ja\"")
                .containsPattern("hreflang=\"ja\"\\s+aria-current=\"true\"");
    }

    @Test
    @DisplayName("The API answers as before: its lang parameter sets no console language")
    void theApiIsLeftAlone() throws Exception {
        MvcResult answer = mvc.perform(get("/api/privacy-requests").param("lang", "ja").header("Accept-Language", "ja")
                        .with(signedIn("staff", "lethe-staff")))
                .andExpect(status().isOk()).andReturn();
        assertThat(answer.getResponse().getCookie(COOKIE)).isNull();
        assertThat(answer.getResponse().getContentType()).startsWith("application/json");
    }

    private String page(org.springframework.test.web.servlet.RequestBuilder request) throws Exception {
        return mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void assertJapanese(String page) {
        assertThat(page).contains("<html lang=\"ja\"", "<h1>Lethe コンソールにサインイン</h1>", "<title>サインイン · Lethe コンソール</title>",
                "<label for=\"password-field\">パスワード</label>");
    }

    private static void assertEnglish(String page) {
        assertThat(page).contains("<html lang=\"en\"", "<h1>Sign in to the Lethe console</h1>", "<title>Sign in · Lethe console</title>",
                "<label for=\"password-field\">Password</label>");
    }
}
