package io.lethe.platform.crypto;

import io.lethe.platform.PlatformTest;
import io.lethe.platform.Subjects;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static io.lethe.platform.Callers.signedIn;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * With Axon Server the vault's database commits a shredding before its event is stored; if the event
 * store then fails, the key is gone and nothing says so. The reconciliation finds such a ledger entry
 * and has the subject record the shredding — here the gap is made by hand, as the failure leaves it.
 */
@PlatformTest
class LedgerReconciliationTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    LedgerReconciliation reconciliation;

    @Test
    void aKeyDestroyedWhoseEventWasLostIsRecordedAsShreddedOnceWithItsGround() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String subject = Subjects.register(mvc, "EU", "Lou Lost-" + tag, "lou." + tag + "@lost.example");
        // what the vault's commit left behind when the event store failed after it
        jdbc.update("UPDATE subject_key SET wrapped_key = NULL, kek_id = NULL, shredded_at = now() - interval '5 minutes' "
                + "WHERE subject_id = ? AND retention_class = 'PROFILE'", subject);
        jdbc.update("INSERT INTO shred_ledger (subject_id, retention_class, shredded_at, reason, reference, recorded) "
                + "VALUES (?, 'PROFILE', now() - interval '5 minutes', 'ERASURE_REQUEST', ?, FALSE)", subject, "req-" + tag);

        assertThat(reconciliation.reconcile(Instant.now().minus(LedgerReconciliation.SETTLED))).isEqualTo(1);

        assertThat(jdbc.queryForList("SELECT convert_from(payload, 'UTF8') FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND payload_type LIKE '%PersonalDataShreddedEvent'", String.class, subject))
                .singleElement().asString().contains("\"retentionClass\":\"PROFILE\"", "\"reason\":\"ERASURE_REQUEST\"", "req-" + tag);
        assertThat(jdbc.queryForObject("SELECT recorded FROM shred_ledger WHERE subject_id = ?", Boolean.class, subject)).isTrue();
        assertThat(reconciliation.reconcile(Instant.now())).as("nothing is left to record").isZero();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(mvc.perform(get("/api/subjects/" + subject
                        + "/deletion-evidence").with(signedIn("auditor", "lethe-auditor")))
                .andReturn().getResponse().getContentAsString()).contains("\"state\":\"DESTROYED\"", "req-" + tag));
    }

    @Test
    void anEntryWhoseEventWasStoredAfterAllIsMarkedAndRecordsNothingTwice() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String subject = Subjects.register(mvc, "EU", "Sam Stored-" + tag, "sam." + tag + "@lost.example");
        mvc.perform(post("/api/subjects/" + subject + "/shredding").with(signedIn("staff", "lethe-staff"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"retentionClasses\":[\"PROFILE\"],\"reason\":\"ERASURE_REQUEST\",\"reference\":\"req-" + tag + "\"}"))
                .andExpect(status().isOk());
        // as a process that died between the append and marking the entry would leave it
        jdbc.update("UPDATE shred_ledger SET recorded = FALSE, shredded_at = shredded_at - interval '5 minutes' WHERE subject_id = ?",
                subject);

        reconciliation.reconcile(Instant.now().minus(LedgerReconciliation.SETTLED));

        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND payload_type LIKE '%PersonalDataShreddedEvent'", Long.class, subject)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT recorded FROM shred_ledger WHERE subject_id = ?", Boolean.class, subject)).isTrue();
    }
}
