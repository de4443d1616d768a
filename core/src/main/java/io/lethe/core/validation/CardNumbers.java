package io.lethe.core.validation;

import java.util.regex.Pattern;

/**
 * Detects full payment card numbers. The platform keeps only a card's expiry and last four digits
 * (policy §7, §17); the card processor keeps the card. Any run of 12 to 19 digits, optionally
 * grouped by single spaces or dashes, is treated as a card number whether or not its check digit
 * is valid: refusing a false positive is cheap, storing a real number is not. A run that follows
 * a {@code +} is an international phone number, not a card.
 */
public final class CardNumbers {

    private static final Pattern PAN = Pattern.compile("(?<![\\d+])(?:\\d[ -]?){11,18}\\d(?!\\d)");

    private CardNumbers() {
    }

    public static boolean containsCardNumber(CharSequence text) {
        return text != null && PAN.matcher(text).find();
    }
}
