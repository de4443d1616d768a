package io.lethe.core.personaldata;

import java.lang.reflect.RecordComponent;
import java.util.StringJoiner;

/**
 * {@code toString()} for records that carry personal data: every {@link PersonalData} component is
 * replaced by a marker saying only whether it is present, so a message can be logged safely.
 */
public final class SafeToString {

    static final String HIDDEN = "<personal>";

    private SafeToString() {
    }

    public static String of(Record message) {
        StringJoiner joiner = new StringJoiner(", ", message.getClass().getSimpleName() + "[", "]");
        for (RecordComponent component : message.getClass().getRecordComponents()) {
            joiner.add(component.getName() + "=" + render(message, component));
        }
        return joiner.toString();
    }

    private static String render(Record message, RecordComponent component) {
        Object value;
        try {
            value = component.getAccessor().invoke(message);
        } catch (ReflectiveOperationException e) {
            return "<unreadable>";
        }
        if (value == null) {
            return "null";
        }
        return component.isAnnotationPresent(PersonalData.class) ? HIDDEN : String.valueOf(value);
    }
}
