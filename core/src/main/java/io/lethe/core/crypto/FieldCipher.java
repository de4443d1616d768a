package io.lethe.core.crypto;

import io.lethe.core.personaldata.RetentionClass;

import javax.crypto.AEADBadTagException;
import javax.crypto.SecretKey;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * AES-256-GCM for one field at a time. Each value gets a fresh 96-bit nonce; the subject, the
 * retention class and the field's name are bound as associated data, so a ciphertext moved to another
 * subject, class or field fails authentication instead of decrypting.
 *
 * <p>A protected value is written as a text envelope {@code lethe:v2:<CLASS>:<base64url(nonce ‖
 * ciphertext ‖ tag)>}, so the class needed to find the key is readable without any key. Envelopes of
 * version 1, written before the field was bound, still open: they are bound to subject and class only.
 */
public final class FieldCipher {

    static final String PREFIX = "lethe:v";
    private static final int CURRENT = 2;

    private FieldCipher() {
    }

    /** Encrypts {@code plaintext} of {@code field} for {@code subject}'s {@code retentionClass} into an envelope. */
    public static String seal(SecretKey key, String subject, RetentionClass retentionClass, String field, byte[] plaintext) {
        byte[] sealed = AesGcm.encrypt(key, associatedData(CURRENT, subject, retentionClass, field), plaintext);
        return PREFIX + CURRENT + ":" + retentionClass.name() + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(sealed);
    }

    /**
     * Decrypts an envelope made by {@link #seal} for {@code field}.
     *
     * @throws TamperedCiphertextException when the ciphertext does not authenticate for this subject,
     *                                     class and field (moved, altered, or sealed under another key)
     */
    public static byte[] open(SecretKey key, String subject, String field, Envelope envelope) {
        try {
            return AesGcm.decrypt(key, associatedData(envelope.version(), subject, envelope.retentionClass(), field),
                    envelope.sealed());
        } catch (AEADBadTagException e) {
            throw new TamperedCiphertextException(envelope.retentionClass());
        }
    }

    /** The envelope in {@code value}, or empty when the value is not one (plain text, or not text at all). */
    public static Optional<Envelope> envelope(String value) {
        if (value == null || !value.startsWith(PREFIX) || value.length() < PREFIX.length() + 2
                || value.charAt(PREFIX.length() + 1) != ':') {
            return Optional.empty();
        }
        int version = value.charAt(PREFIX.length()) - '0';
        if (version != 1 && version != CURRENT) {
            return Optional.empty();
        }
        int start = PREFIX.length() + 2;
        int colon = value.indexOf(':', start);
        if (colon < 0) {
            return Optional.empty();
        }
        try {
            RetentionClass retentionClass = RetentionClass.valueOf(value.substring(start, colon));
            byte[] sealed = Base64.getUrlDecoder().decode(value.substring(colon + 1));
            if (sealed.length < AesGcm.NONCE_BYTES + AesGcm.TAG_BITS / 8) {
                return Optional.empty();
            }
            return Optional.of(new Envelope(version, retentionClass, sealed));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static byte[] associatedData(int version, String subject, RetentionClass retentionClass, String field) {
        String bound = version == 1 ? "lethe/field/v1|" + subject + "|" + retentionClass.name()
                : "lethe/field/v2|" + subject + "|" + retentionClass.name() + "|" + field;
        return bound.getBytes(StandardCharsets.UTF_8);
    }

    /** A parsed envelope: its version, the retention class it names and nonce ‖ ciphertext ‖ tag. */
    public record Envelope(int version, RetentionClass retentionClass, byte[] sealed) {
    }
}
