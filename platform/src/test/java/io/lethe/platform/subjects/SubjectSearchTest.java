package io.lethe.platform.subjects;

import io.lethe.platform.PlatformTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static io.lethe.platform.Callers.signedIn;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Privacy staff find a subject by the e-mail address a person writes from, although Lethe keeps no
 * address in plaintext: found in any case and with stray spaces, every account of the address,
 * nobody else's, no trace in the log, the read logged for those found only, and an erased subject
 * never found again.
 */
@PlatformTest
@ExtendWith(OutputCaptureExtension.class)
class SubjectSearchTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    @DisplayName("Found by e-mail in any case; every account of the address and no other; erased, never found again")
    void staffFindSubjectsByEmailAndErasureEndsIt(CapturedOutput output) throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String address = "Mei.Lin." + tag + "@Example.com";
        String first = register("Mei Lin", address);
        String second = register("Mei Lin", address.toLowerCase());
        String other = register("Rafael Costa", "rafael." + tag + "@example.com");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> mvc.perform(get("/api/subjects/" + other)
                .with(signedIn("staff", "lethe-staff"))).andExpect(status().isOk()));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> search("  mei.lin." + tag + "@EXAMPLE.COM ")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(2))
                .andExpect(jsonPath("$[*].subjectId", containsInAnyOrder(first, second))));
        search("mei.lin." + tag + "@example.org").andExpect(status().isOk()).andExpect(jsonPath("$.length()").value(0));
        search("not an address").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:problem-type:lethe:invalid-request"))
                .andExpect(jsonPath("$.errors[0].field").value("email"));

        // only the subjects found were read, and the address is kept nowhere in plaintext
        assertThat(jdbc.queryForObject("SELECT count(*) FROM personal_data_access_log WHERE view = 'subject-search' "
                + "AND subject_id = ?::uuid", Long.class, first)).isPositive();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM personal_data_access_log WHERE view = 'subject-search' "
                + "AND subject_id = ?::uuid", Long.class, other)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM subject_summary WHERE email ILIKE ?", Long.class,
                "%" + tag + "%")).isZero();

        mvc.perform(post("/api/subjects/" + first + "/shredding").with(signedIn("staff", "lethe-staff"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"retentionClasses\":[\"PROFILE\"],\"reason\":\"ERASURE_REQUEST\",\"reference\":\"req-" + tag + "\"}"))
                .andExpect(status().isOk());
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> search(address)
                .andExpect(jsonPath("$.length()").value(1))
                .andExpect(jsonPath("$[0].subjectId").value(second)));
        // the key is gone at once, so the search leaves the subject out before the projection has seen the shredding
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "SELECT email_bucket FROM subject_summary WHERE subject_id = ?::uuid", Integer.class, first))
                .as("erasure clears the subject's bucket").isNull());
        assertThat(output.getAll()).doesNotContainIgnoringCase("mei.lin." + tag);
    }

    /**
     * Every search carries the same Idempotency-Key, as a client that sets one on every POST would: a
     * search is a read, so the key is not honoured — a kept answer would show an erased subject's name
     * and address again, unlogged, and a different search under the same key would be refused.
     */
    private ResultActions search(String email) throws Exception {
        return mvc.perform(post("/api/subject-searches").with(signedIn("staff", "lethe-staff"))
                .header("Idempotency-Key", "one-key-for-every-search")
                .contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(java.util.Map.of("email", email))));
    }

    private String register(String name, String email) throws Exception {
        return json.readTree(mvc.perform(post("/api/subjects").with(signedIn("service", "lethe-service"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(java.util.Map.of("jurisdiction", "EU", "name", name,
                                "dateOfBirth", "1985-03-14", "email", email))))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString()).get("subjectId").asString();
    }
}
