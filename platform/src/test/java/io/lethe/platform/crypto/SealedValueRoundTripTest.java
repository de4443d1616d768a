package io.lethe.platform.crypto;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.lethe.core.crypto.AesGcm;
import io.lethe.core.crypto.DataKeys;
import io.lethe.core.crypto.KeyShreddedException;
import io.lethe.core.crypto.Sealed;
import io.lethe.core.crypto.TamperedCiphertextException;
import io.lethe.core.personaldata.DataSubjectId;
import io.lethe.core.personaldata.PersonalData;
import io.lethe.core.personaldata.Redaction;
import io.lethe.core.personaldata.RetentionClass;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import javax.crypto.SecretKey;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    record Contact(@DataSubjectId String subject,
                   @PersonalData(RetentionClass.PROFILE) String name,
                   @PersonalData(RetentionClass.PROFILE) String email) {
    }

    /** A message whose {@code note} was stored in the clear until revision 2 declared it personal. */
    @org.axonframework.serialization.Revision("2")
    record Note(@DataSubjectId String subject, @PersonalData(value = RetentionClass.PROFILE, sealedSince = "2") String note) {
    }

    /** A record kept apart from its subject's keys, under its own. */
    record Kept(@DataSubjectId String subject, @io.lethe.core.personaldata.KeyRecord String recordId,
                @PersonalData(RetentionClass.PROFILE) String background) {
    }

    /** Two subjects' records in one answer that names no subject itself, as a page of them is. */
    record Page(List<Profile> items, int total) {
    }

    private static final class MemoryKeys implements DataKeys {
        private final Map<String, SecretKey> keys = new ConcurrentHashMap<>();
        private final Set<String> shredded = ConcurrentHashMap.newKeySet();

        @Override
        public SecretKey keyForEncryption(String subject, RetentionClass retentionClass) {
            if (shredded.contains(subject + "/" + retentionClass)) {
                throw new KeyShreddedException(retentionClass);
            }
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
            shredded.add(subject + "/" + retentionClass);
            return keys.remove(subject + "/" + retentionClass) != null;
        }
    }

    /** Strings that need no parser, strings with escapes, non-ASCII text, the empty string. */
    static List<String> trickyText() {
        return List.of("Hanako Yamada", "", "\"", "a \"quoted\" name", "back\\slash", "line\nbreak\ttab",
                "山田 花子", "Zoë Ørsted", "emoji 🎉 end", "\\\"", "\u0001control");
    }

    private final ObjectMapper mapper = JsonMapper.builder().addModule(new JavaTimeModule()).build();
    private final MemoryKeys keys = new MemoryKeys();
    private final FieldSeals seals = new FieldSeals(keys, mapper, new SimpleMeterRegistry());
    private final PersonalDataSerializer serializer = new PersonalDataSerializer(
            JacksonSerializer.builder().objectMapper(mapper).build(), seals);

    @ParameterizedTest
    @MethodSource("trickyText")
    void aSealedValueReadsBackExactly(String text) {
        Profile profile = new Profile("subject-1", text, LocalDate.of(1984, 6, 4), List.of(text, "x"), 1234L);

        SerializedObject<byte[]> stored = serializer.serialize(profile, byte[].class);
        Profile read = serializer.deserialize(stored);

        assertThat(read).isEqualTo(profile);
        if (text.length() > 3) {
            assertThat(new String(stored.getData(), StandardCharsets.UTF_8)).doesNotContain(text);
        }
    }

    @ParameterizedTest
    @MethodSource("trickyText")
    void aValueSealedForAReadModelOpensExactlyAndOnlyForItsSubject(String text) {
        Sealed sealed = seals.seal("subject-1", RetentionClass.PROFILE, "name", text);

        assertThat(seals.open("subject-1", "name", sealed)).isEqualTo(text);
        assertThat(sealed.envelope()).startsWith("lethe:v2:PROFILE:");
        if (text.length() > 3) {
            assertThat(sealed.envelope()).doesNotContain(text);
            assertThat(sealed.toString()).doesNotContain(text);
        }
        seals.seal("subject-2", RetentionClass.PROFILE, "name", "another subject's value");
        assertThatThrownBy(() -> seals.open("subject-2", "name", sealed)).isInstanceOf(TamperedCiphertextException.class);
    }

    @Test
    void aReadModelValueReadsAsErasedOnceItsKeyIsShreddedAndIsNeverSealedAfter() {
        Sealed sealed = seals.seal("subject-3", RetentionClass.PROFILE, "name", "Taro Suzuki");
        keys.shred("subject-3", RetentionClass.PROFILE);

        assertThat(seals.open("subject-3", "name", sealed)).isEqualTo(Redaction.ERASED);
        assertThat(seals.seal("subject-3", RetentionClass.PROFILE, "name", "Taro Suzuki")).isEqualTo(Sealed.ERASED);
        assertThat(seals.open("subject-3", "name", Sealed.ERASED)).isEqualTo(Redaction.ERASED);
        assertThat(seals.seal("subject-3", RetentionClass.PROFILE, "name", null)).isNull();
    }

    @Test
    void eachRecordOfAPageIsSealedUnderItsOwnSubject() {
        Page page = new Page(List.of(new Profile("subject-a", "Ann", null, null, null),
                new Profile("subject-b", "Ben", null, null, null)), 2);

        SerializedObject<byte[]> wire = serializer.serialize(page, byte[].class);
        keys.shred("subject-a", RetentionClass.PROFILE);
        Page read = serializer.deserialize(wire);

        assertThat(new String(wire.getData(), StandardCharsets.UTF_8)).doesNotContain("Ann", "Ben");
        assertThat(read.items()).extracting(Profile::text).containsExactly(Redaction.ERASED, "Ben");
    }

    @Test
    void aSealedValueMovedToAnotherFieldOfTheSameSubjectAndClassIsRefusedNotServed() throws Exception {
        SerializedObject<byte[]> wire = serializer.serialize(new Contact("subject-d", "Dana Field", "dana@example.com"), byte[].class);
        com.fasterxml.jackson.databind.node.ObjectNode json = (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(wire.getData());
        com.fasterxml.jackson.databind.JsonNode name = json.get("name");
        json.set("name", json.get("email"));
        json.set("email", name);

        assertThatThrownBy(() -> serializer.deserialize(new org.axonframework.serialization.SimpleSerializedObject<>(
                mapper.writeValueAsBytes(json), byte[].class, wire.getType())))
                .isInstanceOf(TamperedCiphertextException.class)
                .hasMessageNotContaining("dana");
    }

    @Test
    void aValueInTheClearWhereASealedOneBelongsIsRefusedNotServed() throws Exception {
        SerializedObject<byte[]> wire = serializer.serialize(new Contact("subject-e", "Eve Sealed", "eve@example.com"), byte[].class);
        com.fasterxml.jackson.databind.node.ObjectNode json = (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(wire.getData());
        json.put("email", "mallory@example.com");

        assertThatThrownBy(() -> serializer.deserialize(new org.axonframework.serialization.SimpleSerializedObject<>(
                mapper.writeValueAsBytes(json), byte[].class, wire.getType())))
                .isInstanceOf(TamperedCiphertextException.class)
                .hasMessageNotContaining("mallory");
    }

    @Test
    void aFieldStoredInTheClearBeforeItWasDeclaredPersonalIsReadOnlyInTheRevisionsBefore() {
        byte[] clear = "{\"subject\":\"subject-f\",\"note\":\"bought from a list broker\"}".getBytes(StandardCharsets.UTF_8);
        Note legacy = serializer.deserialize(new org.axonframework.serialization.SimpleSerializedObject<>(clear, byte[].class,
                new org.axonframework.serialization.SimpleSerializedType(Note.class.getName(), "1")));
        assertThat(legacy.note()).isEqualTo("bought from a list broker");

        assertThatThrownBy(() -> serializer.deserialize(new org.axonframework.serialization.SimpleSerializedObject<>(clear,
                byte[].class, new org.axonframework.serialization.SimpleSerializedType(Note.class.getName(), "2"))))
                .isInstanceOf(TamperedCiphertextException.class);
        SerializedObject<byte[]> current = serializer.serialize(new Note("subject-f", "bought from a list broker"), byte[].class);
        assertThat(new String(current.getData(), StandardCharsets.UTF_8)).doesNotContain("list broker");
        assertThat(((Note) serializer.deserialize(current)).note()).isEqualTo("bought from a list broker");
    }

    @Test
    void aKeptRecordIsSealedUnderItsOwnKeyWhichOutlivesTheSubjectsAndIsShreddedAlone() {
        SerializedObject<byte[]> wire = serializer.serialize(new Kept("subject-g", "r-1", "from a list broker"), byte[].class);

        keys.shred("subject-g", RetentionClass.PROFILE);
        assertThat(((Kept) serializer.deserialize(wire)).background()).isEqualTo("from a list broker");
        keys.shred(io.lethe.core.personaldata.UsagePeriods.recordHolder("subject-g", "r-1"), RetentionClass.PROFILE);
        assertThat(((Kept) serializer.deserialize(wire)).background()).isEqualTo(Redaction.ERASED);
    }

    @Test
    void anAlreadyErasedValueIsShippedAsTheMarkerEvenAfterItsKeyIsGone() {
        keys.shred("subject-c", RetentionClass.PROFILE);
        Profile erased = new Profile("subject-c", Redaction.ERASED, null, null, null);

        SerializedObject<byte[]> wire = serializer.serialize(erased, byte[].class);

        assertThat((Profile) serializer.deserialize(wire)).isEqualTo(erased);
    }
}
