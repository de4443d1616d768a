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

    /**
     * A challenge for no subject yet: the address is looked up after the page has answered, and the
     * subject {@linkplain #attach attached} only if an account of the chosen law holds it.
     */
    Made make(Jurisdiction jurisdiction, RequestType type, Requester requester, String language) {
        UUID id = UUID.randomUUID();
        String code = String.format("%06d", RANDOM.nextInt(1_000_000));
        Instant now = clock.instant();
        jdbc.sql("""
                        INSERT INTO privacy_center_challenge (challenge_id, subject_id, jurisdiction, request_type, requester, language,
                            code_digest, expires_at)
                        VALUES (:id, :subject, :jurisdiction, :type, :requester, :language, :digest, :expires)""")
                .param("id", id)
                .param("subject", null, java.sql.Types.OTHER)
                .param("jurisdiction", jurisdiction.code())
                .param("type", type.code())
                .param("requester", requester.name())
                .param("language", language)
                .param("digest", digest(id, code))
                .param("expires", now.plus(properties.codeValidFor()).atOffset(ZoneOffset.UTC))
                .update();
        return new Made(id, code);
    }

    /** The account the address belongs to: its code is then sent, and only then can it match. */
    void attach(UUID challengeId, SubjectId subject) {
        jdbc.sql("UPDATE privacy_center_challenge SET subject_id = :subject WHERE challenge_id = :id AND subject_id IS NULL")
                .param("id", challengeId)
                .param("subject", subject.value())
                .update();
    }

    /**
     * The request a challenge makes: the same id for every use of its code, so a code sent twice (a
     * double click, a retry after a failure) makes one request, and the second submission is refused
     * as already made.
     */
    static RequestId requestIdOf(UUID challengeId) {
        return new RequestId(UUID.nameUUIDFromBytes(("privacy-center|" + challengeId).getBytes(StandardCharsets.UTF_8)));
    }

    Optional<Challenge> find(UUID challengeId) {
        return jdbc.sql("SELECT * FROM privacy_center_challenge WHERE challenge_id = :id")
                .param("id", challengeId)
                .query(Challenges::challenge)
                .optional();
    }

    /**
     * Counts one try against the challenge, then compares the code. An expired or used-up challenge
     * matches nothing; one whose address no account holds never matches. A right code matches again
     * after its first use (until its tries or its time run out): it makes the same request.
     */
    Check check(UUID challengeId, String code) {
        // the counted challenge and its stored digest, in the statement that counts the try
        record Counted(Challenge challenge, byte[] digest) {
        }
        Optional<Counted> counted = jdbc.sql("""
                        UPDATE privacy_center_challenge SET attempts = attempts + 1
                         WHERE challenge_id = :id AND attempts < :max AND expires_at > :now RETURNING *""")
                .param("id", challengeId)
                .param("max", properties.attemptsPerCode())
                .param("now", clock.instant().atOffset(ZoneOffset.UTC))
                .query((row, index) -> new Counted(challenge(row, index), row.getBytes("code_digest")))
                .optional();
        if (counted.isEmpty()) {
            Optional<Challenge> found = find(challengeId);
            Outcome outcome = found.isEmpty() ? Outcome.UNKNOWN
                    : found.get().attempts() >= properties.attemptsPerCode() ? Outcome.USED_UP : Outcome.EXPIRED;
            return new Check(outcome, found.orElse(null), 0);
        }
        Challenge challenge = counted.get().challenge();
        int left = properties.attemptsPerCode() - challenge.attempts();
        boolean matches = code != null && code.matches("\\d{6}")
                && MessageDigest.isEqual(counted.get().digest(), digest(challengeId, code));
        if (!matches || challenge.subjectId() == null) {
            return new Check(Outcome.WRONG, challenge, left);
        }
        return new Check(Outcome.MATCHED, challenge, left);
    }

    /** The code was right: its first use is recorded (later ones find it recorded). */
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
