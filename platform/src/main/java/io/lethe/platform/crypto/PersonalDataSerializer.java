package io.lethe.platform.crypto;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lethe.core.crypto.FieldCipher;
import io.lethe.core.personaldata.PersonalDataModel;
import io.lethe.core.personaldata.Redaction;
import io.lethe.core.personaldata.UsagePeriods;
import org.axonframework.serialization.Converter;
import org.axonframework.serialization.SerializationException;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.UnknownSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;

import javax.annotation.Nonnull;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Axon's serializer for events, snapshots, messages, tokens, sagas and dead letters: Jackson, with
 * every {@link io.lethe.core.personaldata.PersonalData} property sealed under its subject's data
 * key for the property's retention class. Everything else stays plain JSON, queryable as before.
 *
 * <p>Reading reverses it. A field whose key was shredded reads as its declared redaction
 * ({@value Redaction#ERASED} or {@code null}) — never an exception, never the plaintext. A field
 * that does not authenticate (moved from another subject, or altered) fails loudly with
 * {@link io.lethe.core.crypto.TamperedCiphertextException}, naming no value. The sealing itself is
 * {@link FieldSeals}', shared with the read models.
 */
final class PersonalDataSerializer implements Serializer {

    private final JacksonSerializer delegate;
    private final ObjectMapper mapper;
    private final FieldSeals seals;

    PersonalDataSerializer(JacksonSerializer delegate, FieldSeals seals) {
        this.delegate = delegate;
        this.mapper = delegate.getObjectMapper();
        this.seals = seals;
    }

    @Override
    public <T> SerializedObject<T> serialize(Object object, @Nonnull Class<T> expectedRepresentation) {
        Optional<PersonalDataModel> model = object == null ? Optional.empty() : PersonalDataModel.of(object.getClass());
        if (model.isEmpty()) {
            return delegate.serialize(object, expectedRepresentation);
        }
        JsonNode tree = mapper.valueToTree(object);
        if (tree instanceof ObjectNode node) {
            seal(node, model.get(), null);
        }
        try {
            byte[] bytes = mapper.writeValueAsBytes(tree);
            @SuppressWarnings("unchecked")
            T data = String.class.equals(expectedRepresentation)
                    ? (T) new String(bytes, StandardCharsets.UTF_8)
                    : delegate.getConverter().convert(bytes, expectedRepresentation);
            return new SimpleSerializedObject<>(data, expectedRepresentation, typeForClass(object.getClass()));
        } catch (JsonProcessingException e) {
            throw scrubbed("Unable to serialize a " + object.getClass().getSimpleName(), e);
        }
    }

    @Override
    public <S, T> T deserialize(@Nonnull SerializedObject<S> serializedObject) {
        if (SimpleSerializedType.emptyType().equals(serializedObject.getType())) {
            return null;
        }
        Class<?> type = classForType(serializedObject.getType());
        Optional<PersonalDataModel> model = UnknownSerializedType.class.isAssignableFrom(type)
                ? Optional.empty() : PersonalDataModel.of(type);
        if (model.isEmpty()) {
            return delegate.deserialize(serializedObject);
        }
        try {
            JsonNode tree = JsonNode.class.equals(serializedObject.getContentType())
                    ? ((JsonNode) serializedObject.getData()).deepCopy()
                    : mapper.readTree(delegate.getConverter().convert(serializedObject, byte[].class).getData());
            if (tree instanceof ObjectNode node) {
                reveal(node, model.get(), null, serializedObject.getType().getRevision());
            }
            return mapper.readerFor(type).readValue(tree);
        } catch (IOException e) {
            throw scrubbed("Unable to deserialize a " + type.getSimpleName(), e);
        }
    }

    /**
     * Jackson's messages quote the input they fail on ("Cannot deserialize value of type … from
     * String \"…\""), and here that input is decrypted personal data. The exception that leaves
     * this class names the type, the property path and Jackson's exception class — never a value —
     * and keeps only the original's stack trace, not the original itself.
     */
    static SerializationException scrubbed(String what, IOException cause) {
        String path = cause instanceof com.fasterxml.jackson.databind.JsonMappingException mapping
                ? mapping.getPath().stream()
                        .map(reference -> reference.getFieldName() != null ? reference.getFieldName() : "[" + reference.getIndex() + "]")
                        .collect(java.util.stream.Collectors.joining("."))
                : "";
        SerializationException scrubbed = new SerializationException(what + (path.isEmpty() ? "" : " at " + path)
                + " (" + cause.getClass().getSimpleName() + "; the input is not quoted, it may be personal data)");
        scrubbed.setStackTrace(cause.getStackTrace());
        return scrubbed;
    }

    private void seal(ObjectNode node, PersonalDataModel model, String holder) throws SerializationException {
        String subject = subjectOf(node, model, holder);
        for (PersonalDataModel.Property property : model.personal()) {
            JsonNode value = node.get(property.name());
            if (value == null || value.isNull() || isRedactionMarker(property, value)) {
                continue;
            }
            byte[] plaintext;
            try {
                plaintext = mapper.writeValueAsBytes(value);
            } catch (JsonProcessingException e) {
                throw scrubbed("Unable to serialize the personal-data field " + property.name(), e);
            }
            node.put(property.name(), seals.sealJson(subject, property.retentionClass(), property.name(), plaintext));
        }
        for (PersonalDataModel.Nested nested : model.nested()) {
            forEachObject(node.get(nested.name()), child -> seal(child, nested.model(), subject));
        }
    }

    /** The redaction marker is what an erased value reads as: it is not personal data, and stays as it is. */
    private static boolean isRedactionMarker(PersonalDataModel.Property property, JsonNode value) {
        return property.text() && value.isTextual() && Redaction.ERASED.equals(value.textValue());
    }

    /**
     * Opens every sealed personal field. A personal field must be sealed: a value in the clear where
     * a sealed one belongs (written around the serializer, or planted) is refused as tampered, not
     * served — except in a revision of the type stored before the field was declared personal
     * ({@link io.lethe.core.personaldata.PersonalData#sealedSince}), and the redaction marker, which
     * is what an erased value reads as.
     */
    private void reveal(ObjectNode node, PersonalDataModel model, String holder, String revision) {
        String subject = subjectOf(node, model, holder);
        for (PersonalDataModel.Property property : model.personal()) {
            JsonNode value = node.get(property.name());
            if (value == null || value.isNull() || isRedactionMarker(property, value)) {
                continue;
            }
            Optional<FieldCipher.Envelope> envelope = value.isTextual() ? FieldCipher.envelope(value.textValue()) : Optional.empty();
            if (envelope.isEmpty()) {
                if (property.clearIn(revision)) {
                    continue;
                }
                throw seals.unsealed(property.retentionClass());
            }
            node.set(property.name(), seals.openJson(subject, property.name(), envelope.get()).orElseGet(() ->
                    property.redaction() == Redaction.MARKER
                            ? JsonNodeFactory.instance.textNode(Redaction.ERASED) : JsonNodeFactory.instance.nullNode()));
        }
        for (PersonalDataModel.Nested nested : model.nested()) {
            forEachObject(node.get(nested.name()), child -> reveal(child, nested.model(), subject, revision));
        }
    }

    private static void forEachObject(JsonNode node, java.util.function.Consumer<ObjectNode> action) {
        if (node instanceof ObjectNode object) {
            action.accept(object);
        } else if (node != null && node.isArray()) {
            node.forEach(element -> {
                if (element instanceof ObjectNode object) {
                    action.accept(object);
                }
            });
        }
    }

    /**
     * Whose key seals a record's personal data: its subject's, the key of its subject's usage
     * period where it names one ({@code @KeyPeriod}), or of the kept record it is ({@code @KeyRecord}). Whose personal data a record holds: its own {@code @DataSubjectId} where it declares one (so a
     * page of several subjects' records seals each under its own subject's keys), else its holder's.
     * A record with personal fields of its own and no subject at all is refused.
     */
    private static String subjectOf(ObjectNode node, PersonalDataModel model, String holder) {
        if (model.subjectProperty().isEmpty()) {
            if (holder == null && !model.personal().isEmpty()) {
                throw new SerializationException(model.type().getName()
                        + " carries personal data but declares no @DataSubjectId: refusing to store it");
            }
            return holder;
        }
        JsonNode subject = node.get(model.subjectProperty().get());
        if (subject == null || subject.isNull() || subject.asText().isBlank()) {
            throw new SerializationException(model.type().getSimpleName() + " carries personal data without a subject");
        }
        if (model.recordProperty().isPresent()) {
            JsonNode record = node.get(model.recordProperty().get());
            if (record == null || !record.isTextual() || record.textValue().isBlank()) {
                throw new SerializationException(model.type().getSimpleName() + " carries a kept record's data without its record");
            }
            return UsagePeriods.recordHolder(subject.asText(), record.textValue());
        }
        if (model.periodProperty().isPresent()) {
            JsonNode period = node.get(model.periodProperty().get());
            if (period == null || !period.isTextual() || period.textValue().isBlank()) {
                throw new SerializationException(model.type().getSimpleName() + " carries usage data without its period");
            }
            return UsagePeriods.keyHolder(subject.asText(), period.textValue());
        }
        return subject.asText();
    }

    @Override
    public <T> boolean canSerializeTo(@Nonnull Class<T> expectedRepresentation) {
        return delegate.canSerializeTo(expectedRepresentation);
    }

    @Override
    public Class classForType(@Nonnull SerializedType type) {
        return delegate.classForType(type);
    }

    @Override
    public SerializedType typeForClass(Class type) {
        return delegate.typeForClass(type);
    }

    @Override
    public Converter getConverter() {
        return delegate.getConverter();
    }
}
