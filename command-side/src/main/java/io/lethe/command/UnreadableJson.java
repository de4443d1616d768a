package io.lethe.command;

import io.lethe.core.jurisdiction.Jurisdiction;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What is wrong with a JSON document that could not be read, named by its field and never by the
 * value sent (which may be personal data): a request body's, or an import line's.
 */
public final class UnreadableJson {

    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");

    private UnreadableJson() {
    }

    /** The field at fault and why, or that the text is not JSON; {@code cause} is the reader's failure (or null). */
    public static String describe(Throwable cause, String what) {
        if (!(cause instanceof JacksonException jackson)) {
            return "The " + what + " is missing or is not valid JSON.";
        }
        if (cause instanceof tools.jackson.core.exc.StreamReadException) {
            // broken JSON (cut short, a stray character), whatever field the reader had reached
            return "The " + what + " is not valid JSON.";
        }
        // a field name comes from the document; one that does not look like a name may be a value (a key
        // such as "alice@example.com") and is not repeated
        String field = jackson.getPath().stream()
                .map(reference -> reference.getPropertyName() == null ? "[" + reference.getIndex() + "]"
                        : NAME.matcher(reference.getPropertyName()).matches() ? reference.getPropertyName() : "?")
                .collect(Collectors.joining(".")).replace(".[", "[");
        if (field.isEmpty()) {
            return "The " + what + " is not valid JSON.";
        }
        if (cause instanceof UnrecognizedPropertyException) {
            return "Unknown field '" + field + "'.";
        }
        Class<?> target = cause instanceof InvalidFormatException invalid ? invalid.getTargetType()
                : cause instanceof ValueInstantiationException instantiation ? instantiation.getType().getRawClass()
                : null;
        if (target == Jurisdiction.class) {
            return "Field '" + field + "' must be one of " + Jurisdiction.codes() + ".";
        }
        if (target != null && target.isEnum()) {
            return "Field '" + field + "' must be one of " + Arrays.stream(target.getEnumConstants())
                    .map(Object::toString).collect(Collectors.joining(", ")) + ".";
        }
        return "Field '" + field + "' has an invalid value or type.";
    }
}
