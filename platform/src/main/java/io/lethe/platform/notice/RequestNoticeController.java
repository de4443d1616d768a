package io.lethe.platform.notice;

import io.lethe.core.refusal.Refusal;
import io.lethe.core.refusal.RefusedException;
import io.lethe.core.request.NoticeFailure;
import io.lethe.core.request.NoticeKind;
import io.lethe.core.request.RequestId;
import io.lethe.core.subject.SubjectId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.lang.Nullable;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The notices owed to requesters and what became of them (role PRIVACY_STAFF): the undelivered ones
 * are the staff's to follow up, by another channel or by sending them again once the address or the
 * mail server is mended. Nothing here is personal.
 */
@RestController
@Validated
@Tag(name = "Request notices", description = "Receipts, extension notices and denials sent to requesters by e-mail, and their delivery")
class RequestNoticeController {

    private static final Logger log = LoggerFactory.getLogger(RequestNoticeController.class);
    static final int MAX_LIMIT = 500;

    /** The stages of a notice. */
    enum NoticeStatus {
        /** Waiting for its next attempt. */
        PENDING,
        /** Taken by the mail server; its event is being recorded. */
        MAILED,
        /** Sent and recorded on the request. */
        SENT,
        /** Given up after its last attempt: staff follow it up. */
        UNDELIVERED,
        /** Its event was too old when it was first read (lethe.notices.stale-after): never sent. */
        STALE
    }

    @Schema(name = "RequestNotice")
    record NoticeView(UUID noticeId, RequestId requestId, SubjectId subjectId, NoticeKind kind, NoticeStatus status,
                      @Schema(minimum = "0", maximum = "100") int attempts, @Nullable NoticeFailure failure, @Nullable @Schema(maxLength = 16) String language,
                      @Nullable Instant nextAttemptAt, @Nullable Instant sentAt, Instant createdAt) {
    }

    /** What a notice's view reads ({@link #view}). */
    private static final String SELECT = """
            SELECT notice_id, request_id, subject_id, kind, status, attempts, failure, language, next_attempt_at,
                   sent_at, created_at
              FROM request_notice
            """;

    private final JdbcClient jdbc;

    RequestNoticeController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @ApiResponse(responseCode = "200", description = "The notices, newest first.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE,
            array = @ArraySchema(schema = @Schema(implementation = NoticeView.class), maxItems = MAX_LIMIT)))
    @GetMapping("/api/request-notices")
    @Operation(operationId = "listRequestNotices", summary = "The notices sent, waiting or given up, newest first",
            description = "Filtered by `status` and by `requestId` when given; at most `limit`.")
    List<NoticeView> list(@RequestParam(required = false) @Nullable NoticeStatus status,
                          @RequestParam(required = false) @Nullable RequestId requestId,
                          @RequestParam(defaultValue = "100") @Min(1) @Max(MAX_LIMIT) int limit) {
        return jdbc.sql(SELECT + """
                         WHERE (CAST(:status AS VARCHAR) IS NULL OR status = :status)
                           AND (CAST(:request AS UUID) IS NULL OR request_id = :request)
                         ORDER BY created_at DESC, notice_id
                         LIMIT :limit""")
                .param("status", status == null ? null : status.name(), java.sql.Types.VARCHAR)
                .param("request", requestId == null ? null : requestId.value(), java.sql.Types.OTHER)
                .param("limit", limit)
                .query(RequestNoticeController::view)
                .list();
    }

    @ApiResponse(responseCode = "200", description = "The notice, due again now.")
    @ApiResponse(responseCode = "404", description = "`notice-not-found`: no notice has this id.")
    @ApiResponse(responseCode = "409", description = "`notice-not-undelivered`: only a notice given up is sent again.")
    @PostMapping("/api/request-notices/{noticeId}/retry")
    @Operation(operationId = "retryRequestNotice", summary = "Send an undelivered notice again",
            description = "For a notice given up (`UNDELIVERED`) once the address or the mail server is mended: it gets "
                    + "its attempts anew, the first one now.")
    NoticeView retry(@PathVariable UUID noticeId, Principal principal) {
        int updated = jdbc.sql("""
                        UPDATE request_notice SET status = 'PENDING', attempts = 0, next_attempt_at = now()
                         WHERE notice_id = :id AND status = 'UNDELIVERED'""")
                .param("id", noticeId)
                .update();
        NoticeView notice = jdbc.sql(SELECT + "WHERE notice_id = :id")
                .param("id", noticeId)
                .query(RequestNoticeController::view)
                .optional()
                .orElseThrow(() -> RefusedException.because("notice-not-found", Refusal.Kind.NOT_FOUND, "No notice has this id."));
        if (updated == 0) {
            throw RefusedException.because("notice-not-undelivered", Refusal.Kind.CONFLICT,
                    "Only a notice given up is sent again; this one is " + notice.status() + ".");
        }
        log.info("{} sends notice {} ({}) again", principal.getName(), noticeId, notice.kind());
        return notice;
    }

    private static NoticeView view(ResultSet row, int index) throws SQLException {
        String failure = row.getString("failure");
        return new NoticeView(row.getObject("notice_id", UUID.class), new RequestId(row.getObject("request_id", UUID.class)),
                new SubjectId(row.getObject("subject_id", UUID.class)), NoticeKind.valueOf(row.getString("kind")),
                NoticeStatus.valueOf(row.getString("status")), row.getInt("attempts"),
                failure == null ? null : NoticeFailure.valueOf(failure), row.getString("language"),
                instant(row.getTimestamp("next_attempt_at")), instant(row.getTimestamp("sent_at")),
                instant(row.getTimestamp("created_at")));
    }

    /** A column's instant, or null. */
    @Nullable
    static Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
