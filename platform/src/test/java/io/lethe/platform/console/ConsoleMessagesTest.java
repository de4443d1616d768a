package io.lethe.platform.console;

import org.junit.jupiter.api.DisplayName;
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

/**
 * The console's two bundles say the same things: every key in English is in Japanese and the other way
 * round, and every text the pages and the script ask for is there, so no page shows a ??key?? or a raw key.
 */
class ConsoleMessagesTest {

    private static final Path RESOURCES = Path.of("src/main/resources");

    @Test
    @DisplayName("English and Japanese have the same keys, and no text is empty")
    void theBundlesHaveTheSameKeys() throws IOException {
        Properties english = bundle("console/messages.properties");
        Properties japanese = bundle("console/messages_ja.properties");
        assertThat(new TreeSet<>(japanese.stringPropertyNames())).isEqualTo(new TreeSet<>(english.stringPropertyNames()));
        assertThat(english.stringPropertyNames()).allSatisfy(key -> {
            assertThat(english.getProperty(key)).as(key).isNotBlank();
            assertThat(japanese.getProperty(key)).as(key).isNotBlank();
        });
    }

    @Test
    @DisplayName("Every key a template or the script asks for is in the bundle")
    void everyKeyUsedExists() throws IOException {
        Set<String> keys = bundle("console/messages.properties").stringPropertyNames();
        Set<String> used = new TreeSet<>();
        try (Stream<Path> templates = Files.list(RESOURCES.resolve("templates/console"))) {
            for (Path template : templates.toList()) {
                collect(Files.readString(template), Pattern.compile("#\\{([\\w.-]+)"), "", used);
            }
        }
        // the script's keys as it writes them: t('…'), parts('…') and the keys it picks between
        String script = Files.readString(RESOURCES.resolve("static/console/assets/console.js"));
        collect(script, Pattern.compile("\\b(?:t|parts)\\('([\\w.]+)'"), "script.", used);
        collect(script, Pattern.compile("'((?:evidence|processing|history)\\.[\\w]+)'"), "script.", used);
        assertThat(used).hasSizeGreaterThan(300);
        assertThat(keys).containsAll(used);
    }

    @Test
    @DisplayName("Every code the console shows has its name, the English one as the script's rule spells it")
    void everyCodeIsNamed() throws IOException {
        Properties english = bundle("console/messages.properties");
        Set<String> codes = new TreeSet<>();
        Stream.of(io.lethe.core.request.RequestType.values()).forEach(type -> codes.add(type.code()));
        Stream.of(io.lethe.core.request.RequestStatus.values(), io.lethe.core.subject.Requester.values(),
                        io.lethe.core.request.RequestChannel.values(), io.lethe.core.request.IdentityMethod.values(),
                        io.lethe.core.request.FeeSettlement.values(), io.lethe.core.request.ExtensionReason.values(),
                        io.lethe.core.request.DenialReason.values(), io.lethe.core.breach.BreachRisk.values(),
                        io.lethe.core.breach.DutyKind.values(), io.lethe.core.breach.Recipient.values(),
                        io.lethe.core.personaldata.RetentionClass.values(), io.lethe.core.subject.SubjectStatus.values(),
                        io.lethe.core.subject.ShreddingReason.values(), io.lethe.core.subject.RetentionExceptionGround.values(),
                        io.lethe.core.subject.DeletionEvidence.State.values(), io.lethe.core.subject.TerminationReason.values())
                .flatMap(Stream::of).forEach(code -> codes.add(code.name()));
        assertThat(codes).allSatisfy(code -> assertThat(english.getProperty("script.label." + code)).as(code)
                .isEqualTo(rule(code)));
        assertThat(Stream.of(io.lethe.core.jurisdiction.Jurisdiction.values()).map(law -> "script.law." + law.code()))
                .allSatisfy(key -> assertThat(english.getProperty(key)).as(key).isNotBlank());
        assertThat(Stream.of(io.lethe.core.personaldata.DataCategory.values()))
                .allSatisfy(category -> assertThat(english.getProperty("script.category." + category.letter())).isEqualTo(category.label()));
        assertThat(Stream.of(io.lethe.core.breach.DutyKind.values()).map(kind -> "script.basis." + kind.name()))
                .allSatisfy(key -> assertThat(english.getProperty(key)).as(key).isNotBlank());
    }

    /** The script's English rule for a code it has no name for: IN_PROGRESS is "In progress". */
    private static String rule(String code) {
        String words = code.replaceAll("[_-]+", " ").toLowerCase(java.util.Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private static void collect(String text, Pattern pattern, String prefix, Set<String> into) {
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            into.add(prefix + matcher.group(1));
        }
    }

    private static Properties bundle(String name) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(RESOURCES.resolve(name), StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }
}
