package io.lethe.platform.crypto;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.lethe.core.crypto.AesGcm;
import io.lethe.core.crypto.DataKeys;
import io.lethe.core.personaldata.DataSubjectId;
import io.lethe.core.personaldata.PersonalData;
import io.lethe.core.personaldata.Redaction;
import io.lethe.core.personaldata.RetentionClass;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.crypto.SecretKey;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every value a sealed field can hold comes back exactly as it went in, whichever way the reader
 * takes to it: strings that need no parser and strings with escapes, non-ASCII text, and values
 * that are not strings at all. The stored form holds none of them in clear.
 */
class SealedValueRoundTripTest {

    record Profile(@DataSubjectId String subject,
                   @PersonalData(RetentionClass.PROFILE) String text,
                   @PersonalData(value = RetentionClass.PROFILE, redaction = Redaction.NULL) LocalDate born,
                   @PersonalData(value = RetentionClass.USAGE, redaction = Redaction.NULL) List<String> tags,
                   @PersonalData(value = RetentionClass.FINANCIAL, redaction = Redaction.NULL) Long amount) {
    }

    private static final class MemoryKeys implements DataKeys {
        private final Map<String, SecretKey> keys = new ConcurrentHashMap<>();

        @Override
        public SecretKey keyForEncryption(String subject, RetentionClass retentionClass) {
            return keys.computeIfAbsent(subject + "/" + retentionClass, ignored -> AesGcm.newKey());
        }

        @Override
        public Optional<SecretKey> keyForDecryption(String subject, RetentionClass retentionClass) {
            return Optional.ofNullable(keys.get(subject + "/" + retentionClass));
        }

        @Override
        public void preload(Collection<String> subjects) {
        }

        @Override
        public boolean shred(String subject, RetentionClass retentionClass) {
            return keys.remove(subject + "/" + retentionClass) != null;
        }
    }

    private final ObjectMapper mapper = JsonMapper.builder().addModule(new JavaTimeModule()).build();
    private final PersonalDataSerializer serializer = new PersonalDataSerializer(
            JacksonSerializer.builder().objectMapper(mapper).build(), new MemoryKeys(), new SimpleMeterRegistry());

    @ParameterizedTest
    @ValueSource(strings = {"Hanako Yamada", "", "\"", "a \"quoted\" name", "back\\slash", "line\nbreak\ttab",
            "山田 花子", "Zoë Ørsted", "emoji 🎉 end", "\\\"", "\u0001control"})
    void aSealedValueReadsBackExactly(String text) {
        Profile profile = new Profile("subject-1", text, LocalDate.of(1984, 6, 4), List.of(text, "x"), 1234L);

        SerializedObject<byte[]> stored = serializer.serialize(profile, byte[].class);
        Profile read = serializer.deserialize(stored);

        assertThat(read).isEqualTo(profile);
        if (text.length() > 3) {
            assertThat(new String(stored.getData(), StandardCharsets.UTF_8)).doesNotContain(text);
        }
    }
}
