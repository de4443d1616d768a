package io.lethe.platform.security;

import io.lethe.platform.PlatformTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static io.lethe.platform.Callers.signedIn;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Every caller has an allowance of requests a minute: each answer says what is left, and the request
 * after the last one is refused, unheard, until the allowance refills — one caller's flood does not
 * touch another's allowance, and a refused change records nothing.
 */
@PlatformTest
@TestPropertySource(properties = {
        "test.rate-limits.anonymous=3",
        "test.rate-limits.PRIVACY_STAFF=5",
        "test.rate-limits.AUDITOR=5",
        "test.rate-limits.SERVICE=2"
})
class RateLimitTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    @DisplayName("a caller's allowance counts down on every answer; past it, 429 rate-limited with Retry-After")
    void aCallerPastItsAllowanceIsRefusedUntilItRefills() throws Exception {
        for (int remaining = 4; remaining >= 0; remaining--) {
            mvc.perform(get("/api/request-metrics?year=2026").with(signedIn("staff", "lethe-staff")))
                    .andExpect(status().isOk())
                    .andExpect(header().string("RateLimit-Limit", "5"))
                    .andExpect(header().string("RateLimit-Remaining", Integer.toString(remaining)))
                    .andExpect(header().exists("RateLimit-Reset"));
        }
        MvcResult refused = mvc.perform(get("/api/request-metrics?year=2026").with(signedIn("staff", "lethe-staff")))
                .andExpect(status().isTooManyRequests())
                .andExpect(jsonPath("$.type").value("urn:problem-type:lethe:rate-limited"))
                .andExpect(header().string("RateLimit-Remaining", "0"))
                .andReturn();
        long retryAfter = Long.parseLong(refused.getResponse().getHeader("Retry-After"));
        // a minute's allowance of five refills one request every 12 s
        assertThat(retryAfter).isBetween(1L, 12L);

        // another caller's allowance is its own
        mvc.perform(get("/api/request-metrics?year=2026").with(signedIn("auditor", "lethe-auditor")))
                .andExpect(status().isOk())
                .andExpect(header().string("RateLimit-Remaining", "4"));
    }

    @Test
    @DisplayName("requests without credentials count per address, and their 401s say so too")
    void anonymousRequestsCountPerAddress() throws Exception {
        for (int remaining = 2; remaining >= 0; remaining--) {
            mvc.perform(get("/api/subjects").with(from("203.0.113.7")))
                    .andExpect(status().isUnauthorized())
                    .andExpect(header().string("RateLimit-Limit", "3"))
                    .andExpect(header().string("RateLimit-Remaining", Integer.toString(remaining)));
        }
        mvc.perform(get("/api/subjects").with(from("203.0.113.7")))
                .andExpect(status().isTooManyRequests())
                .andExpect(jsonPath("$.type").value("urn:problem-type:lethe:rate-limited"))
                .andExpect(header().exists("Retry-After"));
        mvc.perform(get("/api/subjects").with(from("203.0.113.8")))
                .andExpect(status().isUnauthorized());
        // the orchestrator's probes are not counted
        for (int probe = 0; probe < 5; probe++) {
            mvc.perform(get("/actuator/health/liveness").with(from("203.0.113.7")))
                    .andExpect(status().isOk())
                    .andExpect(header().doesNotExist("RateLimit-Remaining"));
        }
    }

    @Test
    @DisplayName("a change refused for the caller's rate records nothing")
    void aRefusedChangeRecordsNothing() throws Exception {
        String body = "{\"jurisdiction\":\"EU\",\"name\":\"Rae Limit\",\"dateOfBirth\":\"1980-01-01\",\"email\":\"rae@limit.example\"}";
        for (int i = 0; i < 2; i++) {
            mvc.perform(post("/api/subjects").with(signedIn("service", "lethe-service"))
                            .contentType(MediaType.APPLICATION_JSON).content(body))
                    .andExpect(status().isCreated());
        }
        long events = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
        mvc.perform(post("/api/subjects").with(signedIn("service", "lethe-service"))
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isTooManyRequests())
                .andExpect(jsonPath("$.type").value("urn:problem-type:lethe:rate-limited"));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class)).isEqualTo(events);
    }

    private static RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }
}
