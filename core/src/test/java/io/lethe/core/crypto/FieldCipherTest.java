package io.lethe.core.crypto;

import io.lethe.core.personaldata.RetentionClass;
import org.junit.jupiter.api.Test;

import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FieldCipherTest {

    private static final String ALICE = "2f1c1a52-3a5e-4d0e-9d43-7d8f1e3f4a01";
    private static final String BOB = "8b5e3a61-0f2c-4b7a-a1d2-52c0e4f9b302";
    private final SecretKey key = newKey();

    @Test
    void aSealedValueOpensWithTheSameKeySubjectAndClass() {
        String sealed = FieldCipher.seal(key, ALICE, RetentionClass.PROFILE, "name", bytes("\"Alice Liddell\""));

        assertThat(sealed).startsWith("lethe:v2:PROFILE:").doesNotContain("Alice");
        byte[] opened = FieldCipher.open(key, ALICE, "name", FieldCipher.envelope(sealed).orElseThrow());
        assertThat(new String(opened, StandardCharsets.UTF_8)).isEqualTo("\"Alice Liddell\"");
    }

    @Test
    void everySealingUsesAFreshNonce() {
        assertThat(FieldCipher.seal(key, ALICE, RetentionClass.PROFILE, "name", bytes("x")))
                .isNotEqualTo(FieldCipher.seal(key, ALICE, RetentionClass.PROFILE, "name", bytes("x")));
    }

    @Test
    void aValueMovedToAnotherSubjectDoesNotOpenEvenUnderTheSameKey() {
        String sealed = FieldCipher.seal(key, ALICE, RetentionClass.PROFILE, "name", bytes("\"Alice\""));

        assertThatThrownBy(() -> FieldCipher.open(key, BOB, "name", FieldCipher.envelope(sealed).orElseThrow()))
                .isInstanceOf(TamperedCiphertextException.class)
                .hasMessageNotContaining("Alice");
    }

    @Test
    void aValueMovedToAnotherFieldOfTheSameSubjectAndClassDoesNotOpen() {
        String sealed = FieldCipher.seal(key, ALICE, RetentionClass.PROFILE, "name", bytes("\"Alice\""));

        assertThatThrownBy(() -> FieldCipher.open(key, ALICE, "email", FieldCipher.envelope(sealed).orElseThrow()))
                .isInstanceOf(TamperedCiphertextException.class);
    }

    @Test
    void anEnvelopeOfTheFirstVersionStillOpensBoundToSubjectAndClass() throws Exception {
        byte[] sealed = AesGcm.encrypt(key, ("lethe/field/v1|" + ALICE + "|PROFILE").getBytes(StandardCharsets.UTF_8),
                bytes("\"Alice\""));
        String legacy = "lethe:v1:PROFILE:" + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(sealed);

        assertThat(new String(FieldCipher.open(key, ALICE, "name", FieldCipher.envelope(legacy).orElseThrow()),
                StandardCharsets.UTF_8)).isEqualTo("\"Alice\"");
        assertThatThrownBy(() -> FieldCipher.open(key, BOB, "name", FieldCipher.envelope(legacy).orElseThrow()))
                .isInstanceOf(TamperedCiphertextException.class);
    }

    @Test
    void aValueRelabelledToAnotherClassDoesNotOpen() {
        String sealed = FieldCipher.seal(key, ALICE, RetentionClass.FINANCIAL, "bankAccountNumber", bytes("\"1234\""));
        String relabelled = sealed.replace(":FINANCIAL:", ":PROFILE:");

        assertThatThrownBy(() -> FieldCipher.open(key, ALICE, "bankAccountNumber", FieldCipher.envelope(relabelled).orElseThrow()))
                .isInstanceOf(TamperedCiphertextException.class);
    }

    @Test
    void aFlippedBitDoesNotOpen() {
        String sealed = FieldCipher.seal(key, ALICE, RetentionClass.PROFILE, "name", bytes("\"Alice\""));
        char last = sealed.charAt(sealed.length() - 2);
        String altered = sealed.substring(0, sealed.length() - 2) + (last == 'A' ? 'B' : 'A') + sealed.charAt(sealed.length() - 1);

        assertThatThrownBy(() -> FieldCipher.open(key, ALICE, "name", FieldCipher.envelope(altered).orElseThrow()))
                .isInstanceOf(TamperedCiphertextException.class);
    }

    @Test
    void plainTextAndGarbageAreNotEnvelopes() {
        assertThat(FieldCipher.envelope("Alice")).isEmpty();
        assertThat(FieldCipher.envelope("lethe:v1:NOPE:AAAA")).isEmpty();
        assertThat(FieldCipher.envelope("lethe:v1:PROFILE:%%%")).isEmpty();
        assertThat(FieldCipher.envelope("lethe:v1:PROFILE:AAAA")).isEmpty();
        assertThat(FieldCipher.envelope("lethe:v3:PROFILE:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")).isEmpty();
        assertThat(FieldCipher.envelope(null)).isEmpty();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static SecretKey newKey() {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256);
            return generator.generateKey();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
