package io.lethe.platform.crypto;

import io.lethe.core.crypto.AesGcm;
import io.lethe.core.personaldata.RetentionClass;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.AEADBadTagException;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The key-encryption keys (KEKs) that wrap data keys at rest. A wrapped data key is {@link AesGcm}
 * over the key bytes with the subject and class as associated data, so a wrapped key copied to
 * another row does not unwrap.
 */
final class KeyEncryptionKeys {

    private static final Logger log = LoggerFactory.getLogger(KeyEncryptionKeys.class);

    private final Map<String, SecretKey> keks;
    private final String currentId;

    KeyEncryptionKeys(Map<String, SecretKey> keks, String currentId) {
        if (!keks.containsKey(currentId)) {
            throw new IllegalStateException("lethe.crypto.current-kek names no configured KEK");
        }
        this.keks = Map.copyOf(keks);
        this.currentId = currentId;
    }

    /** The longest id of a KEK, as every wrapped key names it ({@code subject_key.kek_id}). */
    static final int MAX_ID_LENGTH = 64;

    /** From configuration; in the embedded default, from (or into) the KEK file. */
    static KeyEncryptionKeys from(CryptoProperties properties) {
        List<CryptoProperties.Kek> configured = properties.keks();
        if (configured.isEmpty()) {
            if (properties.kekFile() == null) {
                throw new IllegalStateException("No key-encryption key: set lethe.crypto.keks[0].id and "
                        + "lethe.crypto.keks[0].key (Base64 of 32 random bytes, e.g. `openssl rand -base64 32`). "
                        + "Only the embedded default creates one by itself.");
            }
            configured = List.of(fromFile(properties.kekFile()));
        }
        Map<String, SecretKey> keks = new LinkedHashMap<>();
        for (CryptoProperties.Kek kek : configured) {
            if (kek.id() == null || kek.id().isBlank() || kek.key() == null) {
                throw new IllegalStateException("lethe.crypto.keks: every KEK needs an id and a key");
            }
            if (kek.id().length() > MAX_ID_LENGTH) {
                // every wrapped key names its KEK in subject_key.kek_id
                throw new IllegalStateException("lethe.crypto.keks: a KEK's id has at most " + MAX_ID_LENGTH + " characters");
            }
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(kek.key().trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("lethe.crypto.keks: the key of KEK " + kek.id() + " is not Base64");
            }
            if (bytes.length != 32) {
                throw new IllegalStateException("lethe.crypto.keks: the key of KEK " + kek.id() + " must be 32 bytes (AES-256)");
            }
            keks.put(kek.id(), new SecretKeySpec(bytes, "AES"));
        }
        String current = properties.currentKek() != null ? properties.currentKek()
                : keks.size() == 1 ? keks.keySet().iterator().next() : null;
        if (current == null) {
            throw new IllegalStateException("lethe.crypto.current-kek must name one of the " + keks.size() + " KEKs");
        }
        return new KeyEncryptionKeys(keks, current);
    }

    private static CryptoProperties.Kek fromFile(Path file) {
        try {
            if (Files.notExists(file)) {
                byte[] key = AesGcm.newKey().getEncoded();
                String id = "local-" + Long.toHexString(System.currentTimeMillis());
                Path parent = file.toAbsolutePath().getParent();
                Files.createDirectories(parent);
                Path temporary = Files.createTempFile(parent, ".kek", ".tmp");
                restrict(temporary);
                Files.writeString(temporary, id + ":" + Base64.getEncoder().encodeToString(key) + "\n");
                Files.move(temporary, file);
                log.warn("Created a key-encryption key in {} (embedded default). Whoever holds this file and the "
                        + "database can read all personal data; configure lethe.crypto.keks from a secret store in "
                        + "production.", file.toAbsolutePath());
            } else {
                log.info("Using the key-encryption key in {}", file.toAbsolutePath());
            }
            String[] parts = Files.readString(file, StandardCharsets.UTF_8).trim().split(":", 2);
            if (parts.length != 2) {
                throw new IllegalStateException("The KEK file " + file + " must hold <id>:<base64 key>");
            }
            return new CryptoProperties.Kek(parts[0], parts[1]);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the KEK file " + file, e);
        }
    }

    private static void restrict(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: left to the platform's defaults
        }
    }

    String currentId() {
        return currentId;
    }

    java.util.Set<String> ids() {
        return keks.keySet();
    }

    byte[] wrap(SecretKey dataKey, String subject, RetentionClass retentionClass) {
        return AesGcm.encrypt(keks.get(currentId), associatedData(subject, retentionClass), dataKey.getEncoded());
    }

    SecretKey unwrap(byte[] wrapped, String kekId, String subject, RetentionClass retentionClass) {
        SecretKey kek = keks.get(kekId);
        if (kek == null) {
            throw new IllegalStateException("A data key is wrapped by KEK " + kekId
                    + ", which is not configured (lethe.crypto.keks): keep retired KEKs until rotation completes");
        }
        try {
            return new SecretKeySpec(AesGcm.decrypt(kek, associatedData(subject, retentionClass), wrapped), "AES");
        } catch (AEADBadTagException e) {
            throw new IllegalStateException("A data key does not unwrap under KEK " + kekId
                    + ": the vault row was altered or the KEK is wrong", e);
        }
    }

    /**
     * A key for {@code purpose} derived from each KEK, the current one first (HMAC-SHA256 of the
     * purpose under the KEK, as HKDF-Expand does for one block): secrets of the platform's own that
     * need no vault row and change with the KEK.
     */
    java.util.List<SecretKey> derived(String purpose) {
        java.util.List<SecretKey> derived = new java.util.ArrayList<>();
        derived.add(derive(keks.get(currentId), purpose));
        keks.forEach((id, kek) -> {
            if (!id.equals(currentId)) {
                derived.add(derive(kek, purpose));
            }
        });
        return derived;
    }

    private static SecretKey derive(SecretKey kek, String purpose) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(kek.getEncoded(), "HmacSHA256"));
            return new SecretKeySpec(mac.doFinal(("lethe/derived/v1|" + purpose).getBytes(StandardCharsets.UTF_8)), "AES");
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    static SecretKey newDataKey() {
        return AesGcm.newKey();
    }

    private static byte[] associatedData(String subject, RetentionClass retentionClass) {
        return ("lethe/kek/v1|" + subject + "|" + retentionClass.name()).getBytes(StandardCharsets.UTF_8);
    }
}
