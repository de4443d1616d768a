package io.lethe.platform.crypto;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.lethe.core.crypto.DataKeys;
import io.lethe.core.crypto.FieldCipher;
import io.lethe.core.crypto.KeyShreddedException;
import io.lethe.core.crypto.PersonalDataSeals;
import io.lethe.core.crypto.Sealed;
import io.lethe.core.crypto.TamperedCiphertextException;
import io.lethe.core.personaldata.Redaction;
import io.lethe.core.personaldata.RetentionClass;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import javax.crypto.SecretKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The one place where personal-data values are sealed and opened: for the serializer (events,
 * snapshots, messages, sagas, dead letters) and for the read models, under the same keys and in the
 * same envelope, so one shredding erases both. A sealed value holds the JSON of the plain value.
 * Reads of a shredded class and ciphertexts that fail authentication are counted here.
 */
final class FieldSeals implements PersonalDataSeals {

    private final DataKeys keys;
    private final ObjectMapper mapper;
    private final Counter redacted;
    private final Counter tampered;

    FieldSeals(DataKeys keys, ObjectMapper mapper, MeterRegistry meters) {
        this.keys = keys;
        this.mapper = mapper;
        this.redacted = Counter.builder("lethe.crypto.fields.redacted")
                .description("Personal-data fields read after their key was shredded").register(meters);
        this.tampered = Counter.builder("lethe.crypto.fields.tampered")
                .description("Personal-data fields that failed authentication").register(meters);
    }

    /**
     * The envelope of a JSON value under the subject's key for the class.
     *
     * @throws KeyShreddedException when the class was shredded: new data of it is refused
     */
    String sealJson(String subject, RetentionClass retentionClass, String field, byte[] json) {
        SecretKey key = keys.keyForEncryption(subject, retentionClass);
        return FieldCipher.seal(key, subject, retentionClass, field, json);
    }

    /**
     * The JSON value an envelope of {@code field} holds; empty once its key is shredded.
     *
     * @throws TamperedCiphertextException when it does not authenticate for this subject, class and field
     */
    Optional<JsonNode> openJson(String subject, String field, FieldCipher.Envelope envelope) {
        Optional<SecretKey> key = keys.keyForDecryption(subject, envelope.retentionClass());
        if (key.isEmpty()) {
            redacted.increment();
            return Optional.empty();
        }
        byte[] plaintext;
        try {
            plaintext = FieldCipher.open(key.get(), subject, field, envelope);
        } catch (TamperedCiphertextException e) {
            tampered.increment();
            throw e;
        }
        return Optional.of(value(plaintext));
    }

    /**
     * A value in the clear found where a sealed one of {@code retentionClass} belongs: refused like a
     * ciphertext that does not authenticate, and counted with them. Nothing of the value is kept.
     */
    TamperedCiphertextException unsealed(RetentionClass retentionClass) {
        tampered.increment();
        return TamperedCiphertextException.unsealed(retentionClass);
    }

    @Override
    public Sealed seal(String subject, RetentionClass retentionClass, String field, String plaintext) {
        if (plaintext == null) {
            return null;
        }
        if (Redaction.ERASED.equals(plaintext)) {
            return Sealed.ERASED;
        }
        try {
            return new Sealed(sealJson(subject, retentionClass, field, mapper.writeValueAsBytes(plaintext)));
        } catch (KeyShreddedException e) {
            return Sealed.ERASED;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A text value could not be written as JSON", e);
        }
    }

    @Override
    public String open(String subject, String field, Sealed sealed) {
        if (sealed == null) {
            return null;
        }
        if (sealed.erased()) {
            return Redaction.ERASED;
        }
        FieldCipher.Envelope envelope = FieldCipher.envelope(sealed.envelope())
                .orElseThrow(() -> unsealed(null));
        return openJson(subject, field, envelope).map(JsonNode::asText).orElse(Redaction.ERASED);
    }

    /**
     * The JSON value of a sealed field's plaintext. Most are strings without escapes, which need no
     * parser: the text between the quotes is the value (Jackson escapes every quote, backslash and
     * control character it writes). Anything else is parsed.
     */
    private JsonNode value(byte[] plaintext) {
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
        try {
            return mapper.readTree(plaintext);
        } catch (IOException e) {
            throw PersonalDataSerializer.scrubbed("Unable to read a sealed value", e);
        }
    }
}
