package io.lethe.platform.crypto;

import io.lethe.core.crypto.AesGcm;

import javax.crypto.AEADBadTagException;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Optional;

/**
 * Secrets the platform keeps for itself rather than for a subject, derived from the key-encryption
 * keys: keyed digests (so a stored fingerprint of a request says nothing of what was in it, and
 * cannot be recomputed without the KEK) and sealing of short-lived records. Each purpose has its own
 * key. Digests are given for every configured KEK, the current one first, so what was stored before
 * a KEK rotation is still recognised until the old KEK is removed.
 */
public final class PlatformSecrets implements io.lethe.core.crypto.BlindIndex {

    private final KeyEncryptionKeys keks;

    PlatformSecrets(KeyEncryptionKeys keks) {
        this.keks = keks;
    }

    /** HMAC-SHA256 of the parts (each length-prefixed) under each KEK's key for {@code purpose}, current KEK first. */
    public List<byte[]> digests(String purpose, byte[]... parts) {
        return keks.derived("digest|" + purpose).stream().map(key -> digest(key, parts)).toList();
    }

    @Override
    public int bucket(String purpose, String value) {
        return buckets(purpose, value).get(0);
    }

    /** 20 bits of the keyed digest (purpose {@code blind-index|<purpose>}: the low 20 of its first three bytes), under each KEK. */
    @Override
    public List<Integer> buckets(String purpose, String value) {
        return digests("blind-index|" + purpose, value.getBytes(StandardCharsets.UTF_8)).stream()
                .map(digest -> (((digest[0] & 0xff) << 16) | ((digest[1] & 0xff) << 8) | (digest[2] & 0xff)) % BUCKETS)
                .distinct().toList();
    }

    /**
     * 256-bit keys for {@code purpose} (purpose {@code key|<purpose>}), one under each KEK, the current
     * KEK's first: what one node keys with, every node that holds the same KEKs recognises.
     */
    public List<SecretKey> keys(String purpose) {
        return keks.derived("key|" + purpose);
    }

    /** AES-256-GCM under the current KEK's key for {@code purpose}, bound to {@code associatedData}. */
    public byte[] seal(String purpose, byte[] associatedData, byte[] plaintext) {
        return AesGcm.encrypt(keks.derived("seal|" + purpose).get(0), associatedData, plaintext);
    }

    /** What {@link #seal} sealed, under whichever configured KEK's key opens it; empty when none does. */
    public Optional<byte[]> open(String purpose, byte[] associatedData, byte[] sealed) {
        for (SecretKey key : keks.derived("seal|" + purpose)) {
            try {
                return Optional.of(AesGcm.decrypt(key, associatedData, sealed));
            } catch (AEADBadTagException e) {
                // another KEK's, or altered: try the next
            }
        }
        return Optional.empty();
    }

    private static byte[] digest(SecretKey key, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            for (byte[] part : parts) {
                mac.update(Integer.toString(part.length).getBytes(StandardCharsets.US_ASCII));
                mac.update((byte) ':');
                mac.update(part);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}
