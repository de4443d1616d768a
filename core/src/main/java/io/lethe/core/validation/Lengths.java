package io.lethe.core.validation;

/**
 * The longest value each kind of text takes, in characters. The commands refuse longer values, the
 * API's requests refuse them before a command is sent, and the API description states them for
 * requests and answers alike (an answer echoes what a request stored, so the same bound holds). A
 * bound that comes with a pattern in {@link Patterns} is the longest text that pattern matches.
 */
public final class Lengths {

    /** A person's name. */
    public static final int NAME = 200;

    /** A postal address, and a third party's address. */
    public static final int ADDRESS = 500;

    /** An email address: the longest forward path SMTP carries (RFC 5321 §4.5.3.1.3). */
    public static final int EMAIL = 254;

    /** A link to a picture kept elsewhere (a URL). */
    public static final int LINK = 2048;

    /** An account's id or user name at a login provider. */
    public static final int LOGIN_ID = 255;

    /** What a purchase was, and the background of a receipt's acquisition. */
    public static final int DESCRIPTION = 500;

    /** A third party's name. */
    public static final int ORGANISATION = 200;

    /** {@link Patterns#REFERENCE}: a reference or a caller's own id for a record. */
    public static final int REFERENCE = 100;

    /** {@link Patterns#PROVIDER}: a login provider's key. */
    public static final int PROVIDER = 32;

    /** {@link Patterns#PROCESSOR}: a downstream processor's key. */
    public static final int PROCESSOR = 64;

    /** {@link Patterns#BANK_ACCOUNT}. */
    public static final int BANK_ACCOUNT = 41;

    /** {@link Patterns#CURRENCY}. */
    public static final int CURRENCY = 3;

    /** {@link Patterns#COUNTRY}, and an EU member state. */
    public static final int COUNTRY = 2;

    /** {@link Patterns#REGION}: a country, or a country's region (ISO 3166-2). */
    public static final int REGION = 6;

    /** {@link Patterns#CARD_EXPIRY}. */
    public static final int CARD_EXPIRY = 5;

    /** {@link Patterns#CARD_LAST_FOUR}. */
    public static final int CARD_LAST_FOUR = 4;

    /** A piece of activity: what was done. */
    public static final int ACTION = 64;

    /** A piece of activity: on what; a communication's topic; an inference's characteristic and sources. */
    public static final int TARGET = 256;

    /** A piece of activity's detail, an inference's value, a communication's content reference. */
    public static final int DETAIL = 1000;

    /** Who drew an inference (a model, a team). */
    public static final int INFERRED_BY = 128;

    /** A communication's content: a message, a transcript. */
    public static final int CONTENT = 20_000;

    /** A staff member's internal note on a request. */
    public static final int NOTE = 4000;

    /** A sensitive item's content. */
    public static final int SENSITIVE_CONTENT = 2000;

    private Lengths() {
    }

    /**
     * {@code text} itself if it has at most {@code longest} characters, else its first {@code longest}
     * (one fewer where the cut would split a surrogate pair); null stays null. For texts the platform
     * did not take through a bounded request (a sign-in's name, an exception's type, a configured id)
     * and answers or keeps within a stated length.
     */
    public static String atMost(String text, int longest) {
        if (text == null || text.length() <= longest) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(longest - 1)) ? longest - 1 : longest;
        return text.substring(0, end);
    }
}
