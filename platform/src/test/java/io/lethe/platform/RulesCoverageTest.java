package io.lethe.platform;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every numbered rule of docs/RULES.md is named by a test of some module ({@code RULES.md rule <n>:}). */
class RulesCoverageTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern RULE = Pattern.compile("(?m)^(\\d+)\\. Given ");
    private static final Pattern DISPLAY_NAME = Pattern.compile("@DisplayName\\(\"RULES\\.md (rule [^\"]*)\"\\)");
    private static final Pattern NUMBER = Pattern.compile("rule (\\d+)");

    @Test
    void everyRuleIsCheckedByANamedTest() throws IOException {
        Set<Integer> rules = new TreeSet<>();
        Matcher rule = RULE.matcher(Files.readString(ROOT.resolve("docs/RULES.md")));
        while (rule.find()) {
            rules.add(Integer.parseInt(rule.group(1)));
        }
        assertThat(rules).as("the rules in docs/RULES.md").hasSizeGreaterThanOrEqualTo(20);

        Set<Integer> named = new TreeSet<>();
        try (Stream<Path> modules = Files.list(ROOT)) {
            modules.map(module -> module.resolve("src/test/java")).filter(Files::isDirectory)
                    .flatMap(RulesCoverageTest::javaFiles)
                    .forEach(file -> {
                        Matcher name = DISPLAY_NAME.matcher(read(file));
                        while (name.find()) {
                            Matcher number = NUMBER.matcher(name.group(1));
                            while (number.find()) {
                                named.add(Integer.parseInt(number.group(1)));
                            }
                        }
                    });
        }
        assertThat(named).as("rules named by a test").containsAll(rules);
    }

    private static Stream<Path> javaFiles(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(file -> file.toString().endsWith(".java")).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
