package io.lethe.platform.crypto;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lethe.core.crypto.DataKeys;
import io.lethe.core.crypto.FieldCipher;
import io.lethe.core.crypto.TamperedCiphertextException;
import io.lethe.core.personaldata.PersonalDataModel;
import io.lethe.core.personaldata.Redaction;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
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
import javax.crypto.SecretKey;
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
 * {@link TamperedCiphertextException}, naming no value.
 */
final class PersonalDataSerializer implements Serializer {

    private final JacksonSerializer delegate;
    private final ObjectMapper mapper;
    private final DataKeys keys;
    private final Counter redacted;
    private final Counter tampered;

    PersonalDataSerializer(JacksonSerializer delegate, DataKeys keys, MeterRegistry meters) {
        this.delegate = delegate;
        this.mapper = delegate.getObjectMapper();
        this.keys = keys;
        this.redacted = Counter.builder("lethe.crypto.fields.redacted")
                .description("Personal-data fields read after their key was shredded").register(meters);
        this.tampered = Counter.builder("lethe.crypto.fields.tampered")
                .description("Personal-data fields that failed authentication").register(meters);
    }

    @Override
    public <T> SerializedObject<T> serialize(Object object, @Nonnull Class<T> expectedRepresentation) {
        Optional<PersonalDataModel> model = object == null ? Optional.empty() : PersonalDataModel.of(object.getClass());
        if (model.isEmpty()) {
            return delegate.serialize(object, expectedRepresentation);
        }
        JsonNode tree = mapper.valueToTree(object);
        if (tree instanceof ObjectNode node) {
            seal(node, model.get(), subjectOf(node, model.get()));
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
                reveal(node, model.get(), subjectOf(node, model.get()));
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

    private void seal(ObjectNode node, PersonalDataModel model, String subject) throws SerializationException {
        for (PersonalDataModel.Property property : model.personal()) {
            JsonNode value = node.get(property.name());
            if (value == null || value.isNull()) {
                continue;
            }
            SecretKey key = keys.keyForEncryption(subject, property.retentionClass());
            byte[] plaintext;
            try {
                plaintext = mapper.writeValueAsBytes(value);
            } catch (JsonProcessingException e) {
                throw scrubbed("Unable to serialize the personal-data field " + property.name(), e);
            }
            node.put(property.name(), FieldCipher.seal(key, subject, property.retentionClass(), plaintext));
        }
        for (PersonalDataModel.Nested nested : model.nested()) {
            forEachObject(node.get(nested.name()), child -> seal(child, nested.model(), subject));
        }
    }

    private void reveal(ObjectNode node, PersonalDataModel model, String subject) throws IOException {
        for (PersonalDataModel.Property property : model.personal()) {
            JsonNode value = node.get(property.name());
            if (value == null || !value.isTextual()) {
                continue;
            }
            Optional<FieldCipher.Envelope> envelope = FieldCipher.envelope(value.textValue());
            if (envelope.isEmpty()) {
                continue;
            }
            Optional<SecretKey> key = keys.keyForDecryption(subject, envelope.get().retentionClass());
            if (key.isEmpty()) {
                redacted.increment();
                node.set(property.name(), property.redaction() == Redaction.MARKER
                        ? JsonNodeFactory.instance.textNode(Redaction.ERASED) : JsonNodeFactory.instance.nullNode());
                continue;
            }
            byte[] plaintext;
            try {
                plaintext = FieldCipher.open(key.get(), subject, envelope.get());
            } catch (TamperedCiphertextException e) {
                tampered.increment();
                throw e;
            }
            node.set(property.name(), plainValue(plaintext));
        }
        for (PersonalDataModel.Nested nested : model.nested()) {
            forEachObject(node.get(nested.name()), child -> {
                try {
                    reveal(child, nested.model(), subject);
                } catch (IOException e) {
                    throw scrubbed("Unable to read a personal-data field of " + nested.name(), e);
                }
            });
        }
    }

    /**
     * The JSON value a sealed field held. Most are strings without escapes, which need no parser:
     * the text between the quotes is the value (Jackson escapes every quote, backslash and control
     * character it writes). Anything else is parsed.
     */
    private JsonNode plainValue(byte[] plaintext) throws IOException {
        int last = plaintext.length - 1;
        if (last >= 1 && plaintext[0] == '"' && plaintext[last] == '"') {
            boolean escaped = false;
            for (int i = 1; i < last && !escaped; i++) {
                escaped = plaintext[i] == '\\';
            }
            if (!escaped) {
                return JsonNodeFactory.instance.textNode(new String(plaintext, 1, last - 1, StandardCharsets.UTF_8));
            }
        }
        return mapper.readTree(plaintext);
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

    private static String subjectOf(ObjectNode node, PersonalDataModel model) {
        String property = model.subjectProperty().orElseThrow(() -> new SerializationException(
                model.type().getName() + " carries personal data but declares no @DataSubjectId: refusing to store it"));
        JsonNode subject = node.get(property);
        if (subject == null || subject.isNull() || subject.asText().isBlank()) {
            throw new SerializationException(model.type().getSimpleName() + " carries personal data without a subject");
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
