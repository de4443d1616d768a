package io.lethe.query.access;

import io.lethe.core.subject.SubjectId;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.security.Principal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import static io.lethe.query.Columns.instant;

/**
 * The access log: each read of a subject's personal data by staff or auditors, written by
 * {@link Disclosure} before the data is served.
 */
@Component
class StaffAccessLog {

    private final JdbcClient jdbc;

    StaffAccessLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One read of several subjects' personal data through {@code view} (a page of them), in one statement. */
    void record(Principal principal, List<SubjectId> subjectIds, String view) {
        if (subjectIds.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        INSERT INTO personal_data_access_log (principal, subject_id, view)
                        SELECT :principal, subject, :view FROM unnest(:subjects) AS subject""")
                .param("principal", principal == null ? "anonymous" : principal.getName())
                .param("subjects", subjectIds.stream().map(SubjectId::value).toArray(UUID[]::new))
                .param("view", view)
                .update();
    }

    /** One logged read: the principal and the view as the log's columns keep them (200 and 64 at most). */
    @Schema(name = "AccessLogEntry")
    public record Entry(long id, Instant accessedAt, @Schema(maxLength = PRINCIPAL_LENGTH) String principal,
                        @Schema(format = "uuid") String subjectId, @Schema(maxLength = VIEW_LENGTH) String view) {

        /** {@code personal_data_access_log.principal}: a read by a longer name is not recorded, so not served. */
        static final int PRINCIPAL_LENGTH = 200;
        /** {@code personal_data_access_log.view}. */
        static final int VIEW_LENGTH = 64;
    }

    List<Entry> entries(UUID subjectId, long after, int size) {
        return page("""
                SELECT id, accessed_at, principal, subject_id, view FROM personal_data_access_log
                WHERE (CAST(:subject AS uuid) IS NULL OR subject_id = :subject) AND id > :cursor
                ORDER BY id LIMIT :size""", subjectId, after, size);
    }

    /** The entries before {@code before}, newest first. */
    List<Entry> newest(UUID subjectId, long before, int size) {
        return page("""
                SELECT id, accessed_at, principal, subject_id, view FROM personal_data_access_log
                WHERE (CAST(:subject AS uuid) IS NULL OR subject_id = :subject) AND id < :cursor
                ORDER BY id DESC LIMIT :size""", subjectId, before, size);
    }

    private List<Entry> page(String sql, UUID subjectId, long cursor, int size) {
        return jdbc.sql(sql)
                .param("subject", subjectId)
                .param("cursor", cursor)
                .param("size", size)
                .query((row, number) -> new Entry(row.getLong("id"), instant(row.getObject("accessed_at", OffsetDateTime.class)),
                        row.getString("principal"), row.getString("subject_id"), row.getString("view")))
                .list();
    }
}
