package io.lethe.platform.security;

import io.lethe.platform.Callers;
import io.lethe.platform.PlatformTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Password guessing as an attacker does it, at the token endpoint (the only place a service's password
 * is taken): many guesses at once, one account from many addresses, a whole IPv6 /64. This context has accounts of its own to lock (the property only sets the default),
 * so no other test's demo users are held back.
 */
@PlatformTest
@TestPropertySource(properties = "lethe.security.sign-in.max-failures-per-account=10")
class SignInThrottleTest {

    @Autowired
    MockMvc mvc;

    @Test
    @DisplayName("Forty wrong passwords at once from one address: no more than the limit are even tried")
    void parallelGuessesCannotAllPassTheCheck() throws Exception {
        int guesses = 40;
        ExecutorService pool = Executors.newFixedThreadPool(guesses);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < guesses; i++) {
                String password = "guess-" + i;
                answers.add(pool.submit(() -> {
                    start.await();
                    return mvc.perform(Callers.tokenRequest().with(httpBasic("auditor", password))
                            .with(from("203.0.113.9"))).andReturn().getResponse().getStatus();
                }));
            }
            start.countDown();
            int tried = 0;
            int heldBack = 0;
            for (Future<Integer> answer : answers) {
                int status = answer.get(60, TimeUnit.SECONDS);
                tried += status == 401 ? 1 : 0;
                heldBack += status == 429 ? 1 : 0;
            }
            assertThat(tried).as("guesses whose password was checked").isBetween(1, 5);
            assertThat(tried + heldBack).isEqualTo(guesses);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @DisplayName("One account guessed from many addresses is held back, except where its owner signed in")
    void anAccountGuessedFromEverywhereIsHeldBack() throws Exception {
        // the owner signs in from the office first
        mvc.perform(Callers.tokenRequest().with(httpBasic("staff", "lethe-staff")).with(from("192.0.2.10")))
                .andExpect(status().isOk());
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            statuses.add(mvc.perform(Callers.tokenRequest().with(httpBasic("staff", "guess-" + i))
                    .with(from("198.18." + i + ".7"))).andReturn().getResponse().getStatus());
        }
        assertThat(statuses.subList(0, 10)).containsOnly(401);
        assertThat(statuses.subList(10, 25)).containsOnly(429);
        // from a new address even the right password waits; from the office the owner still works
        mvc.perform(Callers.tokenRequest().with(httpBasic("staff", "lethe-staff")).with(from("198.18.200.1")))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().exists("Retry-After"))
                .andExpect(jsonPath("$.type").value("urn:problem-type:lethe:too-many-failed-sign-ins"));
        mvc.perform(Callers.tokenRequest().with(httpBasic("staff", "lethe-staff")).with(from("192.0.2.10")))
                .andExpect(status().isOk());
    }

    @Test
    @DisplayName("A busy service signed in from its address is never held back by its own parallel calls")
    void aTrustedServicesParallelCallsAreNotHeldBack() throws Exception {
        mvc.perform(Callers.tokenRequest().with(httpBasic("email-delivery", "lethe-processor"))
                .with(from("192.0.2.20"))).andExpect(status().isOk());
        ExecutorService pool = Executors.newFixedThreadPool(30);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                answers.add(pool.submit(() -> mvc.perform(Callers.tokenRequest()
                        .with(httpBasic("email-delivery", "lethe-processor")).with(from("192.0.2.20")))
                        .andReturn().getResponse().getStatus()));
            }
            for (Future<Integer> answer : answers) {
                assertThat(answer.get(60, TimeUnit.SECONDS)).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @DisplayName("Addresses of one IPv6 /64 count as one address")
    void anIpv6Slash64IsOneAddress() throws Exception {
        for (int i = 0; i < 20; i++) {
            mvc.perform(Callers.tokenRequest().with(httpBasic("nobody-" + i, "guess")).with(from("2001:db8:7:9::" + Integer.toHexString(i + 1))))
                    .andExpect(status().isUnauthorized());
        }
        mvc.perform(Callers.tokenRequest().with(httpBasic("nobody-else", "guess")).with(from("2001:db8:7:9:ffff:1:2:3")))
                .andExpect(status().isTooManyRequests());
        // the neighbouring /64 is somebody else
        mvc.perform(Callers.tokenRequest().with(httpBasic("nobody-else", "guess")).with(from("2001:db8:7:a::1")))
                .andExpect(status().isUnauthorized());
        assertThat(SignInThrottle.group("2001:0db8:0007:0009:0000:0000:0000:0001")).isEqualTo(SignInThrottle.group("2001:db8:7:9::ff"));
        assertThat(SignInThrottle.group("::ffff:192.0.2.1")).isEqualTo("192.0.2.1");
        assertThat(SignInThrottle.group("192.0.2.1")).isEqualTo("192.0.2.1");
    }

    @Test
    @DisplayName("Guesses sent as form fields, with an encoded path, or a name encoded otherwise, count against one name")
    void everySpellingOfAGuessCounts() throws Exception {
        // client_secret_post: the name in client_id
        for (int i = 0; i < 5; i++) {
            mvc.perform(Callers.tokenRequest().param("client_id", "post-caller").param("client_secret", "post-" + i)
                    .with(from("203.0.113.41"))).andExpect(status().isUnauthorized());
        }
        mvc.perform(Callers.tokenRequest().param("client_id", "post-caller").param("client_secret", "another")
                .with(from("203.0.113.41"))).andExpect(status().isTooManyRequests());
        // the path percent-encoded reaches the endpoint, and so the throttle
        for (int i = 0; i < 5; i++) {
            mvc.perform(Callers.tokenRequest().with(httpBasic("path-caller", "encoded-" + i)).with(encodedPath())
                    .with(from("203.0.113.42"))).andExpect(status().isUnauthorized());
        }
        mvc.perform(Callers.tokenRequest().with(httpBasic("path-caller", "another")).with(encodedPath())
                .with(from("203.0.113.42"))).andExpect(status().isTooManyRequests());
        // the name percent-encoded in HTTP Basic is the same name to the server, and so to the throttle
        for (int i = 0; i < 5; i++) {
            mvc.perform(Callers.tokenRequest().header("Authorization", "Basic " + java.util.Base64.getEncoder()
                            .encodeToString(("%6Eame-caller:guess-" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                    .with(from("203.0.113.43"))).andExpect(status().isUnauthorized());
        }
        mvc.perform(Callers.tokenRequest().with(httpBasic("name-caller", "another")).with(from("203.0.113.43")))
                .andExpect(status().isTooManyRequests());
    }

    @Test
    @DisplayName("The console's form counts its username, whatever client_id rides along")
    void theConsoleFormCountsItsUsername() throws Exception {
        for (int i = 0; i < 5; i++) {
            mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/console/login")
                    .param("username", "service").param("password", "form-" + i).param("client_id", "decoy-" + i)
                    .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf())
                    .with(from("203.0.113.44")));
        }
        String redirect = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/console/login")
                        .param("username", "service").param("password", "lethe-service")
                        .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf())
                        .with(from("203.0.113.44")))
                .andReturn().getResponse().getRedirectedUrl();
        assertThat(redirect).endsWith("/console/login?held-back");
    }

    /** The token endpoint's path as a client may spell it: {@code /oauth2/t%6Fken}. */
    private static RequestPostProcessor encodedPath() {
        return request -> {
            request.setRequestURI("/oauth2/t%6Fken");
            return request;
        };
    }

    private static RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }
}
