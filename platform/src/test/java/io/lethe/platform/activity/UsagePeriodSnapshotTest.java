package io.lethe.platform.activity;

import io.lethe.core.personaldata.UsagePeriods;
import io.lethe.platform.PlatformTest;
import io.lethe.platform.Subjects;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static io.lethe.platform.Callers.signedIn;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A usage period's stream grows with every batch a product service sends; its aggregate is loaded
 * from a snapshot and the events after it, and still knows every piece it recorded. The snapshot
 * holds no personal data.
 */
@PlatformTest
@TestPropertySource(properties = {"lethe.snapshots.usage-period-every=3", "lethe.snapshots.subject-every=3"})
class UsagePeriodSnapshotTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    UsagePeriods periods;
    @Autowired
    JsonMapper json;

    @Test
    @DisplayName("a period loaded from its snapshot still knows every piece it recorded")
    void aPeriodLoadedFromItsSnapshotKnowsItsPieces() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String subject = Subjects.register(mvc, "US-CA", "Sam Snapshot-" + tag, "sam." + tag + "@snapshot.example");
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(5);
        for (int batch = 0; batch < 8; batch++) {
            send(subject, at, batch).andExpect(jsonPath("$.recorded").value(1));
        }
        String period = UsagePeriods.keyHolder(subject, periods.periodOf(at));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM snapshot_event_entry WHERE aggregate_identifier = ?",
                Long.class, period)).as("a snapshot of the period").isPositive();
        byte[] snapshot = jdbc.queryForObject("SELECT payload FROM snapshot_event_entry WHERE aggregate_identifier = ? "
                + "ORDER BY sequence_number DESC LIMIT 1", byte[].class, period);
        assertThat(new String(snapshot, StandardCharsets.UTF_8)).doesNotContain("screen-").doesNotContain("viewed");

        // a snapshot is the aggregate's state, not its history: the report and the audit history still read every event
        JsonNode report = json.readTree(mvc.perform(get("/api/subjects/" + subject + "/access-report")
                .with(signedIn("staff", "lethe-staff"))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        report.get("categories").forEach(category -> {
            if ("D".equals(category.get("category").asString())) {
                assertThat(category.get("piecesTotal").asInt()).isEqualTo(8);
            }
        });
        JsonNode history = json.readTree(mvc.perform(get("/api/audit/subjects/" + subject + "/events")
                .with(signedIn("auditor", "lethe-auditor"))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        List<String> types = new ArrayList<>();
        history.forEach(entry -> types.add(entry.get("type").asString()));
        assertThat(types).doesNotContain("UsagePeriod", "DataSubject")
                .filteredOn("ActivityRecordedEvent"::equals).hasSize(8);

        // the events the snapshot stands for are not read again: gone, the period still knows their pieces
        jdbc.update("DELETE FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number <= "
                + "(SELECT max(sequence_number) FROM snapshot_event_entry WHERE aggregate_identifier = ?)", period, period);
        // every piece, the ones before the snapshot and after it, is known: sent again, none is recorded twice
        for (int batch = 0; batch < 8; batch++) {
            send(subject, at, batch).andExpect(jsonPath("$.recorded").value(0)).andExpect(jsonPath("$.alreadyRecorded").value(1));
        }
        send(subject, at, 8).andExpect(jsonPath("$.recorded").value(1));
    }

    private org.springframework.test.web.servlet.ResultActions send(String subject, Instant at, int batch) throws Exception {
        return mvc.perform(post("/api/activity").with(signedIn("service", "lethe-service")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"activities\":[{\"subjectId\":\"" + subject + "\",\"occurredAt\":\"" + at
                                + "\",\"kind\":\"APPLICATION\",\"action\":\"viewed\",\"target\":\"screen-" + batch
                                + "\",\"pieceId\":\"piece-" + batch + "\"}]}"))
                .andExpect(status().isOk());
    }
}
