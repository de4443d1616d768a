package io.lethe.query.report;

import io.lethe.core.consent.ConsentType;
import io.lethe.core.consent.SensitiveCategory;
import io.lethe.core.consent.SensitiveDataException;
import io.lethe.core.jurisdiction.Jurisdiction;
import io.lethe.core.personaldata.DataCategory;
import io.lethe.core.personaldata.Purpose;
import io.lethe.core.personaldata.RetentionClass;
import io.lethe.core.provision.RecipientCategory;
import io.lethe.core.request.RequestType;
import io.lethe.core.subject.SubjectStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The subject's document never shows one of the API's codes: every value a report can carry has its
 * words in every language the document is written in, and the three languages have the same texts.
 */
class ReportDocumentTextsTest {

    @ParameterizedTest
    @ValueSource(strings = {"en", "ja", "zh-TW"})
    void everyValueAReportCanCarryHasItsWordsInEveryLanguage(String tag) {
        ReportDocument.Language language = ReportDocument.Language.tagged(tag).orElseThrow();
        java.util.Properties bundle = texts(language.locale);
        List<String> keys = new ArrayList<>();
        for (Jurisdiction law : Jurisdiction.values()) {
            keys.add("law." + law.code());
            keys.add("basis." + law.code());
            keys.add("sensitive." + law.code());
        }
        for (DataCategory category : DataCategory.values()) {
            keys.add("category." + category.letter());
        }
        for (RetentionClass retentionClass : RetentionClass.values()) {
            keys.add("class." + retentionClass.name());
        }
        for (Purpose purpose : Purpose.values()) {
            keys.add("purpose." + purpose.name());
        }
        for (RecipientCategory recipient : RecipientCategory.values()) {
            keys.add("recipient." + recipient.name());
        }
        for (ConsentType consent : ConsentType.values()) {
            keys.add("consent." + consent.name());
        }
        for (SensitiveCategory category : SensitiveCategory.values()) {
            keys.add("sensitive." + category.name());
        }
        keys.add("sensitiveBasis.consent");
        for (SensitiveDataException exception : SensitiveDataException.values()) {
            keys.add("sensitiveBasis." + exception.name());
        }
        for (RequestType type : RequestType.values()) {
            keys.add("right." + type.code());
        }
        keys.add("right.complaint-to-supervisory-authority");
        for (SubjectStatus status : SubjectStatus.values()) {
            keys.add("status." + status.name());
        }
        assertThat(keys).allSatisfy(key -> assertThat(bundle.containsKey(key)).as("%s in %s", key, tag).isTrue());
        // each file holds the same keys: nothing falls back to another language's words
        assertThat(bundle.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(texts(Locale.ENGLISH).stringPropertyNames());
        // and the document reads them as the file says
        ResourceBundle read = ResourceBundle.getBundle("report/messages", language.locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        assertThat(read.getString("title")).isEqualTo(bundle.getProperty("title"));
    }

    /** One language's file itself, without the base file behind it. */
    private static java.util.Properties texts(Locale locale) {
        String name = "report/messages" + (locale.equals(Locale.ENGLISH) ? "" : "_" + locale.toString()) + ".properties";
        java.util.Properties texts = new java.util.Properties();
        try (java.io.Reader reader = new java.io.InputStreamReader(
                ReportDocumentTextsTest.class.getClassLoader().getResourceAsStream(name), java.nio.charset.StandardCharsets.UTF_8)) {
            texts.load(reader);
        } catch (java.io.IOException | NullPointerException missing) {
            throw new AssertionError("no " + name, missing);
        }
        return texts;
    }
}
