package io.lethe.platform.console;

import io.lethe.platform.PlatformClient;
import io.lethe.platform.PlatformTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The console for the company's own privacy staff in Japan: a browser that prefers Japanese gets every
 * page in Japanese (headings, legends, facts, codes as people name them, dates in Japanese in the law's
 * zone), each page still passing axe-core's WCAG 2.1 AA rules, and the switch in the header turns it to
 * English and back, remembered from page to page.
 */
@PlatformTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConsoleInJapaneseTest {

    /** A date as Intl writes it in Japanese: 2026年5月14日. */
    private static final String JAPANESE_DATE = "(?s).*\\d{4}年\\d{1,2}月\\d{1,2}日.*";

    @LocalServerPort
    int port;
    @Autowired
    ConfigurableApplicationContext context;

    private final List<Browser> browsers = new ArrayList<>();

    @AfterEach
    void closeBrowsers() throws Exception {
        for (Browser browser : browsers) {
            browser.close();
        }
    }

    private Browser japanese() throws Exception {
        Browser browser = Browser.open("http://localhost:" + port, "ja");
        browsers.add(browser);
        return browser;
    }

    @Test
    @DisplayName("Staff whose browser prefers Japanese work the queue, a request and a subject in Japanese, then switch to English")
    void staffWorkInJapaneseAndSwitchToEnglish() throws Exception {
        PlatformClient api = new PlatformClient(context);
        String tag = java.util.UUID.randomUUID().toString().substring(0, 8);
        String subject = api.post("/api/subjects", "service", """
                {"jurisdiction":"JP","name":"Takahashi Yui","dateOfBirth":"1990-03-03","email":"yui.%s@example.jp"}"""
                .formatted(tag)).json().get("subjectId").asString();
        PlatformClient.Answer submitted = api.post("/api/subjects/" + subject + "/privacy-requests", "service", """
                {"type":"disclosure","requester":"SUBJECT","channel":"EMAIL"}""");
        assertThat(submitted.status()).isEqualTo(201);
        String request = submitted.json().get("requestId").asString();
        Browser browser = japanese();

        // the sign-in page already speaks the browser's language, and says which language is current
        browser.go("/console/login");
        assertThat(lang(browser)).isEqualTo("ja");
        assertThat(heading(browser)).isEqualTo("Lethe コンソールにサインイン");
        assertThat(browser.driver().findElement(By.cssSelector("nav.languages a[hreflang=ja]")).getAttribute("aria-current"))
                .isEqualTo("true");
        assertThat(browser.driver().findElement(By.cssSelector("nav.languages a[hreflang=en]")).getAttribute("aria-current"))
                .isNull();
        browser.assertAccessible();

        browser.signIn("staff", "lethe-staff");
        assertThat(browser.driver().getCurrentUrl()).endsWith("/console/requests");
        assertThat(lang(browser)).isEqualTo("ja");
        assertThat(heading(browser)).isEqualTo("本人からの請求");
        assertThat(browser.driver().getTitle()).isEqualTo("請求 · Lethe コンソール");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            browser.go("/console/requests?jurisdiction=JP");
            assertThat(browser.driver().findElement(By.id("queue")).getText()).contains(request.substring(0, 8));
        });
        String queue = browser.driver().findElement(By.id("queue")).getText();
        assertThat(queue).contains("日本 (JP)", "開示", "本人確認待ち").matches(JAPANESE_DATE);
        assertThat(browser.driver().findElement(By.cssSelector("#queue thead")).getText()).contains("適用法令", "残り日数");
        browser.assertAccessible();

        browser.go("/console/requests/" + subject + "/" + request);
        assertThat(browser.problem()).isEmpty();
        assertThat(lang(browser)).isEqualTo("ja");
        assertThat(browser.fact("適用法令")).isEqualTo("日本 (JP)");
        assertThat(browser.fact("種別")).isEqualTo("開示");
        assertThat(browser.fact("請求者")).isEqualTo("本人");
        assertThat(browser.fact("受付日時")).matches(JAPANESE_DATE).contains("JST");
        assertThat(browser.fact("残り日数")).matches("\\d+日");
        assertThat(browser.driver().findElement(By.id("stages")).getText()).startsWith("受付");
        assertThat(browser.form("本人確認").isDisplayed()).isTrue();
        assertThat(browser.driver().findElement(By.cssSelector("#method option[value=EMAIL_CONFIRMATION]")).getText())
                .isEqualTo("メールによる確認");
        assertThat(browser.driver().findElement(By.cssSelector("form[data-step=FULFIL]")).getAttribute("data-confirm-step"))
                .startsWith("この請求への対応を完了しますか");
        browser.assertAccessible();

        // a step taken in Japanese is reported in Japanese, in the trail too
        browser.choose("method", "EMAIL_CONFIRMATION");
        browser.send(browser.form("本人確認"));
        assertThat(browser.problem()).isEmpty();
        assertThat(browser.status()).isEqualTo("完了：本人確認。");
        assertThat(browser.driver().findElement(By.id("trail")).getText()).contains("請求を受付", "本人確認済み", "staff");

        browser.go("/console/subjects/" + subject);
        assertThat(browser.problem()).isEmpty();
        assertThat(heading(browser)).startsWith("本人 ");
        assertThat(browser.fact("氏名")).isEqualTo("Takahashi Yui");
        assertThat(browser.fact("適用法令")).isEqualTo("日本 (JP)");
        assertThat(browser.fact("ステータス")).isEqualTo("有効");
        assertThat(browser.fact("登録日時")).matches(JAPANESE_DATE);
        assertThat(browser.form("本人への回答書面").isDisplayed()).isTrue();
        assertThat(browser.driver().findElement(By.id("subject-requests")).getText()).contains("開示");
        browser.assertAccessible();

        // the switch, from the keyboard: the same page in English, and English it stays
        switchTo(browser, "en");
        assertThat(browser.driver().getCurrentUrl()).contains("/console/subjects/" + subject);
        assertThat(lang(browser)).isEqualTo("en");
        assertThat(heading(browser)).startsWith("Subject ");
        assertThat(browser.fact("Law")).isEqualTo("Japan (JP)");
        assertThat(browser.fact("Status")).isEqualTo("Active");
        assertThat(browser.driver().findElement(By.cssSelector("nav.languages a[hreflang=en]")).getAttribute("aria-current"))
                .isEqualTo("true");
        browser.assertAccessible();
        browser.go("/console/requests?jurisdiction=JP");
        assertThat(lang(browser)).isEqualTo("en");
        assertThat(heading(browser)).isEqualTo("Privacy requests");
        assertThat(browser.driver().findElement(By.id("queue")).getText()).contains("Japan (JP)", "Disclosure");

        // and back to Japanese, keeping the page's filter
        switchTo(browser, "ja");
        assertThat(browser.driver().getCurrentUrl()).contains("jurisdiction=JP");
        assertThat(heading(browser)).isEqualTo("本人からの請求");
    }

    @Test
    @DisplayName("An auditor whose browser prefers Japanese reviews the metrics and the access log in Japanese, then switches to English")
    void anAuditorReviewsInJapanese() throws Exception {
        Browser browser = japanese();
        browser.signIn("auditor", "lethe-auditor");
        assertThat(browser.driver().getCurrentUrl()).endsWith("/console/audit");
        assertThat(browser.problem()).isEmpty();
        assertThat(lang(browser)).isEqualTo("ja");
        assertThat(heading(browser)).isEqualTo("監査");
        assertThat(browser.driver().findElement(By.id("metrics-title")).getText()).isEqualTo("請求の統計（CCPA規則 §7102）");
        assertThat(browser.driver().findElement(By.cssSelector("#metrics thead")).getText()).contains("種別", "受付件数", "拒否");
        assertThat(browser.driver().findElement(By.cssSelector("#metrics-filter button[type=submit]")).getText()).isEqualTo("表示");
        // the auditor's own read of the access log is in the log by the time it is read again
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            browser.send(browser.driver().findElement(By.id("access-filter")));
            assertThat(browser.driver().findElement(By.id("access-log")).getText()).matches(JAPANESE_DATE);
        });
        browser.assertAccessible();

        switchTo(browser, "en");
        assertThat(lang(browser)).isEqualTo("en");
        assertThat(heading(browser)).isEqualTo("Audit");
        assertThat(browser.driver().findElement(By.id("metrics-title")).getText()).isEqualTo("Request metrics (CCPA Regulations §7102)");
        browser.assertAccessible();
    }

    /** Follows the language switch's link from the keyboard: focused, then Enter. */
    private static void switchTo(Browser browser, String language) {
        WebElement link = browser.driver().findElement(By.cssSelector("nav.languages a[hreflang=" + language + "]"));
        link.sendKeys(Keys.ENTER);
        await().atMost(Duration.ofSeconds(20)).until(() -> language.equals(lang(browser)));
        browser.settle();
    }

    private static String lang(Browser browser) {
        return browser.driver().findElement(By.tagName("html")).getAttribute("lang");
    }

    private static String heading(Browser browser) {
        return browser.driver().findElement(By.tagName("h1")).getText();
    }
}
