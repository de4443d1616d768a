package io.lethe.platform.console;

import io.lethe.platform.PlatformClient;
import io.lethe.platform.PlatformTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The console in a real headless Chromium, as a privacy team member works it: signing in, a
 * California request from intake to fulfilment, a breach from report to closure. Every page visited
 * must pass axe-core's WCAG 2.1 AA rules, and every read of personal data must land in the access log
 * under the person's name, as the API's reads do.
 */
@PlatformTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConsoleInTheBrowserTest {

    @LocalServerPort
    int port;
    @Autowired
    ConfigurableApplicationContext context;
    @Autowired
    JdbcTemplate jdbc;

    Browser browser;

    @BeforeEach
    void openBrowser() throws Exception {
        browser = Browser.open("http://localhost:" + port);
    }

    @AfterEach
    void closeBrowser() throws Exception {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    @DisplayName("A person works a US-CA right-to-know from intake to fulfilment without the terminal")
    void aCaliforniaRequestFromIntakeToFulfilment() {
        PlatformClient api = new PlatformClient(context);
        String subject = api.post("/api/subjects", "service", """
                {"jurisdiction":"US-CA","name":"Marisol Ortega","dateOfBirth":"1988-02-11","email":"marisol@example.com"}""")
                .json().get("subjectId").asString();

        browser.signIn("staff", "lethe-staff");
        assertThat(browser.driver().getCurrentUrl()).endsWith("/console/requests");
        browser.assertAccessible();

        browser.go("/console/requests/new?subjectId=" + subject);
        browser.assertAccessible();
        browser.choose("type", "know-specific-pieces");
        browser.choose("requester", "SUBJECT");
        browser.choose("channel", "EMAIL");
        browser.driver().findElement(By.cssSelector("#intake button[type=submit]")).click();
        new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
                .until(ExpectedConditions.urlMatches("/console/requests/" + subject + "/[0-9a-f-]{36}$"));
        browser.settle();
        String request = browser.driver().getCurrentUrl().replaceAll(".*/", "");
        // Back, and the same form sent again: the request already made opens, no second one is recorded
        browser.driver().navigate().back();
        browser.settle();
        browser.driver().findElement(By.cssSelector("#intake button[type=submit]")).click();
        new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
                .until(ExpectedConditions.urlMatches("/console/requests/" + subject + "/[0-9a-f-]{36}$"));
        assertThat(browser.driver().getCurrentUrl()).endsWith(request);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%PrivacyRequestSubmittedEvent' "
                + "AND (aggregate_identifier = ? OR aggregate_identifier = ?)", Long.class, subject, request)).isEqualTo(1);
        browser.settle();
        browser.assertAccessible();
        // codes read as people name them
        assertThat(browser.fact("Law")).isEqualTo("California (US-CA)");
        assertThat(browser.fact("Type")).isEqualTo("Know specific pieces");
        assertThat(browser.fact("Days left")).as("45 calendar days, counted in California").matches("4[45] d");
        // only the steps a California right to know takes now: no fee, no correction, no fulfilment before identity
        assertThat(browser.driver().findElements(By.cssSelector("form[data-step]")).stream()
                .filter(org.openqa.selenium.WebElement::isDisplayed).map(form -> form.getAttribute("data-step")))
                .containsExactly("ACKNOWLEDGE", "VERIFY_IDENTITY", "EXTEND", "DENY");

        browser.send(browser.form("Acknowledge receipt"));
        assertThat(browser.problem()).isEmpty();
        assertThat(browser.status()).startsWith("Done");
        browser.choose("method", "EMAIL_CONFIRMATION");
        browser.send(browser.form("Verify identity"));
        assertThat(browser.problem()).isEmpty();

        // a field the platform refuses is marked where it is, in the form's words, not the API's field path
        browser.set("noticeSentOn", java.time.LocalDate.now(java.time.ZoneId.of("America/Los_Angeles")).toString());
        browser.type("noticeReference", "not a reference!");
        browser.send(browser.form("Extend the deadline"));
        assertThat(browser.problem()).contains("Notice reference:");
        assertThat(browser.driver().findElement(By.id("noticeReference")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.driver().findElement(By.id("noticeReference-error")).getText()).isNotBlank();
        assertThat(browser.driver().switchTo().activeElement().getAttribute("id")).isEqualTo("noticeReference");
        browser.assertAccessible();
        browser.type("noticeReference", "");

        // a refused step shows the platform's problem, and changes nothing
        browser.send(browser.form("Fulfil"));
        assertThat(browser.driver().findElement(By.id("responseReference")).getAttribute("validationMessage"))
                .as("the browser asks for the required reference before anything is sent").isNotEmpty();
        // the stage line says where it stands: acknowledged and verified, in progress now
        assertThat(browser.driver().findElement(By.cssSelector("#stages li[aria-current=step]")).getText()).startsWith("Answered");

        // an internal note joins the request's trail with who wrote it
        browser.type("note-text", "Marisol asked for the answer through the portal.");
        browser.send(browser.form("Add an internal note"));
        assertThat(browser.problem()).isEmpty();
        assertThat(browser.driver().findElement(By.id("trail")).getText())
                .contains("Marisol asked for the answer through the portal.", "Identity verified", "Receipt acknowledged", "staff");

        browser.type("responseReference", "portal-download-7");
        browser.send(browser.form("Fulfil"));
        assertThat(browser.problem()).isEmpty();
        // the page after the step shows the step: it read with the step's position, no reload, no wait
        assertThat(browser.fact("Status")).isEqualTo("Fulfilled");
        assertThat(browser.driver().findElements(By.cssSelector("#stages li[aria-current=step]"))).isEmpty();
        assertThat(browser.driver().findElement(By.id("trail")).getText()).contains("Fulfilled");
        assertThat(browser.driver().findElement(By.id("steps")).isDisplayed()).as("a closed request has no steps").isFalse();
        browser.assertAccessible();

        browser.go("/console/requests?state=closed&jurisdiction=US-CA");
        assertThat(browser.driver().findElement(By.id("queue")).getText()).contains(request.substring(0, 8));

        browser.go("/console/subjects/" + subject);
        browser.assertAccessible();
        assertThat(browser.fact("Name")).isEqualTo("Marisol Ortega");
        assertThat(browser.driver().findElement(By.id("record-exception")).isDisplayed())
                .as("no Taiwan retention exception for a California subject").isFalse();
        assertThat(browser.driver().findElement(By.id("subject-requests")).getText()).contains("Fulfilled");
        assertThat(browser.driver().findElement(By.id("history")).getText()).contains("AccountRegisteredEvent");
        // the answer delivered: the report as the subject's document, in the language chosen; the download is logged
        browser.choose("answer-language", "ja");
        browser.send(browser.form("The answer for the subject"));
        assertThat(browser.problem()).isEmpty();
        assertThat(browser.status()).contains("downloaded (ja)");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM personal_data_access_log WHERE subject_id = ?::uuid "
                + "AND view = 'access-report-document'", Long.class, subject)).isEqualTo(1);
        // and the portability package: what the subject provided, as one file
        browser.driver().findElement(By.id("portability-download")).click();
        browser.settle();
        assertThat(browser.problem()).isEmpty();
        assertThat(browser.status()).contains("portability package is downloaded");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM personal_data_access_log WHERE subject_id = ?::uuid "
                + "AND view = 'portability-export'", Long.class, subject)).isPositive();
        // the holds come from the platform's filtered read, the history table from one page of it
        assertThat(browser.driver().findElement(By.id("holds")).getText()).contains("No legal hold is in force");
        Map<String, Object> reads = jdbc.queryForMap("""
                SELECT count(*) FILTER (WHERE view = 'subject-summary') AS summary,
                       count(*) FILTER (WHERE view = 'access-report') AS report,
                       count(*) FILTER (WHERE view = 'audit-history') AS history
                FROM personal_data_access_log WHERE subject_id = ?::uuid AND principal = 'staff'""", subject);
        assertThat(reads).as("the console's reads are logged under the person").allSatisfy((view, count) ->
                assertThat(((Number) count).longValue()).as(view).isPositive());
    }

    @Test
    @DisplayName("The subjects list, the processors' confirmations and, for ADMIN, the vault and dead letters open and pass the checks")
    void theOtherPagesOpenForTheirRolesAndPassTheAccessibilityChecks() throws Exception {
        String tag = java.util.UUID.randomUUID().toString().substring(0, 8);
        String subject = new PlatformClient(context).post("/api/subjects", "service", """
                {"jurisdiction":"JP","name":"Sato Haruka","dateOfBirth":"1992-07-07","email":"haruka.%s@example.jp"}"""
                .formatted(tag)).json().get("subjectId").asString();
        browser.signIn("staff", "lethe-staff");
        browser.go("/console/subjects");
        assertThat(browser.problem()).isEmpty();
        browser.assertAccessible();
        // a person writes in from their address: staff find their account by it
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            browser.type("search-email", "Haruka." + tag + "@Example.JP");
            browser.send(browser.driver().findElement(By.id("find-by-email")));
            assertThat(browser.driver().findElement(By.id("email-results")).getText()).contains("Sato Haruka");
        });
        assertThat(browser.driver().findElement(By.cssSelector("#email-results a")).getAttribute("href")).endsWith(subject);
        assertThat(browser.driver().getCurrentUrl()).as("the address is in no URL").doesNotContain(tag);
        browser.assertAccessible();

        // the subject id's pattern is one the browser accepts (an invalid one is silently skipped), and it says what it wants
        browser.type("subjectId", "not a subject id");
        assertThat(browser.driver().findElement(By.id("subjectId")).getAttribute("validationMessage")).isNotEmpty();
        assertThat(browser.driver().findElement(By.id("subjectId-hint")).getText()).contains("36 characters");
        assertThat(browser.driver().findElements(By.cssSelector("link[rel=icon]"))).as("no request for a favicon the console lacks").hasSize(1);
        // the morning view: open requests by law and due window, breach duties, processors
        assertThat(new PlatformClient(context).post("/api/subjects/" + subject + "/privacy-requests", "service", """
                {"type":"disclosure","requester":"SUBJECT","channel":"EMAIL"}""").status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            browser.go("/console/overview");
            assertThat(browser.problem()).isEmpty();
            assertThat(browser.driver().findElement(By.id("open-requests")).getText()).contains("JP");
            assertThat(browser.driver().findElements(By.cssSelector("#open-chart svg rect"))).isNotEmpty();
        });
        assertThat(browser.fact("Deletions and corrections to confirm")).matches("\\d+");
        browser.assertAccessible();
        browser.go("/console/processors");
        assertThat(browser.problem()).isEmpty();
        browser.assertAccessible();
        // with no mail server configured, mail to people is in the local mailbox: here a privacy-center code
        browser.go("/privacy-center?law=JP");
        browser.driver().findElement(By.id("type-disclosure")).click();
        browser.type("email", "haruka." + tag + "@example.jp");
        browser.submitAndWait("#request-form button[type=submit]");
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> {
            browser.go("/console/mailbox");
            assertThat(browser.problem()).isEmpty();
            assertThat(browser.driver().findElement(By.id("mailbox")).getText()).contains(subject.substring(0, 8));
        });
        assertThat(browser.driver().findElement(By.id("mailbox")).getText()).as("the list names no one").doesNotContain(tag)
                .contains("Verification code");
        browser.assertAccessible();
        browser.driver().findElements(By.cssSelector("#mailbox tbody tr")).stream()
                .filter(row -> row.getText().contains(subject.substring(0, 8))).findFirst().orElseThrow()
                .findElement(By.tagName("button")).click();
        new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("message-body")));
        assertThat(browser.fact("To")).isEqualTo("haruka." + tag + "@example.jp");
        assertThat(browser.fact("Subject line")).startsWith("Your privacy request code: ");
        assertThat(browser.driver().findElement(By.id("message-body")).getText()).contains("Enter it on the privacy center page");
        browser.assertAccessible();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM personal_data_access_log WHERE view = 'mailbox-message' "
                + "AND subject_id = CAST(? AS UUID)", Long.class, subject)).isEqualTo(1);
        browser.go("/console/admin");
        assertThat(browser.driver().findElement(By.tagName("main")).getText()).contains("Your role does not open this page");
        browser.close();

        browser = Browser.open("http://localhost:" + port);
        browser.signIn("admin", "lethe-admin");
        assertThat(browser.driver().getCurrentUrl()).endsWith("/console/admin");
        assertThat(browser.problem()).isEmpty();
        assertThat(browser.fact("Current key-encryption key")).isNotBlank().isNotEqualTo("—");
        assertThat(browser.driver().findElement(By.id("event-processors")).getText()).contains("subject-summary");
        browser.assertAccessible();
        // an admin on a privacy-staff page is told why, not shown a page whose reads are refused
        browser.go("/console/requests");
        assertThat(browser.driver().findElement(By.tagName("main")).getText()).contains("Your role does not open this page");
    }

    @Test
    @DisplayName("An auditor reviews the year's request metrics with their chart, the history and the access log")
    void anAuditorReviewsMetricsHistoryAndAccessLog() throws Exception {
        PlatformClient api = new PlatformClient(context);
        String subject = api.post("/api/subjects", "service", """
                {"jurisdiction":"US-CA","name":"Ines Duarte","dateOfBirth":"1979-05-02","email":"ines@example.com"}""")
                .json().get("subjectId").asString();
        assertThat(api.post("/api/subjects/" + subject + "/privacy-requests", "service", """
                {"type":"know-categories","requester":"SUBJECT","channel":"EMAIL"}""").status()).isEqualTo(201);
        String year = String.valueOf(java.time.LocalDate.now(java.time.ZoneId.of("America/Los_Angeles")).getYear());

        browser.signIn("auditor", "lethe-auditor");
        assertThat(browser.driver().getCurrentUrl()).as("the auditor's own page, not 'no role'").endsWith("/console/audit");
        assertThat(browser.problem()).isEmpty();
        browser.type("metrics-year", year);
        browser.send(browser.driver().findElement(By.id("metrics-filter")));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            browser.send(browser.driver().findElement(By.id("metrics-filter")));
            assertThat(browser.driver().findElement(By.id("metrics")).getText()).contains("know-categories");
            assertThat(browser.driver().findElements(By.cssSelector("#metrics-chart svg rect"))).isNotEmpty();
        });
        assertThat(browser.driver().findElement(By.id("metrics-basis")).getText()).contains(year);

        browser.type("history-subject", subject);
        browser.type("history-type", "Registered");
        browser.send(browser.driver().findElement(By.id("history-filter")));
        assertThat(browser.driver().findElement(By.id("audit-history")).getText()).contains("AccountRegisteredEvent")
                .doesNotContain("PrivacyRequestSubmittedEvent");
        browser.type("access-subject", subject);
        browser.send(browser.driver().findElement(By.id("access-filter")));
        assertThat(browser.driver().findElement(By.id("access-log")).getText()).as("the auditor's own read is logged")
                .contains("auditor", "audit-history");
        assertThat(browser.problem()).isEmpty();
        browser.assertAccessible();

        // the privacy team's pages are not the auditor's
        browser.go("/console/requests");
        assertThat(browser.driver().findElement(By.tagName("main")).getText()).contains("Your role does not open this page");
    }

    @Test
    @DisplayName("A person reports a breach, assesses it, records each notification against its countdown, and closes it")
    void aBreachFromReportToClosure() {
        browser.signIn("staff", "lethe-staff");
        browser.go("/console/breaches");
        browser.assertAccessible();
        browser.set("awareAt", LocalDateTime.now().minusHours(2).truncatedTo(ChronoUnit.MINUTES)
                .format(DateTimeFormatter.ISO_LOCAL_DATE_TIME));
        browser.type("affected-US-CA", "600");
        browser.type("affected-JP", "40");
        browser.driver().findElement(By.cssSelector("input[name='facts.categories'][value='A']")).click();
        browser.driver().findElement(By.cssSelector("input[name='facts.categories'][value='B']")).click();
        browser.type("summaryReference", "incident-2026-77");
        browser.form("Report a breach").findElement(By.cssSelector("button[type=submit]")).click();
        new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
                .until(ExpectedConditions.urlMatches("/console/breaches/[0-9a-f-]{36}$"));
        browser.settle();
        String breachPage = browser.driver().getCurrentUrl().replace("http://localhost:" + port, "");
        browser.assertAccessible();

        browser.choose("risk", "HIGH");
        browser.type("assessmentReference", "dpia-77");
        browser.send(browser.form("Assess the risk"));
        assertThat(browser.problem()).isEmpty();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            browser.go(breachPage);
            assertThat(new Select(browser.driver().findElement(By.id("dutyId"))).getOptions()).isNotEmpty();
        });
        assertThat(browser.driver().findElement(By.id("duties")).getText()).as("each duty counts down").containsPattern("\\d+ d \\d+ h");
        browser.assertAccessible();
        for (int sent = 0; sent < 20; sent++) {
            browser.go(breachPage);
            var options = new Select(browser.driver().findElement(By.id("dutyId"))).getOptions();
            if (options.isEmpty()) {
                break;
            }
            browser.choose("dutyId", options.get(0).getAttribute("value"));
            browser.type("notification-reference", "notice-" + sent);
            browser.send(browser.form("Record a notification sent"));
            assertThat(browser.problem()).isEmpty();
            int before = options.size();
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                browser.go(breachPage);
                assertThat(new Select(browser.driver().findElement(By.id("dutyId"))).getOptions()).hasSizeLessThan(before);
            });
        }
        browser.type("closure-reference", "closed-77");
        browser.send(browser.form("Close the breach"));
        assertThat(browser.problem()).isEmpty();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            browser.go(breachPage);
            assertThat(browser.fact("Status")).isEqualTo("Closed");
        });
        WebElement duties = browser.driver().findElement(By.id("duties"));
        assertThat(duties.getText()).contains("notice-0");
    }

    @Test
    @DisplayName("A person mails a breach's letter to the people it affected and finds it in their mailbox; the templates read in each law's language")
    void aBreachIsMailedToThePeopleItAffected() throws Exception {
        String tag = java.util.UUID.randomUUID().toString().substring(0, 8);
        PlatformClient client = new PlatformClient(context);
        String subject = client.post("/api/subjects", "service", """
                {"jurisdiction":"JP","name":"Ito Ren","dateOfBirth":"1990-03-03","email":"ren.%s@example.jp"}"""
                .formatted(tag)).json().get("subjectId").asString();
        String breach = client.post("/api/breaches", "staff", """
                {"awareAt":"%s","summaryReference":"incident-mail-77","affectedSubjects":["%s"],"facts":{
                  "affectedByJurisdiction":{"JP":1},"categories":["A"],"sensitive":true,"financialDamageRisk":false,
                  "malicious":false,"encryptedKeySafe":false}}""".formatted(java.time.Instant.now().minusSeconds(3600)
                .truncatedTo(ChronoUnit.SECONDS), subject)).json().get("breachId").asString();
        browser.signIn("staff", "lethe-staff");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            browser.go("/console/breaches/" + breach);
            assertThat(new Select(browser.driver().findElement(By.id("mailing-duty"))).getOptions()).isNotEmpty();
        });
        browser.assertAccessible();
        browser.choose("mailing-duty", "appi-individuals");
        browser.type("letter-happened", "委託先サーバーへの不正アクセスを確認しました。");
        browser.type("letter-information", "氏名とメールアドレス");
        browser.type("letter-doing", "サーバーを停止しました。");
        browser.type("letter-you", "不審なメールにご注意ください。");
        browser.type("letter-more", "窓口 0120-000-000");
        browser.send(browser.form("Mail the people affected"));
        assertThat(browser.problem()).isEmpty();
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> {
            browser.go("/console/breaches/" + breach);
            assertThat(browser.driver().findElement(By.id("mailings")).getText()).contains("Done: the duty is met");
        });
        assertThat(browser.driver().findElement(By.id("mailing-form")).isDisplayed()).as("nothing is left to mail").isFalse();
        browser.assertAccessible();

        browser.go("/console/mailbox");
        browser.driver().findElements(By.cssSelector("#mailbox tbody tr")).stream()
                .filter(row -> row.getText().contains(subject.substring(0, 8)) && row.getText().contains("Breach notice"))
                .findFirst().orElseThrow().findElement(By.tagName("button")).click();
        new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("message-body")));
        assertThat(browser.fact("Subject line")).isEqualTo("個人データの漏えい等に関するお知らせ");
        assertThat(browser.driver().findElement(By.id("message-body")).getText()).contains("委託先サーバーへの不正アクセスを確認しました。")
                .contains("個人情報保護委員会");

        browser.go("/console/notice-templates");
        assertThat(browser.problem()).isEmpty();
        browser.assertAccessible();
        browser.choose("template-law", "TW");
        assertThat(browser.driver().findElement(By.id("templates")).getText()).contains("個人資料外洩事件通知")
                .doesNotContain("Notice of Data Breach");
    }
}
