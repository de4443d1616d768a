package io.lethe.platform.privacycenter;

import io.lethe.core.jurisdiction.Jurisdiction;
import io.lethe.core.request.RequestId;
import io.lethe.core.request.RequestType;
import io.lethe.core.subject.Requester;
import io.lethe.core.subject.SubjectId;
import io.lethe.platform.crypto.PlatformSecrets;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.lang.Nullable;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The requests waiting for their code ({@code privacy_center_challenge}). A code is six digits from a
 * secure random source, kept only as a digest keyed by the platform's secrets and bound to its
 * challenge; a challenge that matched no account gets a code too, never sent, so both are handled
 * alike. Each check counts against the challenge's tries before it is compared.
 */
@Component
class Challenges {

    private static final String PURPOSE = "privacy-center-code";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A request waiting for its code. */
    record Challenge(UUID challengeId, @Nullable SubjectId subjectId, Jurisdiction jurisdiction, RequestType type,
                     Requester requester, String language, int attempts, Instant expiresAt, @Nullable Instant usedAt,
                     @Nullable RequestId requestId) {
    }

    /** What a check found. */
    enum Outcome { MATCHED, WRONG, USED_UP, EXPIRED, UNKNOWN }

    record Check(Outcome outcome, @Nullable Challenge challenge, int attemptsLeft) {
    }

    /** A challenge made, with its code in memory only, to be sent. */
    record Made(UUID challengeId, String code) {
        @Override
        public String toString() {
            return "Made[" + challengeId + "]";
        }
    }

    private final JdbcClient jdbc;
    private final PlatformSecrets secrets;
    private final PrivacyCenterProperties properties;
    private final Clock clock = Clock.systemUTC();

    Challenges(JdbcClient jdbc, PlatformSecrets secrets, PrivacyCenterProperties properties) {
        this.jdbc = jdbc;
        this.secrets = secrets;
        this.properties = properties;
    }

    Made make(@Nullable SubjectId subject, Jurisdiction jurisdiction, RequestType type, Requester requester, String language) {
        UUID id = UUID.randomUUID();
        String code = String.format("%06d", RANDOM.nextInt(1_000_000));
        Instant now = clock.instant();
        jdbc.sql("""
                        INSERT INTO privacy_center_challenge (challenge_id, subject_id, jurisdiction, request_type, requester, language,
                            code_digest, expires_at)
                        VALUES (:id, :subject, :jurisdiction, :type, :requester, :language, :digest, :expires)""")
                .param("id", id)
                .param("subject", subject == null ? null : subject.value(), java.sql.Types.OTHER)
                .param("jurisdiction", jurisdiction.code())
                .param("type", type.code())
                .param("requester", requester.name())
                .param("language", language)
                .param("digest", digest(id, code))
                .param("expires", now.plus(properties.codeValidFor()).atOffset(ZoneOffset.UTC))
                .update();
        return new Made(id, code);
    }

    Optional<Challenge> find(UUID challengeId) {
        return jdbc.sql("SELECT * FROM privacy_center_challenge WHERE challenge_id = :id")
                .param("id", challengeId)
                .query(Challenges::challenge)
                .optional();
    }

    /**
     * Counts one try against the challenge, then compares the code. A used-up, expired or used challenge
     * matches nothing; one that matched no account never matches.
     */
    Check check(UUID challengeId, String code) {
        Optional<Challenge> counted = jdbc.sql("""
                        UPDATE privacy_center_challenge SET attempts = attempts + 1
                         WHERE challenge_id = :id AND used_at IS NULL AND attempts < :max RETURNING *""")
                .param("id", challengeId)
                .param("max", properties.attemptsPerCode())
                .query(Challenges::challenge)
                .optional();
        if (counted.isEmpty()) {
            Optional<Challenge> found = find(challengeId);
            return new Check(found.isEmpty() ? Outcome.UNKNOWN : Outcome.USED_UP, found.orElse(null), 0);
        }
        Challenge challenge = counted.get();
        int left = properties.attemptsPerCode() - challenge.attempts();
        if (!clock.instant().isBefore(challenge.expiresAt())) {
            return new Check(Outcome.EXPIRED, challenge, left);
        }
        byte[] stored = jdbc.sql("SELECT code_digest FROM privacy_center_challenge WHERE challenge_id = :id")
                .param("id", challengeId).query(byte[].class).single();
        boolean matches = code != null && code.matches("\\d{6}")
                && MessageDigest.isEqual(stored, digest(challengeId, code));
        if (!matches || challenge.subjectId() == null) {
            return new Check(Outcome.WRONG, challenge, left);
        }
        return new Check(Outcome.MATCHED, challenge, left);
    }

    /** The code was right and the request made: the challenge is used, once. */
    boolean use(UUID challengeId, RequestId requestId) {
        return jdbc.sql("UPDATE privacy_center_challenge SET used_at = now(), request_id = :request WHERE challenge_id = :id AND used_at IS NULL")
                .param("id", challengeId)
                .param("request", requestId.value())
                .update() == 1;
    }

    private byte[] digest(UUID challengeId, String code) {
        List<byte[]> digests = secrets.digests(PURPOSE, challengeId.toString().getBytes(StandardCharsets.UTF_8),
                code.getBytes(StandardCharsets.UTF_8));
        return digests.get(0);
    }

    private static Challenge challenge(ResultSet row, int index) throws SQLException {
        UUID subject = row.getObject("subject_id", UUID.class);
        UUID request = row.getObject("request_id", UUID.class);
        java.sql.Timestamp used = row.getTimestamp("used_at");
        return new Challenge(row.getObject("challenge_id", UUID.class), subject == null ? null : new SubjectId(subject),
                Jurisdiction.fromCode(row.getString("jurisdiction")), RequestType.fromCode(row.getString("request_type")),
                Requester.valueOf(row.getString("requester")), row.getString("language"), row.getInt("attempts"),
                row.getTimestamp("expires_at").toInstant(), used == null ? null : used.toInstant(),
                request == null ? null : new RequestId(request));
    }
}
