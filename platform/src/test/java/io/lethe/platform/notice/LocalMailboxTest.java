package io.lethe.platform.notice;

import io.lethe.platform.PlatformTest;
import io.lethe.platform.Subjects;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;

import static io.lethe.platform.Callers.signedIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * On the embedded default, with no mail server configured, notices go to the local mailbox: sealed at
 * rest, readable through the API by staff (the read logged), and unreadable once the subject's profile
 * is erased.
 */
@PlatformTest
@TestPropertySource(properties = {"test.notices.enabled=true", "lethe.notices.poll-every=1s", "db-scheduler.polling-interval=1s"})
class LocalMailboxTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aReceiptIsKeptSealedReadByStaffAndErasedWithTheProfile() throws Exception {
        String subject = Subjects.register(mvc, "UK", "Olivia Price", "olivia.price@example.co.uk");
        String request = json.readTree(mvc.perform(post("/api/subjects/" + subject + "/privacy-requests")
                        .with(signedIn("service", "lethe-service")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"type\":\"portability\",\"requester\":\"SUBJECT\",\"channel\":\"IN_APP\"}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString()).get("requestId").asString();

        String[] messageId = new String[1];
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode mailbox = json.readTree(mvc.perform(get("/api/mailbox?limit=500").with(staff()))
                    .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
            JsonNode entry = null;
            for (JsonNode candidate : mailbox) {
                if (candidate.get("subjectId").asString().equals(subject)) {
                    entry = candidate;
                }
            }
            assertThat(entry).isNotNull();
            assertThat(entry.get("kind").asString()).isEqualTo("RECEIPT");
            assertThat(entry.toString()).doesNotContain("olivia");
            messageId[0] = entry.get("messageId").asString();
        });

        assertThat(jdbc.queryForObject("SELECT recipient || title || body FROM local_mailbox WHERE message_id = ?", String.class,
                messageId[0])).doesNotContain("olivia").doesNotContain(request).doesNotContain("portable");

        mvc.perform(get("/api/mailbox/" + messageId[0]).with(staff()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.to").value("olivia.price@example.co.uk"))
                .andExpect(jsonPath("$.title").value("We received your privacy request (" + request + ")"))
                .andExpect(jsonPath("$.body").value(org.hamcrest.Matchers.containsString("a portable copy of your personal data")));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM personal_data_access_log WHERE view = 'mailbox-message' AND subject_id = CAST(? AS UUID)", Long.class, subject))
                .isPositive();

        mvc.perform(post("/api/subjects/" + subject + "/shredding").with(staff()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"retentionClasses\":[\"PROFILE\"],\"reason\":\"ERASURE_REQUEST\",\"reference\":\"req-y\"}"))
                .andExpect(status().isOk());
        mvc.perform(get("/api/mailbox/" + messageId[0]).with(staff()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.to").value("[erased]"))
                .andExpect(jsonPath("$.body").value("[erased]"));
        mvc.perform(get("/api/mailbox/not-a-message").with(staff()))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("urn:problem-type:lethe:message-not-found"));
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor staff() {
        return signedIn("staff", "lethe-staff");
    }
}
