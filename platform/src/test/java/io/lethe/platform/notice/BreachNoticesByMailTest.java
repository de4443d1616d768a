package io.lethe.platform.notice;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static io.lethe.platform.Callers.signedIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A breach reaches the mailboxes of the people it affected (GDPR Art. 34, APPI Art. 26(2), Civ. Code
 * 1798.82, PDPA Art. 12): each law's individuals' duty mails the subjects the report named who live
 * under that law, in its language, under the prescribed headings; each sending is an event, and the
 * duty is met when the mailing is done. A mail server that is down leaves the duty open and the
 * mailing for staff to send again.
 */
class BreachNoticesByMailTest extends WithMailServer {

    private static final String JAPANESE_LETTER = """
            {"whatHappened":"11月1日、委託先のサーバーへの不正アクセスが確認されました。",
             "whatInformationWasInvolved":"氏名、メールアドレス、購入履歴",
             "whatWeAreDoing":"当該サーバーを停止し、全パスワードを無効化しました。",
             "whatYouCanDo":"不審なメールにご注意ください。",
             "forMoreInformation":"専用窓口 0120-000-000（平日9時〜18時）"}""";

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void eachLawsPeopleAreMailedInTheirLanguageAndTheDutyIsMet() throws Exception {
        String hanako = register("JP", "Hanako Sato", "hanako.breach@example.jp");
        String taro = register("JP", "Taro Suzuki", "taro.breach@example.jp");
        String mei = register("TW", "Chen Mei", "mei.breach@example.tw");
        String ada = register("US-CA", "Ada Rivera", "ada.breach@example.com");
        String breach = report(List.of(hanako, taro, mei, ada), "\"JP\":2,\"TW\":1,\"US-CA\":1");
        long issuedBefore = events("BreachMailingIssuedEvent");

        mvc.perform(mailing(breach, "appi-preliminary-report", JAPANESE_LETTER))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type").value("urn:problem-type:lethe:breach-duty-not-to-individuals"));
        mvc.perform(mailing(breach, "appi-individuals", "{\"whatHappened\":\"\"}"))
                .andExpect(status().isBadRequest());
        mvc.perform(mailing(breach, "no-such-duty", JAPANESE_LETTER))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("urn:problem-type:lethe:breach-duty-not-found"));
        assertThat(events("BreachMailingIssuedEvent")).isEqualTo(issuedBefore);

        mvc.perform(mailing(breach, "appi-individuals", JAPANESE_LETTER))
                .andExpect(status().isAccepted())
                .andExpect(header().string("Location", org.hamcrest.Matchers.endsWith("/api/breaches/" + breach + "/mailings")));
        mvc.perform(mailing(breach, "appi-individuals", JAPANESE_LETTER))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("urn:problem-type:lethe:breach-mailing-exists"));

        for (String address : List.of("hanako.breach@example.jp", "taro.breach@example.jp")) {
            MimeMessage notice = awaitMail(address, "個人データの漏えい等に関するお知らせ");
            assertThat(notice.getHeader("Content-Language")).containsExactly("ja");
            assertThat(text(notice)).contains("■ 発生した事態の概要\n11月1日、委託先のサーバーへの不正アクセスが確認されました。")
                    .contains("専用窓口 0120-000-000").contains("個人情報保護委員会").contains("参照番号：" + breach.substring(0, 8))
                    .doesNotContain("Hanako").doesNotContain("Taro");
        }
        JsonNode done = awaitMailing(breach, "appi-individuals", "DONE");
        assertThat(done.get("sent").asLong()).isEqualTo(2);
        assertThat(done.get("notConcerned").asLong()).isEqualTo(2);
        assertThat(done.get("language").asString()).isEqualTo("ja");
        awaitDutyState(breach, "appi-individuals", "SENT");
        assertThat(received("mei.breach@example.tw")).isEmpty();
        assertThat(received("ada.breach@example.com")).isEmpty();
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM domain_event_entry e JOIN breach_notice n ON e.aggregate_identifier = n.notice_id::text
                 WHERE n.breach_id = ?::uuid AND e.payload_type LIKE '%BreachNoticeSentEvent'""", Long.class, breach)).isEqualTo(2);

        mvc.perform(mailing(breach, "ccpa-residents", """
                        {"whatHappened":"On November 1 we found that someone had accessed a server of our service provider.",
                         "whatInformationWasInvolved":"Your name, e-mail address and purchase history.",
                         "whatWeAreDoing":"We shut the server down and reset every password.",
                         "whatYouCanDo":"Be wary of unexpected e-mail asking for your details.",
                         "forMoreInformation":"Call 1-800-000-0000, Monday to Friday."}"""))
                .andExpect(status().isAccepted());
        MimeMessage californian = awaitMail("ada.breach@example.com", "Notice of Data Breach");
        assertThat(text(californian).replace("\r\n", "\n")).contains("What Happened\nOn November 1").contains("What Information Was Involved")
                .contains("What We Are Doing").contains("What You Can Do").contains("For More Information\nCall 1-800-000-0000")
                .contains("California Privacy Protection Agency");
        awaitDutyState(breach, "ccpa-residents", "SENT");
        String notices = mvc.perform(get("/api/breaches/" + breach + "/mailings/ccpa-residents/notices?status=SENT").with(staff()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(json.readTree(notices).get(0).get("subjectId").asString()).isEqualTo(ada);
    }

    @Test
    void aReportThatNamedNobodyCannotBeMailed() throws Exception {
        String breach = report(List.of(), "\"JP\":2000");
        mvc.perform(mailing(breach, "appi-individuals", JAPANESE_LETTER))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type").value("urn:problem-type:lethe:breach-no-affected-subjects"));
        mvc.perform(get("/api/breaches/" + breach + "/mailings").with(signedIn("service", "lethe-service")))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/breaches/" + breach + "/mailings/appi-individuals/retry").with(staff()))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("urn:problem-type:lethe:mailing-not-found"));
    }

    @Test
    void nobodyReachedLeavesTheDutyOpenUntilStaffSendItAgain() throws Exception {
        String kenji = register("JP", "Kenji Mori", "kenji.breach@example.jp");
        String breach = report(List.of(kenji), "\"JP\":1");
        stopMail();
        try {
            mvc.perform(mailing(breach, "appi-individuals", JAPANESE_LETTER)).andExpect(status().isAccepted());
            JsonNode unreached = awaitMailing(breach, "appi-individuals", "UNREACHED");
            assertThat(unreached.get("undelivered").asLong()).isEqualTo(1);
        } finally {
            startMail();
        }
        awaitDutyState(breach, "appi-individuals", "OPEN");
        String notices = mvc.perform(get("/api/breaches/" + breach + "/mailings/appi-individuals/notices?status=UNDELIVERED")
                .with(staff())).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(json.readTree(notices).get(0).get("failure").asString()).isEqualTo("MAIL_UNREACHABLE");
        assertThat(json.readTree(notices).get(0).get("attempts").asInt()).isEqualTo(3);

        mvc.perform(post("/api/breaches/" + breach + "/mailings/appi-individuals/retry").with(staff()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("SENDING"));
        awaitMail("kenji.breach@example.jp", "個人データの漏えい等に関するお知らせ");
        awaitMailing(breach, "appi-individuals", "DONE");
        awaitDutyState(breach, "appi-individuals", "SENT");
        mvc.perform(post("/api/breaches/" + breach + "/mailings/appi-individuals/retry").with(staff()))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("urn:problem-type:lethe:mailing-nothing-undelivered"));
    }

    // --- helpers ---

    private String report(List<String> subjects, String affected) throws Exception {
        Instant aware = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        String ids = subjects.stream().map(id -> "\"" + id + "\"").collect(java.util.stream.Collectors.joining(","));
        String body = mvc.perform(post("/api/breaches").with(staff()).contentType(MediaType.APPLICATION_JSON).content("""
                        {"awareAt":"%s","summaryReference":"incident-mail","affectedSubjects":[%s],"facts":{
                          "affectedByJurisdiction":{%s},"categories":["A","C"],
                          "sensitive":true,"financialDamageRisk":false,"malicious":true,"encryptedKeySafe":false}}"""
                        .formatted(aware, ids, affected)))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return json.readTree(body).get("breachId").asString();
    }

    private MockHttpServletRequestBuilder mailing(String breach, String duty, String letter) {
        return post("/api/breaches/" + breach + "/mailings").with(staff()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"dutyId\":\"" + duty + "\",\"letter\":" + letter + "}");
    }

    private JsonNode awaitMailing(String breach, String duty, String status) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> {
            String body = mvc.perform(get("/api/breaches/" + breach + "/mailings").with(staff()))
                    .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
            found[0] = null;
            json.readTree(body).forEach(mailing -> {
                if (mailing.get("dutyId").asString().equals(duty)) {
                    found[0] = mailing;
                }
            });
            assertThat(found[0]).isNotNull();
            assertThat(found[0].get("status").asString()).isEqualTo(status);
        });
        return found[0];
    }

    private void awaitDutyState(String breach, String duty, String state) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String body = mvc.perform(get("/api/breaches/" + breach).with(staff()))
                    .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
            String[] found = new String[1];
            json.readTree(body).get("duties").forEach(d -> {
                if (d.get("dutyId").asString().equals(duty)) {
                    found[0] = d.get("state").asString();
                }
            });
            assertThat(found[0]).isEqualTo(state);
        });
    }

    private long events(String type) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE ?", Long.class, "%" + type);
    }

    private String register(String jurisdiction, String name, String email) throws Exception {
        return io.lethe.platform.Subjects.register(mvc, jurisdiction, name, email);
    }

    private static RequestPostProcessor staff() {
        return signedIn("staff", "lethe-staff");
    }
}
