package io.lethe.core.validation;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class CardNumbersTest {

    @ParameterizedTest
    @ValueSource(strings = {"4242424242424242", "4242 4242 4242 4242", "4242-4242-4242-4242", "paid with 5555555555554444.",
            "378282246310005", "123456789012", "1234567890123456789"})
    void aRunOfTwelveToNineteenDigitsIsACardNumber(String text) {
        assertThat(CardNumbers.containsCardNumber(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"4242", "12/29", "+81-90-1234-5678", "1-2-3 Shibuya, Tokyo 150-0002", "12345678901",
            "order 2026-11-25", "12345678901234567890"})
    void shorterOrLongerDigitRunsAreNot(String text) {
        assertThat(CardNumbers.containsCardNumber(text)).isFalse();
    }
}
