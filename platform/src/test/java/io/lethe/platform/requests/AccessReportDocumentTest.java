package io.lethe.platform.requests;

import io.lethe.platform.PlatformClient;
import io.lethe.platform.PlatformTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The answer delivered: the access report as a document the subject reads, in their language by
 * default (Japanese for Japan, Traditional Chinese for Taiwan, English elsewhere) or the one asked
 * for, every value of it theirs and nothing of the API's codes; the download is logged.
 */
@PlatformTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AccessReportDocumentTest {

    @Autowired
    ConfigurableApplicationContext context;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aJapaneseSubjectsAnswerIsInJapaneseAndItsDownloadIsLogged() {
        PlatformClient client = new PlatformClient(context);
        String subject = registered(client, "JP", "Haruka Sato", "haruka.sato@example.jp");

        PlatformClient.Answer document = client.get("/api/subjects/" + subject + "/access-report/document", "staff");

        assertThat(document.status()).isEqualTo(200);
        assertThat(document.header("Content-Type")).startsWith("text/html");
        assertThat(document.header("Content-Language")).isEqualTo("ja");
        assertThat(document.header("Content-Disposition")).startsWith("attachment").contains(subject).contains("-ja.html");
        assertThat(document.body()).contains("<html lang=\"ja\"", "保有個人データの開示について", "個人情報保護法第33条",
                "氏名", "Haruka Sato", "メールアドレス", "haruka.sato@example.jp", "アカウント登録時にお客様からご提供",
                "本サービスを提供するため", "保有個人データの開示", "1985年5月5日");
        // none of the API's codes or the policy's English where the subject reads Japanese
        assertThat(document.body()).doesNotContain("A_IDENTIFIERS", "PROVIDE_SERVICE", "right.", "category.",
                "To provide the Service", "the subject, at account registration");
        // a date of birth reads as a date in the language, not as the API's quoted ISO text
        assertThat(document.body()).doesNotContain("\"1985-05-05\"");
        // a self-contained page: no script, nothing fetched from elsewhere
        assertThat(document.body()).doesNotContain("<script", "src=\"http", "href=\"http");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM personal_data_access_log WHERE subject_id = ?::uuid "
                + "AND view = 'access-report-document' AND principal = 'staff'", Long.class, subject)).isEqualTo(1);

        PlatformClient.Answer english = client.get("/api/subjects/" + subject + "/access-report/document?lang=en", "staff");
        assertThat(english.header("Content-Language")).isEqualTo("en");
        assertThat(english.body()).contains("<html lang=\"en\"", "Your personal data", "APPI Art. 33", "Name", "Haruka Sato",
                "You, when you registered your account");
    }

    @Test
    void taiwanReadsTraditionalChineseElsewhereEnglishAndErasedDataReadsAsErased() {
        PlatformClient client = new PlatformClient(context);
        String taiwanese = registered(client, "TW", "Lin Mei", "lin.mei@example.tw");
        PlatformClient.Answer chinese = client.get("/api/subjects/" + taiwanese + "/access-report/document", "staff");
        assertThat(chinese.header("Content-Language")).isEqualTo("zh-TW");
        assertThat(chinese.body()).contains("<html lang=\"zh-TW\"", "您的個人資料", "個人資料保護法第3條", "姓名", "Lin Mei",
                "請求製給複製本");

        String european = registered(client, "EU", "Elena Rossi", "elena.rossi@example.eu");
        assertThat(client.post("/api/subjects/" + european + "/shredding", "staff",
                "{\"retentionClasses\":[\"PROFILE\"],\"reason\":\"ERASURE_REQUEST\",\"reference\":\"req-doc\"}").status())
                .isEqualTo(200);
        PlatformClient.Answer erased = client.get("/api/subjects/" + european + "/access-report/document?lang=ja", "staff");
        assertThat(erased.header("Content-Language")).isEqualTo("ja");
        assertThat(erased.body()).contains("GDPR第15条", "［消去済み］", "プロフィール").doesNotContain("Elena Rossi");

        assertThat(client.get("/api/subjects/" + european + "/access-report/document?lang=fr", "staff").status()).isEqualTo(400);
        assertThat(client.get("/api/subjects/" + european + "/access-report/document", "service").status()).isEqualTo(403);
    }

    private static String registered(PlatformClient client, String jurisdiction, String name, String email) {
        PlatformClient.Answer answer = client.post("/api/subjects", "service", "{\"jurisdiction\":\"" + jurisdiction
                + "\",\"name\":\"" + name + "\",\"dateOfBirth\":\"1985-05-05\",\"email\":\"" + email + "\"}");
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return answer.json().get("subjectId").asString();
    }
}
