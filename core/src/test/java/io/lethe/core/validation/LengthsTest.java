package io.lethe.core.validation;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A length stated for a pattern is the longest text the pattern matches: a text of that length
 * matches, and none longer does, so the API description's {@code maxLength} says what the command
 * really refuses.
 */
class LengthsTest {

    static Stream<Arguments> patterns() {
        return Stream.of(
                Arguments.of("REFERENCE", Patterns.REFERENCE, Lengths.REFERENCE, 'a', 'b'),
                Arguments.of("PROVIDER", Patterns.PROVIDER, Lengths.PROVIDER, 'g', 'o'),
                Arguments.of("PROCESSOR", Patterns.PROCESSOR, Lengths.PROCESSOR, 'c', 'r'),
                Arguments.of("BANK_ACCOUNT", Patterns.BANK_ACCOUNT, Lengths.BANK_ACCOUNT, 'D', '0'),
                Arguments.of("CURRENCY", Patterns.CURRENCY, Lengths.CURRENCY, 'E', 'U'),
                Arguments.of("COUNTRY", Patterns.COUNTRY, Lengths.COUNTRY, 'S', 'E'));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("patterns")
    void theLengthIsThePatternsLongestMatch(String name, String pattern, int length, char first, char rest) {
        assertThat(text(first, rest, length)).matches(pattern);
        assertThat(text(first, rest, length + 1)).doesNotMatch(pattern);
    }

    @org.junit.jupiter.api.Test
    void fixedFormsHaveTheirLengths() {
        assertThat("US-CA1").hasSize(Lengths.REGION).matches(Patterns.REGION);
        assertThat("US-CA12").doesNotMatch(Patterns.REGION);
        assertThat("12/29").hasSize(Lengths.CARD_EXPIRY).matches(Patterns.CARD_EXPIRY);
        assertThat("4242").hasSize(Lengths.CARD_LAST_FOUR).matches(Patterns.CARD_LAST_FOUR);
        assertThat("42424").doesNotMatch(Patterns.CARD_LAST_FOUR);
    }

    @org.junit.jupiter.api.Test
    void aTextIsCutToItsLengthWithoutSplittingACharacter() {
        assertThat(Lengths.atMost("abcdef", 4)).isEqualTo("abcd");
        assertThat(Lengths.atMost("abc", 4)).isEqualTo("abc");
        assertThat(Lengths.atMost(null, 4)).isNull();
        // U+1F600 is two chars: a cut between them would leave half a character
        assertThat(Lengths.atMost("abc\uD83D\uDE00", 4)).isEqualTo("abc");
    }

    private static String text(char first, char rest, int length) {
        return first + String.valueOf(rest).repeat(length - 1);
    }
}
