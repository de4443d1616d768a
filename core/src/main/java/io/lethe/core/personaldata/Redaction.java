package io.lethe.core.personaldata;

/**
 * What a {@link PersonalData} field reads as once its key has been shredded. Text fields say so
 * with {@link #MARKER}; fields of any other type (dates, amounts, nested records) become
 * {@link #NULL}.
 */
public enum Redaction {
    /** The text {@value #ERASED}: the field existed and was erased. Only for {@code String} fields. */
    MARKER,
    /** {@code null}: for fields that are not text. */
    NULL;

    /** The value of an erased text field, wherever it is read: event stream, replay, projection, export. */
    public static final String ERASED = "[erased]";
}
