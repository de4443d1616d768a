package io.lethe.platform.crypto;

import io.lethe.platform.PlatformTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static io.lethe.platform.Callers.signedIn;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A subject loaded from its snapshot decides as one sourced from its whole history: a child is still
 * a child. The birth date in the snapshot is sealed under the subject's PROFILE key, so it is not
 * readable in the snapshot table, and once the profile is shredded it is gone from later snapshots too.
 */
@PlatformTest
@TestPropertySource(properties = "lethe.snapshots.subject-every=3")
class SubjectSnapshotTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    @DisplayName("a child's subject loaded from a sealed snapshot is still a child; the shredded profile leaves it")
    void aSnapshotKeepsWhatTheRulesNeedSealed() throws Exception {
        String born = LocalDate.now().minusYears(10).toString();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String subject = json.readTree(mvc.perform(post("/api/subjects").with(signedIn("service", "lethe-service"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"jurisdiction\":\"US-CA\",\"name\":\"Kit Snapshot-" + tag + "\",\"dateOfBirth\":\"" + born
                                + "\",\"email\":\"kit." + tag + "@snapshot.example\",\"parentalConsentReference\":\"consent-form-7\"}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString()).get("subjectId").asString();
        for (int purchase = 0; purchase < 5; purchase++) {
            purchase(subject, purchase);
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM snapshot_event_entry WHERE aggregate_identifier = ?",
                Long.class, subject)).as("a snapshot of the subject").isPositive();
        assertThat(latestSnapshot(subject)).as("the birth date is sealed in it").doesNotContain(born);

        // the events the snapshot stands for are not read again: gone, the subject is still known as a child
        jdbc.update("DELETE FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number <= "
                + "(SELECT max(sequence_number) FROM snapshot_event_entry WHERE aggregate_identifier = ?)", subject, subject);
        mvc.perform(post("/api/subjects/" + subject + "/consents").with(signedIn("service", "lethe-service"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"type\":\"SALE_SHARING_OPT_IN\",\"grantedBy\":\"SUBJECT\"}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type").value("urn:problem-type:lethe:consent-needs-parent"));

        // the profile shredded, later snapshots hold no birth date at all
        mvc.perform(post("/api/subjects/" + subject + "/shredding").with(signedIn("staff", "lethe-staff"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"retentionClasses\":[\"PROFILE\"],\"reason\":\"ERASURE_REQUEST\",\"reference\":\"req-snapshot\"}"))
                .andExpect(status().isOk());
        for (int purchase = 5; purchase < 9; purchase++) {
            purchase(subject, purchase);
        }
        assertThat(latestSnapshot(subject)).contains("\"dateOfBirth\":null");
    }

    private void purchase(String subject, int purchase) throws Exception {
        mvc.perform(post("/api/subjects/" + subject + "/purchases").with(signedIn("service", "lethe-service"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"item\":\"Sticker " + purchase + "\",\"amount\":{\"currency\":\"USD\",\"minorUnits\":100},"
                                + "\"card\":{\"expiry\":\"02/30\",\"lastFour\":\"1881\"}}"))
                .andExpect(status().isCreated());
    }

    private String latestSnapshot(String subject) {
        return new String(jdbc.queryForObject("SELECT payload FROM snapshot_event_entry WHERE aggregate_identifier = ? "
                + "ORDER BY sequence_number DESC LIMIT 1", byte[].class, subject), StandardCharsets.UTF_8);
    }
}
