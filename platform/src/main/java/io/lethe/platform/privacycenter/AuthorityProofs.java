package io.lethe.platform.privacycenter;

import io.lethe.core.crypto.PersonalDataSeals;
import io.lethe.core.crypto.Sealed;
import io.lethe.core.personaldata.Redaction;
import io.lethe.core.personaldata.RetentionClass;
import io.lethe.core.request.RequestId;
import io.lethe.core.subject.SubjectId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

/**
 * The proofs of authority agents send with the privacy center's form: checked to be a PDF, PNG or JPEG
 * of at most {@link #MAX_BYTES}, sealed under the account holder's PROFILE key once the address
 * leads to an account, kept with the request the challenge makes, and opened for staff only.
 */
@Component
class AuthorityProofs {

    /** The largest proof taken: a scan or a phone's photo of a signed letter. */
    static final int MAX_BYTES = 5 * 1024 * 1024;
    static final String FIELD = "authorityProof";

    /** A proof as the form sent it, in memory only. */
    record Proof(String contentType, byte[] bytes) {

        /** The proof in {@code bytes}, if they are a PDF, PNG or JPEG (by their first bytes, not by what the browser said). */
        static Optional<Proof> of(byte[] bytes) {
            if (bytes == null || bytes.length < 8) {
                return Optional.empty();
            }
            if (startsWith(bytes, '%', 'P', 'D', 'F', '-')) {
                return Optional.of(new Proof("application/pdf", bytes));
            }
            if (startsWith(bytes, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
                return Optional.of(new Proof("image/png", bytes));
            }
            if (startsWith(bytes, 0xFF, 0xD8, 0xFF)) {
                return Optional.of(new Proof("image/jpeg", bytes));
            }
            return Optional.empty();
        }

        private static boolean startsWith(byte[] bytes, int... prefix) {
            for (int i = 0; i < prefix.length; i++) {
                if ((bytes[i] & 0xFF) != prefix[i]) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public String toString() {
            return "Proof[" + contentType + ", " + bytes.length + " bytes]";
        }

    }

    /** What staff see of a proof before they open it: nothing personal. */
    @io.swagger.v3.oas.annotations.media.Schema(name = "AuthorityProof")
    record Held(RequestId requestId,
                @io.swagger.v3.oas.annotations.media.Schema(allowableValues = {"application/pdf", "image/png", "image/jpeg"}) String contentType,
                @io.swagger.v3.oas.annotations.media.Schema(minimum = "1", maximum = "5242880") int sizeBytes,
                @io.swagger.v3.oas.annotations.media.Schema(pattern = "^[0-9a-f]{64}$") String sha256,
                Instant receivedAt) {
    }

    /** A proof as it is kept: its subject, its kind, and the document sealed under the subject's key. */
    record Stored(SubjectId subjectId, String contentType, Sealed document) {
    }

    private final JdbcClient jdbc;
    private final PersonalDataSeals seals;
    private final Clock clock = Clock.systemUTC();

    AuthorityProofs(JdbcClient jdbc, PersonalDataSeals seals) {
        this.jdbc = jdbc;
        this.seals = seals;
    }

    /** Keeps {@code proof} for the request {@code challengeId} may make for {@code subject}, sealed under its key. */
    void keep(UUID challengeId, SubjectId subject, Proof proof) {
        Sealed sealed = seals.seal(subject.toString(), RetentionClass.PROFILE, FIELD,
                Base64.getEncoder().encodeToString(proof.bytes()));
        jdbc.sql("""
                        INSERT INTO privacy_request_proof (challenge_id, request_id, subject_id, content_type, size_bytes, sha256,
                            document, received_at)
                        VALUES (:challenge, :request, :subject, :type, :size, :sha256, :document, :at)
                        ON CONFLICT (challenge_id) DO NOTHING""")
                .param("challenge", challengeId)
                .param("request", Challenges.requestIdOf(challengeId).value())
                .param("subject", subject.value())
                .param("type", proof.contentType())
                .param("size", proof.bytes().length)
                .param("sha256", HexFormat.of().formatHex(sha256(proof.bytes())))
                .param("document", sealed.envelope())
                .param("at", clock.instant().atOffset(ZoneOffset.UTC))
                .update();
    }

    /** The challenge made its request: the proof stays with it. */
    void made(UUID challengeId) {
        jdbc.sql("UPDATE privacy_request_proof SET made = TRUE WHERE challenge_id = :challenge")
                .param("challenge", challengeId)
                .update();
    }

    Optional<Held> held(RequestId requestId) {
        return jdbc.sql("""
                        SELECT request_id, content_type, size_bytes, sha256, received_at FROM privacy_request_proof
                         WHERE request_id = :request AND made""")
                .param("request", requestId.value())
                .query((row, index) -> new Held(new RequestId(row.getObject("request_id", UUID.class)), row.getString("content_type"),
                        row.getInt("size_bytes"), row.getString("sha256"), row.getTimestamp("received_at").toInstant()))
                .optional();
    }

    /** The proof of {@code requestId}'s request as it is kept: whose, what kind, and sealed. */
    Optional<Stored> stored(RequestId requestId) {
        return jdbc.sql("SELECT subject_id, content_type, document FROM privacy_request_proof WHERE request_id = :request AND made")
                .param("request", requestId.value())
                .query((row, index) -> new Stored(new SubjectId(row.getObject("subject_id", UUID.class)), row.getString("content_type"),
                        Sealed.of(row.getString("document"))))
                .optional();
    }

    /** The document a stored proof opens to, with the opener of a recorded read; empty once erased. */
    static Optional<byte[]> document(String opened) {
        return opened == null || Redaction.ERASED.equals(opened) ? Optional.empty() : Optional.of(Base64.getDecoder().decode(opened));
    }

    /** Proofs whose challenge made no request within a day. */
    int purge(Instant before) {
        return jdbc.sql("DELETE FROM privacy_request_proof WHERE NOT made AND received_at < :before")
                .param("before", before.atOffset(ZoneOffset.UTC))
                .update();
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
