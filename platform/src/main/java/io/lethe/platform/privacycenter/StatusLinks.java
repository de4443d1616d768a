package io.lethe.platform.privacycenter;

import io.lethe.core.request.RequestId;
import io.lethe.core.subject.SubjectId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * The secret links to a request's status page: 256 bits keyed by the platform's secrets from the
 * challenge whose code made the request (the same link however often the code is sent), shown to the
 * person (and kept in their bookmarks), stored only as their SHA-256: the table alone opens no page.
 */
@Component
class StatusLinks {

    /** Whose request a link opens, and in which language it was made. */
    record Linked(SubjectId subjectId, RequestId requestId, String language) {
    }

    private final JdbcClient jdbc;
    private final io.lethe.platform.crypto.PlatformSecrets secrets;

    StatusLinks(JdbcClient jdbc, io.lethe.platform.crypto.PlatformSecrets secrets) {
        this.jdbc = jdbc;
        this.secrets = secrets;
    }

    /** The link's secret for the request a challenge made, for the person only; made once, the same after. */
    String create(UUID challengeId, SubjectId subject, RequestId request, String language) {
        byte[] secret = secrets.digests("privacy-center-link", challengeId.toString().getBytes(StandardCharsets.US_ASCII)).get(0);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        jdbc.sql("""
                        INSERT INTO privacy_center_link (link_digest, subject_id, request_id, language)
                        VALUES (:digest, :subject, :request, :language) ON CONFLICT (link_digest) DO NOTHING""")
                .param("digest", digest(token))
                .param("subject", subject.value())
                .param("request", request.value())
                .param("language", language)
                .update();
        return token;
    }

    Optional<Linked> find(String token) {
        if (token == null || !token.matches("[A-Za-z0-9_-]{43}")) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT subject_id, request_id, language FROM privacy_center_link WHERE link_digest = :digest")
                .param("digest", digest(token))
                .query((row, index) -> new Linked(new SubjectId(row.getObject("subject_id", UUID.class)),
                        new RequestId(row.getObject("request_id", UUID.class)), row.getString("language")))
                .optional();
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
