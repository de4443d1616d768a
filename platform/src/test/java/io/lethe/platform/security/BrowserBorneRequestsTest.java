package io.lethe.platform.security;

import io.lethe.platform.PlatformTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static io.lethe.platform.Callers.signedIn;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * What a browser does on its own: it keeps HTTP Basic credentials once typed for the platform and sends
 * them with a cross-site form, and it keeps whatever cookie the platform sets. The API takes no password
 * (only a token, which a browser never attaches by itself), so a form can change nothing; and the API
 * hands out no session.
 */
@PlatformTest
class BrowserBorneRequestsTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    JdbcTemplate jdbc;

    @ParameterizedTest(name = "a cross-site form sent as {0} with cached Basic credentials")
    @ValueSource(strings = {"application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "text/plain", ""})
    @DisplayName("A cross-site form with cached Basic credentials changes nothing: the API takes no password, 401, no event")
    void aCrossSiteFormChangesNothing(String contentType) throws Exception {
        String[] request = submittedRequest();
        long events = events();
        var form = post("/api/subjects/" + request[0] + "/privacy-requests/" + request[1] + "/acknowledgement")
                .with(httpBasic("staff", "lethe-staff")).header("Origin", "https://attacker.example");
        if (!contentType.isEmpty()) {
            form.header("Content-Type", contentType).content("anything=1");
        }
        mvc.perform(form)
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("urn:problem-type:lethe:unauthenticated"));
        assertThat(events()).isEqualTo(events);

        // the same step with a token, which no browser attaches by itself: no body type needed
        mvc.perform(post("/api/subjects/" + request[0] + "/privacy-requests/" + request[1] + "/acknowledgement")
                        .with(signedIn("staff", "lethe-staff")))
                .andExpect(status().isNoContent());
        assertThat(events()).isGreaterThan(events);
    }

    @ParameterizedTest(name = "anonymous GET {0}")
    @ValueSource(strings = {"/api/subjects", "/api/privacy-requests", "/v3/api-docs", "/swagger-ui/index.html", "/", "/nowhere"})
    @DisplayName("An anonymous request that accepts anything is given no session")
    void anAnonymousRequestIsGivenNoSession(String path) throws Exception {
        MvcResult result = mvc.perform(get(path).accept(MediaType.ALL)).andExpect(status().isUnauthorized()).andReturn();
        assertThat(result.getRequest().getSession(false)).isNull();
        assertThat(result.getResponse().getHeader("Set-Cookie")).isNull();
    }

    @Test
    @DisplayName("A refused sign-in and a role's refusal are given no session either")
    void refusedCallersAreGivenNoSession() throws Exception {
        MvcResult wrong = mvc.perform(io.lethe.platform.Callers.tokenRequest().accept(MediaType.ALL)
                        .with(httpBasic("auditor", "wrong")).with(request -> {
                            request.setRemoteAddr("192.0.2.77");
                            return request;
                        }))
                .andExpect(status().isUnauthorized()).andReturn();
        assertThat(wrong.getRequest().getSession(false)).isNull();
        assertThat(wrong.getResponse().getHeader("Set-Cookie")).isNull();
        MvcResult basic = mvc.perform(get("/api/subjects").accept(MediaType.ALL).with(httpBasic("auditor", "lethe-auditor")))
                .andExpect(status().isUnauthorized()).andReturn();
        assertThat(basic.getRequest().getSession(false)).isNull();
        MvcResult forbidden = mvc.perform(get("/api/subjects").accept(MediaType.ALL).with(signedIn("auditor", "lethe-auditor")))
                .andExpect(status().isForbidden()).andReturn();
        assertThat(forbidden.getRequest().getSession(false)).isNull();
    }

    /** A subject and a request of theirs, sent as a product service sends them. */
    private String[] submittedRequest() throws Exception {
        String subject = json.readTree(mvc.perform(post("/api/subjects").with(signedIn("service", "lethe-service"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"jurisdiction\":\"EU\",\"name\":\"Lea Novak\",\"dateOfBirth\":\"1985-03-03\","
                                + "\"email\":\"lea@example.si\"}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString()).get("subjectId").asString();
        String request = json.readTree(mvc.perform(post("/api/subjects/" + subject + "/privacy-requests")
                        .with(signedIn("service", "lethe-service")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"type\":\"access\",\"requester\":\"SUBJECT\",\"channel\":\"EMAIL\"}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString()).get("requestId").asString();
        return new String[]{subject, request};
    }

    private long events() {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    }
}
