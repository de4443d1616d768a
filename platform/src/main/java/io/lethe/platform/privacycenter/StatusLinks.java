package io.lethe.platform.privacycenter;

import io.lethe.core.request.RequestId;
import io.lethe.core.subject.SubjectId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * The secret links to a request's status page: 256 random bits, shown to the person once (and kept in
 * their bookmarks), stored only as their SHA-256, so the table alone opens no page.
 */
@Component
class StatusLinks {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Whose request a link opens, and in which language it was made. */
    record Linked(SubjectId subjectId, RequestId requestId, String language) {
    }

    private final JdbcClient jdbc;

    StatusLinks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A new link's secret, for the person only. */
    String create(SubjectId subject, RequestId request, String language) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        jdbc.sql("INSERT INTO privacy_center_link (link_digest, subject_id, request_id, language) VALUES (:digest, :subject, :request, :language)")
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
