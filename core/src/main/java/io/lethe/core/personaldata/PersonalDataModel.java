package io.lethe.core.personaldata;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the personal data of a message type sits: the property that names its data subject and
 * every {@link PersonalData} property, also inside nested records and collections of records. The
 * property names are the field names, which is how the serializer writes them.
 *
 * <p>A personal property is protected as a whole: a {@code @PersonalData CardHint card} is one
 * encrypted value, whatever the record inside holds.
 */
public final class PersonalDataModel {

    private static final Map<Class<?>, Optional<PersonalDataModel>> MODELS = new ConcurrentHashMap<>();
    private static final ThreadLocal<Set<Class<?>>> BUILDING = ThreadLocal.withInitial(HashSet::new);

    private final Class<?> type;
    private final String subjectProperty;
    private final String periodProperty;
    private final String recordProperty;
    private final List<Property> personal;
    private final List<Nested> nested;

    /**
     * A personal property: its name, retention class, redaction, whether it holds text, and the first
     * revision of its type that stores it sealed (null: every revision).
     */
    public record Property(String name, RetentionClass retentionClass, Redaction redaction, boolean text, String sealedSince) {

        /** Whether a message of {@code revision} stored this property in the clear (before it was declared personal). */
        public boolean clearIn(String revision) {
            return sealedSince != null && Revisions.before(revision, sealedSince);
        }
    }

    /** A property that is not personal itself but holds records (one or a collection) that have personal properties. */
    public record Nested(String name, PersonalDataModel model, boolean collection) {
    }

    private PersonalDataModel(Class<?> type, String subjectProperty, String periodProperty, String recordProperty,
                              List<Property> personal, List<Nested> nested) {
        this.type = type;
        this.subjectProperty = subjectProperty;
        this.periodProperty = periodProperty;
        this.recordProperty = recordProperty;
        this.personal = List.copyOf(personal);
        this.nested = List.copyOf(nested);
    }

    /** The model of {@code type}, or empty when it carries no personal data at all. */
    public static Optional<PersonalDataModel> of(Class<?> type) {
        Optional<PersonalDataModel> model = MODELS.get(type);
        if (model == null) {
            // not computeIfAbsent: building a model builds the models of nested types, recursively
            model = build(type);
            Optional<PersonalDataModel> raced = MODELS.putIfAbsent(type, model);
            model = raced != null ? raced : model;
        }
        return model;
    }

    private static Optional<PersonalDataModel> build(Class<?> type) {
        if (type.isPrimitive() || type.isEnum() || type.isArray() || type.getName().startsWith("java.")) {
            return Optional.empty();
        }
        Set<Class<?>> building = BUILDING.get();
        if (!building.add(type)) {
            // a type that (indirectly) holds itself: its personal data is found where the walk began
            return Optional.empty();
        }
        try {
            return buildFields(type);
        } finally {
            building.remove(type);
        }
    }

    private static Optional<PersonalDataModel> buildFields(Class<?> type) {
        String subject = null;
        String period = null;
        String record = null;
        List<Property> personal = new ArrayList<>();
        List<Nested> nested = new ArrayList<>();
        for (Class<?> current = type; current != null && current != Object.class && current != Record.class;
             current = current.getSuperclass()) {
            for (Field field : current.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) || Modifier.isTransient(field.getModifiers())) {
                    continue;
                }
                if (field.isAnnotationPresent(DataSubjectId.class)) {
                    if (subject != null) {
                        throw new IllegalStateException(type.getName() + " declares more than one @DataSubjectId");
                    }
                    subject = field.getName();
                }
                if (field.isAnnotationPresent(KeyPeriod.class)) {
                    if (period != null || field.getType() != String.class) {
                        throw new IllegalStateException(type.getName() + " declares a @KeyPeriod that is not one String");
                    }
                    period = field.getName();
                }
                if (field.isAnnotationPresent(KeyRecord.class)) {
                    if (record != null || field.getType() != String.class) {
                        throw new IllegalStateException(type.getName() + " declares a @KeyRecord that is not one String");
                    }
                    record = field.getName();
                }
                PersonalData annotation = field.getAnnotation(PersonalData.class);
                if (annotation != null) {
                    boolean text = field.getType() == String.class;
                    if (annotation.redaction() == Redaction.MARKER && !text) {
                        throw new IllegalStateException(type.getName() + "." + field.getName()
                                + " is not text: declare @PersonalData(redaction = Redaction.NULL)");
                    }
                    personal.add(new Property(field.getName(), annotation.value(), annotation.redaction(), text,
                            annotation.sealedSince().isEmpty() ? null : annotation.sealedSince()));
                    continue;
                }
                nestedModel(field).ifPresent(nested::add);
            }
        }
        if (personal.isEmpty() && nested.isEmpty()) {
            return Optional.empty();
        }
        if (period != null && subject == null) {
            throw new IllegalStateException(type.getName() + " declares a @KeyPeriod without a @DataSubjectId");
        }
        if (period != null && (!nested.isEmpty()
                || personal.stream().anyMatch(property -> property.retentionClass() != RetentionClass.USAGE))) {
            // a usage period's key holder has a USAGE key and no other
            throw new IllegalStateException(type.getName() + " declares a @KeyPeriod: its personal data must all be USAGE, "
                    + "in properties of its own");
        }
        if (record != null && (subject == null || period != null || !nested.isEmpty()
                || personal.stream().anyMatch(property -> property.retentionClass() != RetentionClass.PROFILE))) {
            // a kept record's key holder has a PROFILE key and no other
            throw new IllegalStateException(type.getName() + " declares a @KeyRecord: it needs a @DataSubjectId, no "
                    + "@KeyPeriod, and its personal data must all be PROFILE, in properties of its own");
        }
        return Optional.of(new PersonalDataModel(type, subject, period, record, personal, nested));
    }

    private static Optional<Nested> nestedModel(Field field) {
        Class<?> fieldType = field.getType();
        if (Collection.class.isAssignableFrom(fieldType)) {
            Type generic = field.getGenericType();
            if (generic instanceof ParameterizedType parameterized
                    && parameterized.getActualTypeArguments()[0] instanceof Class<?> element) {
                return of(element).map(model -> new Nested(field.getName(), model, true));
            }
            return Optional.empty();
        }
        return of(fieldType).map(model -> new Nested(field.getName(), model, false));
    }

    public Class<?> type() {
        return type;
    }

    /** The property naming the data subject; empty for a nested type, which takes its holder's subject. */
    public Optional<String> subjectProperty() {
        return Optional.ofNullable(subjectProperty);
    }

    /**
     * The property naming the {@link UsagePeriods usage period} whose key seals this record's personal
     * fields; empty when the subject's own keys do.
     */
    public Optional<String> periodProperty() {
        return Optional.ofNullable(periodProperty);
    }

    /**
     * The property naming the {@link KeyRecord kept record} whose key seals this record's personal
     * fields; empty when the subject's own keys (or a period's) do.
     */
    public Optional<String> recordProperty() {
        return Optional.ofNullable(recordProperty);
    }

    public List<Property> personal() {
        return personal;
    }

    public List<Nested> nested() {
        return nested;
    }
}
