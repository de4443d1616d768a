package io.lethe.platform.notice;

import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import static io.lethe.platform.Callers.signedIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The notices a request owes reach the requester's mailbox through a real SMTP server, in the
 * requester's language, and each sending is recorded on the request; a mail server that is down is
 * retried and then surfaced to staff, who send the notice again once it is back; an erased address
 * is not written to at all.
 */
class RequestNoticesByMailTest extends WithMailServer {

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aCaliforniaResidentGetsTheReceiptAndTheRequestReadsAcknowledged() throws Exception {
        String subject = register("US-CA", "Ada Rivera", "ada.rivera@example.com");
        String request = submit(subject, "deletion");

        MimeMessage receipt = awaitMail("ada.rivera@example.com", request);
        assertThat(receipt.getSubject()).isEqualTo("We received your privacy request (" + request + ")");
        assertThat(receipt.getFrom()[0].toString()).contains("privacy@lethe.example").contains("Example Co.");
        String body = GreenMailUtil.getBody(receipt);
        assertThat(body).contains("deletion of your personal information")
                .contains("Example Co. privacy team")
                .doesNotContain("Ada Rivera");
        assertThat(receipt.getHeader("Content-Language")).containsExactly("en");

        JsonNode notice = awaitNotice(request, "SENT");
        assertThat(notice.get("kind").asString()).isEqualTo("RECEIPT");
        assertThat(notice.get("language").asString()).isEqualTo("en");
        assertThat(receipt.getMessageID()).isEqualTo("<" + notice.get("noticeId").asString() + "@lethe.example>");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> mvc.perform(get("/api/privacy-requests/" + request).with(staff()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.acknowledgedAt").isNotEmpty()));
        assertThat(eventTypes(subject)).contains("RequestNoticeSentEvent", "RequestAcknowledgedEvent");
    }

    @Test
    void aJapaneseDenialIsWrittenInJapaneseWithItsReasonAndWhereToComplain() throws Exception {
        String subject = register("JP", "Hanako Sato", "hanako@example.jp");
        String request = submit(subject, "disclosure");
        MimeMessage receipt = awaitMail("hanako@example.jp", request);
        assertThat(receipt.getSubject()).isEqualTo("個人情報に関するご請求を受け付けました（" + request + "）");
        assertThat(GreenMailUtil.getBody(receipt)).isNotEmpty();
        assertThat(text(receipt)).contains("保有個人データの開示").contains("受付番号：" + request);

        staff(subject, request, "denial", "{\"reason\":\"RIGHTS_OF_OTHERS\",\"reference\":\"review-7\"}")
                .andExpect(status().isNoContent());
        await().atMost(Duration.ofSeconds(30)).until(() -> received("hanako@example.jp").size() == 2);
        MimeMessage denial = received("hanako@example.jp").get(1);
        assertThat(denial.getSubject()).isEqualTo("ご請求に対する決定のお知らせ（" + request + "）");
        assertThat(text(denial)).contains("第三者の権利利益を害するおそれがあるため").contains("個人情報保護委員会");
    }

    @Test
    void aTaiwaneseExtensionIsNoticedInTraditionalChineseWithTheNewDueDate() throws Exception {
        String subject = register("TW", "Chen Mei", "mei@example.tw");
        String request = submit(subject, "deletion");
        awaitMail("mei@example.tw", request);
        staff(subject, request, "extension", "{\"reason\":\"THIRD_PARTY_INPUT\",\"noticeSentOn\":\""
                + LocalDate.now(ZoneId.of("Asia/Taipei")) + "\"}").andExpect(status().isNoContent());
        await().atMost(Duration.ofSeconds(30)).until(() -> received("mei@example.tw").size() == 2);
        MimeMessage extension = received("mei@example.tw").get(1);
        assertThat(extension.getSubject()).isEqualTo("您的個人資料請求需要延長處理期間（" + request + "）");
        String dueOn = json.readTree(mvc.perform(get("/api/privacy-requests/" + request).with(staff()))
                .andReturn().getResponse().getContentAsString()).get("dueOn").asString();
        LocalDate due = LocalDate.parse(dueOn);
        assertThat(text(extension)).contains("回覆需要為我們處理您資料的受託機關提供資訊")
                .contains(due.getYear() + "年" + due.getMonthValue() + "月" + due.getDayOfMonth() + "日");
    }

    @Test
    void aMailServerThatIsDownIsRetriedThenSurfacedAndSentAgainOnceItIsBack() throws Exception {
        stopMail();
        String subject;
        String request;
        JsonNode notice;
        try {
            subject = register("EU", "Lena Vogel", "lena@example.eu");
            request = submit(subject, "access");
            notice = awaitNotice(request, "UNDELIVERED");
        } finally {
            startMail();
        }
        assertThat(notice.get("attempts").asInt()).isEqualTo(3);
        assertThat(notice.get("failure").asString()).isEqualTo("MAIL_UNREACHABLE");
        assertThat(eventTypes(subject)).contains("RequestNoticeUndeliveredEvent").doesNotContain("RequestNoticeSentEvent");

        mvc.perform(post("/api/request-notices/" + notice.get("noticeId").asString() + "/retry").with(staff()))
                .andExpect(status().isOk());
        assertThat(awaitMail("lena@example.eu", request).getSubject()).contains(request);
        awaitNotice(request, "SENT");
        assertThat(eventTypes(subject)).contains("RequestNoticeSentEvent");
        mvc.perform(post("/api/request-notices/" + notice.get("noticeId").asString() + "/retry").with(staff()))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("urn:problem-type:lethe:notice-not-undelivered"));
    }

    @Test
    void anErasedAddressIsNotWrittenToAndStaffAreTold() throws Exception {
        String subject = register("UK", "Sam Hughes", "sam@example.co.uk");
        String request = submit(subject, "access");
        awaitMail("sam@example.co.uk", request);
        mvc.perform(post("/api/subjects/" + subject + "/shredding").with(staff()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"retentionClasses\":[\"PROFILE\"],\"reason\":\"ERASURE_REQUEST\",\"reference\":\"req-x\"}"))
                .andExpect(status().isOk());
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> mvc.perform(get("/api/subjects/" + subject).with(staff()))
                .andExpect(jsonPath("$.email").value("[erased]")));
        staff(subject, request, "denial", "{\"reason\":\"MANIFESTLY_UNFOUNDED_OR_EXCESSIVE\"}").andExpect(status().isNoContent());

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String body = mvc.perform(get("/api/request-notices?requestId=" + request + "&status=UNDELIVERED").with(staff()))
                    .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
            JsonNode denial = json.readTree(body).get(0);
            assertThat(denial).isNotNull();
            assertThat(denial.get("kind").asString()).isEqualTo("DENIAL");
            assertThat(denial.get("failure").asString()).isEqualTo("RECIPIENT_ERASED");
            assertThat(denial.get("attempts").asInt()).isEqualTo(1);
        });
        assertThat(received("sam@example.co.uk")).hasSize(1);
    }

    @Test
    void staffSeeNoticesByStatusAndAnUnknownNoticeIsNotFound() throws Exception {
        mvc.perform(get("/api/request-notices?status=NOT-A-STATUS").with(staff())).andExpect(status().isBadRequest());
        mvc.perform(post("/api/request-notices/00000000-0000-0000-0000-000000000000/retry").with(staff()))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("urn:problem-type:lethe:notice-not-found"));
        mvc.perform(get("/api/request-notices").with(signedIn("service", "lethe-service"))).andExpect(status().isForbidden());
    }

    // --- helpers ---

    private JsonNode awaitNotice(String request, String status) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> {
            String body = mvc.perform(get("/api/request-notices?requestId=" + request).with(staff()))
                    .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
            JsonNode notices = json.readTree(body);
            assertThat(notices.size()).isGreaterThan(0);
            found[0] = notices.get(notices.size() - 1);
            assertThat(found[0].get("status").asString()).isEqualTo(status);
        });
        return found[0];
    }

    private List<String> eventTypes(String subject) {
        return jdbc.queryForList("SELECT payload_type FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number",
                String.class, subject).stream().map(type -> type.substring(type.lastIndexOf('.') + 1)).toList();
    }

    private String register(String jurisdiction, String name, String email) throws Exception {
        return io.lethe.platform.Subjects.register(mvc, jurisdiction, name, email);
    }

    private String submit(String subject, String type) throws Exception {
        String body = mvc.perform(post("/api/subjects/" + subject + "/privacy-requests").with(signedIn("service", "lethe-service"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"type\":\"" + type + "\",\"requester\":\"SUBJECT\",\"channel\":\"WEB_FORM\"}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return json.readTree(body).get("requestId").asString();
    }

    private ResultActions staff(String subject, String request, String step, String body) throws Exception {
        return mvc.perform(post("/api/subjects/" + subject + "/privacy-requests/" + request + "/" + step).with(staff())
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor staff() {
        return signedIn("staff", "lethe-staff");
    }
}
