package io.lethe.platform.console;

import io.lethe.platform.Callers;
import io.lethe.platform.PlatformTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static io.lethe.platform.Callers.signedIn;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The console's sessions against the API: a session-borne change needs the session's CSRF token,
 * failed sign-ins are held back, roles decide which console pages open, and the pages allow only
 * the platform's own scripts. Each test signs in from an address of its own, so the sign-in limits
 * it trips touch no other test.
 */
@PlatformTest
class ConsoleSessionTest {

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern CSRF_META = Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]+)\"");

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    @DisplayName("The console asks an unsigned visitor to sign in, and serves its pages with a strict content policy")
    void theConsoleAsksForASignInAndAllowsOnlyItsOwnScripts() throws Exception {
        mvc.perform(get("/console/requests").with(from("198.51.100.1")))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/console/login"));
        MockHttpSession session = signIn("staff", "lethe-staff", "198.51.100.1");
        mvc.perform(get("/console/requests").session(session).with(from("198.51.100.1")))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Security-Policy", org.hamcrest.Matchers.containsString("script-src 'self'")))
                .andExpect(header().string("X-Frame-Options", "DENY"));
        mvc.perform(get("/console/admin").session(session).with(from("198.51.100.1")))
                .andExpect(status().isForbidden());
        mvc.perform(get("/console/subjects/not-a-subject").session(session).with(from("198.51.100.1")))
                .andExpect(status().isNotFound());
    }

    @Test
    @DisplayName("A change sent with a console session and no CSRF token is refused, and nothing is recorded")
    void aSessionBorneChangeNeedsTheSessionsCsrfToken() throws Exception {
        String subject = mvc.perform(post("/api/subjects").with(signedIn("service", "lethe-service"))
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"jurisdiction":"US-CA","name":"Noor Haddad","dateOfBirth":"1990-06-06","email":"noor@example.com"}"""))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString()
                .replaceAll(".*\"subjectId\":\"([^\"]+)\".*", "$1");
        MockHttpSession session = signIn("staff", "lethe-staff", "198.51.100.2");
        String submit = "/api/subjects/" + subject + "/privacy-requests";
        String body = "{\"type\":\"know-categories\",\"requester\":\"SUBJECT\",\"channel\":\"MAIL\"}";
        long eventsBefore = events(subject);

        mvc.perform(post(submit).session(session).with(from("198.51.100.2")).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("urn:problem-type:lethe:csrf-token-invalid"));
        mvc.perform(post(submit).session(session).with(from("198.51.100.2")).header("X-CSRF-TOKEN", "forged")
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isForbidden());
        assertThat(events(subject)).as("no event for a refused change").isEqualTo(eventsBefore);

        String page = mvc.perform(get("/console/requests/new").session(session).with(from("198.51.100.2")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        Matcher token = CSRF_META.matcher(page);
        assertThat(token.find()).as("the page carries the session's token").isTrue();
        mvc.perform(post(submit).session(session).with(from("198.51.100.2")).header("X-CSRF-TOKEN", token.group(1))
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated());
        assertThat(events(subject)).isEqualTo(eventsBefore + 1);

        // the API's own callers have no session, need no token, and are given no session
        MvcResult stateless = mvc.perform(post(submit).with(signedIn("staff", "lethe-staff")).with(from("198.51.100.2"))
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated()).andReturn();
        assertThat(stateless.getRequest().getSession(false)).isNull();
        assertThat(stateless.getResponse().getHeader("Set-Cookie")).isNull();
    }

    @Test
    @DisplayName("Failed sign-ins are held back: five wrong passwords for a token, and even the right one is refused for a while")
    void failedSignInsAreHeldBack() throws Exception {
        for (int i = 0; i < 5; i++) {
            mvc.perform(Callers.tokenRequest().with(httpBasic("staff", "wrong-" + i)).with(from("198.51.100.3")))
                    .andExpect(status().isUnauthorized());
        }
        mvc.perform(Callers.tokenRequest().with(httpBasic("staff", "lethe-staff")).with(from("198.51.100.3")))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().exists("Retry-After"))
                .andExpect(jsonPath("$.type").value("urn:problem-type:lethe:too-many-failed-sign-ins"));
        mvc.perform(Callers.tokenRequest().with(httpBasic("staff", "lethe-staff")).with(from("198.51.100.4")))
                .andExpect(status().isOk());

        for (int i = 0; i < 5; i++) {
            consoleSignIn("auditor", "wrong-" + i, "198.51.100.5");
        }
        MvcResult heldBack = consoleSignIn("auditor", "lethe-auditor", "198.51.100.5");
        assertThat(heldBack.getResponse().getRedirectedUrl()).endsWith("/console/login?held-back");
        String page = mvc.perform(get("/console/login").param("held-back", "")).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Too many failed sign-ins");
    }

    private MockHttpSession signIn(String name, String password, String address) throws Exception {
        MvcResult result = consoleSignIn(name, password, address);
        assertThat(result.getResponse().getRedirectedUrl()).endsWith("/console");
        return (MockHttpSession) result.getRequest().getSession(false);
    }

    private MvcResult consoleSignIn(String name, String password, String address) throws Exception {
        MvcResult form = mvc.perform(get("/console/login").with(from(address))).andExpect(status().isOk()).andReturn();
        Matcher token = CSRF_FIELD.matcher(form.getResponse().getContentAsString());
        assertThat(token.find()).as("the sign-in form carries a CSRF token").isTrue();
        MockHttpSession session = (MockHttpSession) form.getRequest().getSession(false);
        return mvc.perform(post("/console/login").session(session).with(from(address))
                .param("username", name).param("password", password).param("_csrf", token.group(1))).andReturn();
    }

    private long events(String subject) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?", Long.class, subject);
    }

    private static RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }

}
