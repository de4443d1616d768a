package io.lethe.core.validation;

/** Regular expressions shared by command constraints, kept in one place. */
public final class Patterns {

    /** An email address with a dotted domain; Bean Validation's own check runs as well. */
    public static final String EMAIL = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$";

    /** A card's expiry as printed on it: MM/YY. */
    public static final String CARD_EXPIRY = "^(0[1-9]|1[0-2])/\\d{2}$";

    /** Exactly the last four digits of a card. */
    public static final String CARD_LAST_FOUR = "^\\d{4}$";

    /** An IBAN or a domestic bank account number: letters, digits, spaces and dashes. */
    public static final String BANK_ACCOUNT = "^[A-Za-z0-9][A-Za-z0-9 -]{3,40}$";

    /** A login provider key such as {@code google} or {@code line}. */
    public static final String PROVIDER = "^[a-z][a-z0-9-]{1,31}$";

    /** An ISO 4217 currency code. */
    public static final String CURRENCY = "^[A-Z]{3}$";

    /** A downstream processor's key as registered in configuration, e.g. {@code email-delivery}. */
    public static final String PROCESSOR = "^[a-z][a-z0-9-]{1,63}$";

    /** An ISO 3166-1 alpha-2 country code. */
    public static final String COUNTRY = "^[A-Z]{2}$";

    /** A country (ISO 3166-1 alpha-2) or one of its regions (ISO 3166-2), e.g. {@code US-CA}: coarse, never finer. */
    public static final String REGION = "^[A-Z]{2}(-[A-Z0-9]{1,3})?$";

    private Patterns() {
    }

    /** A reference to a request or process (an id such as a UUID or "saga:retention:…"), never free text. */
    public static final String REFERENCE = "^[A-Za-z0-9][A-Za-z0-9:._-]{0,99}$";
}
