package io.lethe.platform.privacycenter;

import io.lethe.core.jurisdiction.Jurisdiction;
import io.lethe.core.request.RequestRules;
import io.lethe.core.request.RequestType;
import io.lethe.core.subject.Requester;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The privacy center says the same in its three languages, and names every right, law and requester it can show. */
class PrivacyCenterMessagesTest {

    private static final Path RESOURCES = Path.of("src/main/resources");

    @Test
    void theThreeLanguagesHaveTheSameKeysAndNoEmptyText() throws IOException {
        Properties english = bundle("privacy-center/messages.properties");
        for (String other : new String[]{"privacy-center/messages_ja.properties", "privacy-center/messages_zh_TW.properties"}) {
            Properties translated = bundle(other);
            assertThat(new TreeSet<>(translated.stringPropertyNames())).as(other).isEqualTo(new TreeSet<>(english.stringPropertyNames()));
            assertThat(translated.stringPropertyNames()).allSatisfy(key -> assertThat(translated.getProperty(key)).as(key).isNotBlank());
        }
    }

    @Test
    void everyKeyThePagesAskForIsThereAndEveryRightIsNamed() throws IOException {
        Set<String> keys = bundle("privacy-center/messages.properties").stringPropertyNames();
        Set<String> used = new TreeSet<>();
        try (Stream<Path> templates = Files.list(RESOURCES.resolve("templates/privacy-center"))) {
            for (Path template : templates.toList()) {
                Matcher matcher = Pattern.compile("#\\{(pc\\.[\\w.-]+)[}(]").matcher(Files.readString(template));
                while (matcher.find()) {
                    used.add(matcher.group(1));
                }
            }
        }
        assertThat(used).hasSizeGreaterThan(30);
        assertThat(keys).containsAll(used);
        RequestRules rules = new RequestRules();
        for (Jurisdiction law : new Jurisdiction[]{Jurisdiction.JP, Jurisdiction.US_CA, Jurisdiction.EU, Jurisdiction.UK, Jurisdiction.TW}) {
            assertThat(keys).contains("pc.law." + law.code());
            for (RequestType right : rules.granted(law)) {
                assertThat(keys).contains("pc.right." + right.code(), "pc.right." + right.code() + ".text");
            }
        }
        for (Requester requester : Requester.values()) {
            assertThat(keys).contains("pc.requester." + requester.name());
        }
    }

    private static Properties bundle(String path) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(RESOURCES.resolve(path), StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }
}
