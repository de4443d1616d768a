package io.lethe.core.crypto;

import io.lethe.core.personaldata.RetentionClass;

import javax.crypto.AEADBadTagException;
import javax.crypto.SecretKey;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * AES-256-GCM for one field at a time. Each value gets a fresh 96-bit nonce; the subject and the
 * retention class are bound as associated data, so a ciphertext moved to another subject or class
 * fails authentication instead of decrypting.
 *
 * <p>A protected value is written as a text envelope {@code lethe:v1:<CLASS>:<base64url(nonce ‖
 * ciphertext ‖ tag)>}, so the class needed to find the key is readable without any key.
 */
public final class FieldCipher {

    static final String PREFIX = "lethe:v1:";

    private FieldCipher() {
    }

    /** Encrypts {@code plaintext} for {@code subject}'s {@code retentionClass} into an envelope. */
    public static String seal(SecretKey key, String subject, RetentionClass retentionClass, byte[] plaintext) {
        byte[] sealed = AesGcm.encrypt(key, associatedData(subject, retentionClass), plaintext);
        return PREFIX + retentionClass.name() + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(sealed);
    }

    /**
     * Decrypts an envelope made by {@link #seal}.
     *
     * @throws TamperedCiphertextException when the ciphertext does not authenticate for this subject
     *                                     and class (moved, altered, or sealed under another key)
     */
    public static byte[] open(SecretKey key, String subject, Envelope envelope) {
        try {
            return AesGcm.decrypt(key, associatedData(subject, envelope.retentionClass()), envelope.sealed());
        } catch (AEADBadTagException e) {
            throw new TamperedCiphertextException(envelope.retentionClass());
        }
    }

    /** The envelope in {@code value}, or empty when the value is not one (plain text, or not text at all). */
    public static Optional<Envelope> envelope(String value) {
        if (value == null || !value.startsWith(PREFIX)) {
            return Optional.empty();
        }
        int colon = value.indexOf(':', PREFIX.length());
        if (colon < 0) {
            return Optional.empty();
        }
        try {
            RetentionClass retentionClass = RetentionClass.valueOf(value.substring(PREFIX.length(), colon));
            byte[] sealed = Base64.getUrlDecoder().decode(value.substring(colon + 1));
            if (sealed.length < AesGcm.NONCE_BYTES + AesGcm.TAG_BITS / 8) {
                return Optional.empty();
            }
            return Optional.of(new Envelope(retentionClass, sealed));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static byte[] associatedData(String subject, RetentionClass retentionClass) {
        return ("lethe/field/v1|" + subject + "|" + retentionClass.name()).getBytes(StandardCharsets.UTF_8);
    }

    /** A parsed envelope: the retention class it names and nonce ‖ ciphertext ‖ tag. */
    public record Envelope(RetentionClass retentionClass, byte[] sealed) {
    }
}
