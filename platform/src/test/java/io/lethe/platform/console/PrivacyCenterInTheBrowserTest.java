package io.lethe.platform.console;

import io.lethe.platform.PlatformClient;
import io.lethe.platform.PlatformTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * People make and follow their own requests in a real browser, in Japanese and in Traditional Chinese,
 * from the public page to the downloaded answer; every page passes axe-core's WCAG 2.1 AA rules. On the
 * embedded default the code is in the local mailbox, where the test reads it as staff would.
 */
@PlatformTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PrivacyCenterInTheBrowserTest {

    private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");

    @LocalServerPort
    int port;
    @Autowired
    ConfigurableApplicationContext context;

    Browser browser;

    @AfterEach
    void closeBrowser() throws Exception {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    @DisplayName("A person in Japan asks for disclosure in Japanese and downloads the answer")
    void aJapaneseDisclosureFromThePublicPageToTheDownloadedAnswer() throws Exception {
        PlatformClient api = new PlatformClient(context);
        String tag = java.util.UUID.randomUUID().toString().substring(0, 8);
        String email = "yui." + tag + "@example.jp";
        String subject = registered(api, "JP", "Yui Tanaka", email);

        browser = Browser.open("http://localhost:" + port, "ja");
        browser.go("/privacy-center");
        assertThat(browser.driver().findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("ja");
        browser.assertAccessible();
        browser.choose("law-choice", "JP");
        browser.submitAndWait("#choose-law button");
        assertThat(browser.driver().findElement(By.id("rights-title")).getText()).isEqualTo("法律があなたに認める権利");
        browser.assertAccessible();

        // a form sent without an address says what is missing, where
        browser.driver().findElement(By.id("type-disclosure")).click();
        browser.submitAndWait("#request-form button[type=submit]");
        assertThat(browser.driver().findElement(By.id("error-summary")).getText()).contains("メールアドレスを入力してください");
        assertThat(browser.driver().findElement(By.id("email")).getAttribute("aria-invalid")).isEqualTo("true");
        browser.assertAccessible();

        browser.type("email", email);
        browser.submitAndWait("#request-form button[type=submit]");
        assertThat(browser.driver().getCurrentUrl()).as("after sending the form: %s",
                browser.driver().findElement(By.tagName("main")).getText()).contains("/privacy-center/verify/").doesNotContain(tag);
        browser.assertAccessible();

        browser.type("code", code(api, subject));
        browser.submitAndWait("#verify-form button[type=submit]");
        assertThat(browser.driver().getCurrentUrl()).contains("/privacy-center/status/");
        assertThat(browser.driver().findElement(By.id("made")).getText()).contains("ご本人確認が完了しました");
        browser.assertAccessible();
        String statusPage = browser.driver().getCurrentUrl().replaceAll("\\?.*", "");

        String request = awaitRequest(api, subject);
        assertThat(api.post("/api/subjects/" + subject + "/privacy-requests/" + request + "/fee", "staff",
                "{\"settlement\":\"WAIVED\",\"reference\":\"portal\"}").status()).isEqualTo(204);
        assertThat(api.post("/api/subjects/" + subject + "/privacy-requests/" + request + "/fulfilment", "staff",
                "{\"responseReference\":\"portal-answer\"}").status()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> {
            browser.driver().get(statusPage);
            browser.settle();
            assertThat(browser.driver().findElement(By.id("stage")).getText()).isEqualTo("回答済み");
        });
        browser.assertAccessible();
        String answer = browser.driver().findElement(By.id("answer")).getAttribute("href");
        java.net.http.HttpResponse<String> download = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(answer)).header("Accept-Language", "ja").build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Language")).contains("ja");
        assertThat(download.body()).contains("Yui Tanaka");
    }

    @Test
    @DisplayName("A person in Taiwan asks for a copy in Traditional Chinese, and the status page says where it stands")
    void aTaiwaneseRequestInTraditionalChinese() throws Exception {
        PlatformClient api = new PlatformClient(context);
        String tag = java.util.UUID.randomUUID().toString().substring(0, 8);
        String email = "wei." + tag + "@example.tw";
        String subject = registered(api, "TW", "Lin Wei", email);

        browser = Browser.open("http://localhost:" + port, "zh-TW");
        browser.go("/privacy-center?law=TW");
        assertThat(browser.driver().findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("zh-TW");
        assertThat(browser.driver().findElement(By.tagName("h1")).getText()).isEqualTo("您的隱私權利");
        browser.assertAccessible();
        browser.driver().findElement(By.id("type-copy")).click();
        browser.type("email", email);
        browser.submitAndWait("#request-form button[type=submit]");
        browser.assertAccessible();
        // a wrong code is said where the code goes, with the tries left
        browser.type("code", "000000".equals(code(api, subject)) ? "111111" : "000000");
        browser.submitAndWait("#verify-form button[type=submit]");
        assertThat(browser.driver().findElement(By.id("code-error")).getText()).contains("您還可以嘗試4次");
        browser.assertAccessible();
        browser.type("code", code(api, subject));
        browser.submitAndWait("#verify-form button[type=submit]");
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> {
            browser.driver().navigate().refresh();
            browser.settle();
            assertThat(browser.driver().findElement(By.id("stage")).getText()).isEqualTo("處理中");
        });
        assertThat(browser.driver().findElement(By.id("facts")).getText()).contains("請求製給複製本");
        browser.assertAccessible();
    }

    @Test
    @DisplayName("A Californian asks to know the specific pieces in English and downloads the answer")
    void aCalifornianKnowsTheSpecificPiecesAndDownloadsThem() throws Exception {
        PlatformClient api = new PlatformClient(context);
        String email = "dana." + java.util.UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String subject = registered(api, "US-CA", "Dana Whitfield", email);
        String statusPage = madeInTheBrowser(api, subject, "en", "US-CA", "know-specific-pieces", email);
        String request = awaitRequest(api, subject);
        assertThat(api.post("/api/subjects/" + subject + "/privacy-requests/" + request + "/fulfilment", "staff",
                "{\"responseReference\":\"portal-answer\"}").status()).isEqualTo(204);
        awaitStage(statusPage, "Answered");
        assertThat(browser.driver().findElement(By.id("facts")).getText()).contains("Know the specific pieces");
        browser.assertAccessible();
        java.net.http.HttpResponse<String> download = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(browser.driver().findElement(By.id("answer"))
                        .getAttribute("href"))).header("Accept-Language", "en").build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).contains("Dana Whitfield");
    }

    @Test
    @DisplayName("A person in the EU takes their data away, and a person in the UK has theirs erased and reads the certificate")
    void aEuropeanPackageAndABritishCertificate() throws Exception {
        PlatformClient api = new PlatformClient(context);
        String tag = java.util.UUID.randomUUID().toString().substring(0, 8);
        String eu = registered(api, "EU", "Jonas Becker", "jonas." + tag + "@example.de");
        String euPage = madeInTheBrowser(api, eu, "en", "EU", "portability", "jonas." + tag + "@example.de");
        assertThat(api.post("/api/subjects/" + eu + "/privacy-requests/" + awaitRequest(api, eu) + "/fulfilment", "staff",
                "{\"responseReference\":\"portal-package\"}").status()).isEqualTo(204);
        awaitStage(euPage, "Answered");
        browser.assertAccessible();
        java.net.http.HttpResponse<byte[]> zip = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(browser.driver().findElement(By.id("package"))
                        .getAttribute("href"))).build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(zip.statusCode()).isEqualTo(200);
        assertThat(zip.headers().firstValue("Content-Type")).contains("application/zip");
        browser.close();

        String uk = registered(api, "UK", "Olivia Hart", "olivia." + tag + "@example.co.uk");
        String ukPage = madeInTheBrowser(api, uk, "en-GB", "UK", "erasure", "olivia." + tag + "@example.co.uk");
        awaitStage(ukPage, "Answered");
        assertThat(browser.driver().findElement(By.id("erased")).getText()).startsWith("Your personal data was erased on");
        browser.driver().findElement(By.id("certificate")).click();
        browser.settle();
        assertThat(browser.driver().findElement(By.tagName("h1")).getText()).isEqualTo("Certificate of erasure");
        assertThat(browser.driver().findElement(By.id("erased-classes")).getText()).contains("Account and identity data");
        assertThat(browser.driver().findElement(By.tagName("main")).getText()).doesNotContain("Olivia");
        browser.assertAccessible();
    }

    @Test
    @DisplayName("An authorised agent sends the account holder's signed permission; staff find it on the request's page")
    void anAgentsSignedPermissionFromTheFormToTheConsole() throws Exception {
        PlatformClient api = new PlatformClient(context);
        String email = "noah." + java.util.UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String subject = registered(api, "US-CA", "Noah Brennan", email);
        java.nio.file.Path permission = java.nio.file.Files.createTempFile("permission", ".pdf");
        java.nio.file.Files.writeString(permission, "%PDF-1.7\n% the consumer's signed permission\n%%EOF\n");
        try {
            browser = Browser.open("http://localhost:" + port, "en");
            browser.go("/privacy-center?law=US-CA");
            browser.driver().findElement(By.id("type-know-specific-pieces")).click();
            browser.driver().findElement(By.id("requester-AUTHORISED_AGENT")).click();
            browser.type("email", email);
            browser.driver().findElement(By.id("authorityConfirmed")).click();
            browser.driver().findElement(By.id("proof")).sendKeys(permission.toAbsolutePath().toString());
            browser.submitAndWait("#request-form button[type=submit]");
            assertThat(browser.driver().getCurrentUrl()).as("the multipart form passes its CSRF token: %s",
                    browser.driver().findElement(By.tagName("main")).getText()).contains("/privacy-center/verify/");
            browser.type("code", code(api, subject));
            browser.submitAndWait("#verify-form button[type=submit]");
            assertThat(browser.driver().getCurrentUrl()).contains("/privacy-center/status/");
        } finally {
            java.nio.file.Files.deleteIfExists(permission);
        }
        String request = awaitRequest(api, subject);
        browser.close();
        browser = Browser.open("http://localhost:" + port);
        browser.signIn("staff", "lethe-staff");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            browser.go("/console/requests/" + subject + "/" + request);
            assertThat(browser.driver().findElement(By.id("authority-proof")).getText()).contains("proof of authority")
                    .contains("application/pdf");
        });
        browser.assertAccessible();
    }

    /**
     * Opens the privacy center in {@code language}, asks for {@code type} under {@code law} for the
     * account at {@code email}, enters the code from the mailbox, and answers the status page's address.
     */
    private String madeInTheBrowser(PlatformClient api, String subject, String language, String law, String type, String email)
            throws Exception {
        browser = Browser.open("http://localhost:" + port, language);
        browser.go("/privacy-center?law=" + law);
        browser.assertAccessible();
        browser.driver().findElement(By.id("type-" + type)).click();
        browser.type("email", email);
        browser.submitAndWait("#request-form button[type=submit]");
        browser.type("code", code(api, subject));
        browser.submitAndWait("#verify-form button[type=submit]");
        assertThat(browser.driver().getCurrentUrl()).contains("/privacy-center/status/");
        browser.assertAccessible();
        return browser.driver().getCurrentUrl().replaceAll("\\?.*", "");
    }

    private void awaitStage(String statusPage, String stage) {
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            browser.driver().get(statusPage);
            browser.settle();
            assertThat(browser.driver().findElement(By.id("stage")).getText()).isEqualTo(stage);
        });
    }

    /** Registers a subject and waits until the privacy center can find it by its address. */
    private static String registered(PlatformClient api, String law, String name, String email) {
        PlatformClient.Answer registered = api.post("/api/subjects", "service", """
                {"jurisdiction":"%s","name":"%s","dateOfBirth":"1990-05-05","email":"%s"}""".formatted(law, name, email));
        assertThat(registered.status()).isEqualTo(201);
        String subject = registered.json().get("subjectId").asString();
        await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/api/subjects/" + subject, "staff").status() == 200);
        return subject;
    }

    /** The latest code sent to the subject, read from the local mailbox as staff (the read is logged). */
    private static String code(PlatformClient api, String subject) {
        String[] code = new String[1];
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode mailbox = api.get("/api/mailbox?limit=500", "staff").json();
            String messageId = null;
            for (JsonNode entry : mailbox) {
                if (entry.get("subjectId").asString().equals(subject) && entry.get("kind").asString().equals("VERIFICATION_CODE")) {
                    messageId = entry.get("messageId").asString();
                    break;
                }
            }
            assertThat(messageId).as("a code in the local mailbox").isNotNull();
            Matcher matcher = CODE.matcher(api.get("/api/mailbox/" + java.net.URLEncoder.encode(messageId,
                    java.nio.charset.StandardCharsets.UTF_8), "staff").json().get("body").asString());
            assertThat(matcher.find()).isTrue();
            code[0] = matcher.group(1);
        });
        return code[0];
    }

    private static String awaitRequest(PlatformClient api, String subject) {
        String[] request = new String[1];
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode requests = api.get("/api/privacy-requests?subjectId=" + subject, "staff").json();
            assertThat(requests.size()).isEqualTo(1);
            request[0] = requests.get(0).get("requestId").asString();
        });
        return request[0];
    }
}
