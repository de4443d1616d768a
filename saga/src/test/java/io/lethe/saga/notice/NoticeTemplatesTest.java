package io.lethe.saga.notice;

import io.lethe.core.jurisdiction.Jurisdiction;
import io.lethe.core.request.DenialReason;
import io.lethe.core.request.ExtensionReason;
import io.lethe.core.request.NoticeKind;
import io.lethe.core.request.RequestType;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** Every notice is written in every language, from texts that name every type, reason and authority. */
class NoticeTemplatesTest {

    private static final NoticeProperties PROPERTIES = new NoticeProperties("privacy@example.com", "Example Co.",
            Duration.ofSeconds(5), List.of(Duration.ofMinutes(1)), Duration.ofMinutes(2), Duration.ofDays(3));
    private final NoticeTemplates templates = new NoticeTemplates(PROPERTIES);

    @Test
    void theThreeLanguagesHoldTheSameTexts() throws IOException {
        Properties english = bundle("notices/notices.properties");
        assertThat(bundle("notices/notices_ja.properties").stringPropertyNames()).isEqualTo(english.stringPropertyNames());
        assertThat(bundle("notices/notices_zh_TW.properties").stringPropertyNames()).isEqualTo(english.stringPropertyNames());
        for (RequestType type : RequestType.values()) {
            assertThat(english).containsKey("type." + type.code());
        }
        for (DenialReason reason : DenialReason.values()) {
            assertThat(english).containsKey("denial.reason." + reason.name());
        }
        for (ExtensionReason reason : ExtensionReason.values()) {
            assertThat(english).containsKey("extension.reason." + reason.name());
        }
        for (Jurisdiction jurisdiction : Jurisdiction.values()) {
            assertThat(english).containsKey("complaint." + jurisdiction.name());
        }
    }

    @Test
    void aBreachNoticeCarriesTheLettersSectionsUnderEachLanguagesHeadingsAsWritten() {
        io.lethe.core.breach.BreachLetter letter = new io.lethe.core.breach.BreachLetter("A {0} server's log was read.",
                "Names", "We closed it", "Nothing", "Call us");
        NoticeTemplates.Written english = templates.writeBreach("en", Jurisdiction.US_CA, "abc12345", letter);
        assertThat(english.title()).isEqualTo("Notice of Data Breach");
        assertThat(english.body()).contains("What Happened\nA {0} server's log was read.\n\nWhat Information Was Involved\nNames")
                .contains("For More Information\nCall us").contains("California Privacy Protection Agency")
                .contains("Reference: abc12345").contains("Example Co. privacy team");
        assertThat(templates.writeBreach("ja", Jurisdiction.JP, "abc12345", letter).body())
                .contains("■ 発生した事態の概要\nA {0} server's log was read.").contains("個人情報保護委員会");
        assertThat(templates.writeBreach("zh-TW", Jurisdiction.TW, "abc12345", letter).body())
                .contains("【事件經過】\nA {0} server's log was read.").contains("個人資料保護委員會");
    }

    @Test
    void staffReviewEveryKindAsEachLawsPeopleReceiveIt() {
        List<NoticeTemplates.Sample> samples = templates.samples(LocalDate.of(2026, 12, 1));
        assertThat(samples).hasSize(Jurisdiction.values().length * (NoticeKind.values().length + 1));
        assertThat(samples).allSatisfy(sample -> {
            assertThat(sample.language()).isEqualTo(sample.jurisdiction().language());
            assertThat(sample.title() + sample.body()).doesNotContain("{");
            assertThat(sample.body()).contains("Example Co.");
        });
        assertThat(samples).anySatisfy(sample -> assertThat(sample.kind() + sample.jurisdiction() + sample.body())
                .startsWith("BREACHJP").contains("[What happened]"));
    }

    @Test
    void everyKindIsWrittenInEveryLanguageWithItsFactsAndNoPlaceholderLeft() {
        for (String language : NoticeTemplates.LANGUAGES) {
            for (NoticeKind kind : NoticeKind.values()) {
                String reason = kind == NoticeKind.EXTENSION ? "COMPLEXITY" : kind == NoticeKind.DENIAL ? "EXEMPTION" : null;
                NoticeTemplates.Written written = templates.write(kind, language, new NoticeTemplates.Facts("req-1",
                        Jurisdiction.UK, "access", Instant.parse("2026-12-01T10:00:00Z"), LocalDate.of(2027, 1, 1), reason));
                assertThat(written.title()).as(kind + " in " + language).contains("req-1").doesNotContain("{");
                assertThat(written.body()).as(kind + " in " + language).contains("req-1").contains("Example Co.")
                        .doesNotContain("{").doesNotContain("''");
            }
        }
    }

    @Test
    void aDenialSaysWhyAndWhereToComplainInTheRequestersLaw() {
        NoticeTemplates.Written english = templates.write(NoticeKind.DENIAL, "en", new NoticeTemplates.Facts("r",
                Jurisdiction.UK, "erasure", null, null, "LEGAL_OBLIGATION"));
        assertThat(english.body()).contains("erasure of your personal data")
                .contains("the law obliges us to keep or process this data")
                .contains("Information Commissioner's Office");
        NoticeTemplates.Written taiwanese = templates.write(NoticeKind.DENIAL, "zh-TW", new NoticeTemplates.Facts("r",
                Jurisdiction.TW, "copy", null, null, "FEE_UNPAID"));
        assertThat(taiwanese.title()).isEqualTo("關於您個人資料請求的決定（r）");
        assertThat(taiwanese.body()).contains("請求製給個人資料複製本").contains("個人資料保護委員會");
    }

    @Test
    void theLanguageFollowsTheLaw() {
        assertThat(Jurisdiction.JP.language()).isEqualTo("ja");
        assertThat(Jurisdiction.TW.language()).isEqualTo("zh-TW");
        assertThat(Jurisdiction.US_CA.language()).isEqualTo("en");
        assertThat(Jurisdiction.EU.language()).isEqualTo("en");
    }

    @Test
    void theDueDateIsWrittenTheWayTheLanguageWritesDates() {
        NoticeTemplates.Facts facts = new NoticeTemplates.Facts("r", Jurisdiction.JP, "disclosure",
                Instant.parse("2026-12-01T01:00:00Z"), LocalDate.of(2026, 12, 15), null);
        assertThat(templates.write(NoticeKind.RECEIPT, "ja", facts).body()).contains("回答期限：2026年12月15日");
        assertThat(templates.write(NoticeKind.RECEIPT, "en", facts).body()).contains("We will respond by: December 15, 2026");
    }

    private static Properties bundle(String path) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = NoticeTemplatesTest.class.getClassLoader().getResourceAsStream(path)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
