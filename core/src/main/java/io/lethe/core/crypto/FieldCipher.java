package io.lethe.core.crypto;

import io.lethe.core.personaldata.RetentionClass;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * AES-256-GCM for one field at a time. Each value gets a fresh 96-bit nonce; the subject and the
 * retention class are bound as associated data, so a ciphertext moved to another subject or class
 * fails authentication instead of decrypting.
 *
 * <p>A protected value is written as a text envelope {@code lethe:v1:<CLASS>:<base64url(nonce ‖
 * ciphertext ‖ tag)>}, so the class needed to find the key is readable without any key. Cipher
 * objects are reused per thread.
 */
public final class FieldCipher {

    static final String PREFIX = "lethe:v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is not available in this JVM", e);
        }
    });

    private FieldCipher() {
    }

    /** Encrypts {@code plaintext} for {@code subject}'s {@code retentionClass} into an envelope. */
    public static String seal(SecretKey key, String subject, RetentionClass retentionClass, byte[] plaintext) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = CIPHERS.get();
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(subject, retentionClass));
            byte[] sealed = new byte[NONCE_BYTES + cipher.getOutputSize(plaintext.length)];
            System.arraycopy(nonce, 0, sealed, 0, NONCE_BYTES);
            cipher.doFinal(plaintext, 0, plaintext.length, sealed, NONCE_BYTES);
            return PREFIX + retentionClass.name() + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(sealed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot encrypt a personal-data field", e);
        }
    }

    /**
     * Decrypts an envelope made by {@link #seal}.
     *
     * @throws TamperedCiphertextException when the ciphertext does not authenticate for this subject
     *                                     and class (moved, altered, or sealed under another key)
     */
    public static byte[] open(SecretKey key, String subject, Envelope envelope) {
        byte[] sealed = envelope.sealed();
        try {
            Cipher cipher = CIPHERS.get();
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
            cipher.updateAAD(associatedData(subject, envelope.retentionClass()));
            return cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new TamperedCiphertextException(envelope.retentionClass());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot decrypt a personal-data field", e);
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
            if (sealed.length < NONCE_BYTES + TAG_BITS / 8) {
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
