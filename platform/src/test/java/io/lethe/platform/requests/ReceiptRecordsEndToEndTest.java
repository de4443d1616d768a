package io.lethe.platform.requests;

import io.lethe.core.provision.ShredReceiptRecordCommand;
import io.lethe.core.subject.SubjectId;
import io.lethe.platform.PlatformTest;
import io.lethe.platform.Subjects;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static io.lethe.platform.Callers.signedIn;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The background of a receipt's acquisition (APPI Art. 30) is free text that may name the person: it
 * rests only sealed, in the events and in the register; reading it is logged; it outlives an erasure
 * of the profile, as the law keeps the record; and it is gone when the record's own key is shredded at
 * the end of its keeping period.
 */
@PlatformTest
class ReceiptRecordsEndToEndTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CommandGateway commands;

    @Test
    void aReceiptsBackgroundRestsSealedIsReadOnTheRecordAndOutlivesTheProfileUntilItsOwnKeyGoes() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String background = "Bought from Kenji Sato's mailing list " + tag;
        String subject = Subjects.register(mvc, "JP", "Rei Receipt-" + tag, "rei." + tag + "@receipt.example");
        String receipt = "rcpt-" + tag;
        mvc.perform(post("/api/subjects/" + subject + "/receipts").with(signedIn("service", "lethe-service"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"receiptId\":\"" + receipt + "\",\"provider\":{\"organisationName\":\"Listco KK\","
                                + "\"organisationAddress\":\"1-1 Chiyoda, Tokyo\",\"country\":\"JP\",\"category\":\"CORPORATE_AFFILIATE\","
                                + "\"equivalentSystem\":true},\"backgroundOfAcquisition\":\"" + background + "\","
                                + "\"categories\":[\"A\"],\"contractRecord\":false,\"receivedOn\":\"" + LocalDate.now(ZoneId.of("Asia/Tokyo"))
                                + "\"}"))
                .andExpect(status().isCreated());

        assertThat(jdbc.queryForList("SELECT payload FROM domain_event_entry WHERE aggregate_identifier = ?", byte[].class, subject))
                .as("the event store holds it sealed").noneMatch(payload -> new String(payload, StandardCharsets.UTF_8).contains("Kenji"));
        await().atMost(Duration.ofSeconds(20)).until(() -> backgroundServed(subject) != null);
        assertThat(jdbc.queryForObject("SELECT background FROM provision_record WHERE subject_id = ?::uuid", String.class, subject))
                .as("the register holds it sealed").startsWith("lethe:v2:PROFILE:").doesNotContain("Kenji");
        long logged = jdbc.queryForObject("SELECT count(*) FROM personal_data_access_log WHERE subject_id = ?::uuid "
                + "AND view = 'provision-records'", Long.class, subject);
        assertThat(backgroundServed(subject)).isEqualTo(background);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM personal_data_access_log WHERE subject_id = ?::uuid "
                + "AND view = 'provision-records'", Long.class, subject)).as("the read is logged").isEqualTo(logged + 1);

        // an erasure of the profile leaves the record the law keeps
        mvc.perform(post("/api/subjects/" + subject + "/shredding").with(signedIn("staff", "lethe-staff"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"retentionClasses\":[\"PROFILE\"],\"reason\":\"ERASURE_REQUEST\",\"reference\":\"req-" + tag + "\"}"))
                .andExpect(status().isOk());
        assertThat(backgroundServed(subject)).isEqualTo(background);

        // its keeping period ends: its own key goes, and with it the text, wherever it lies
        commands.sendAndWait(new ShredReceiptRecordCommand(SubjectId.of(subject), receipt, "saga:retention"));
        await().atMost(Duration.ofSeconds(20)).until(() -> "[erased]".equals(backgroundServed(subject)));
        JsonNode history = json.readTree(mvc.perform(get("/api/audit/subjects/" + subject + "/events")
                .with(signedIn("auditor", "lethe-auditor"))).andReturn().getResponse().getContentAsString());
        assertThat(history.toString()).doesNotContain("Kenji").contains("ReceiptRecordShreddedEvent");
    }

    private String backgroundServed(String subject) throws Exception {
        JsonNode records = json.readTree(mvc.perform(get("/api/provision-records?subjectId=" + subject)
                        .with(signedIn("staff", "lethe-staff")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        List<JsonNode> receipts = new java.util.ArrayList<>();
        records.forEach(receipts::add);
        return receipts.isEmpty() ? null : receipts.get(0).path("backgroundOfAcquisition").asString(null);
    }
}
