package io.lethe.platform.notice;

import io.lethe.core.breach.BreachId;
import io.lethe.core.breach.BreachLetter;
import io.lethe.core.breach.DutyKind;
import io.lethe.core.refusal.Refusal;
import io.lethe.core.refusal.RefusedException;
import io.lethe.core.request.NoticeFailure;
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
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The mailings of a breach to the people affected (ADR 0026) and what became of each notice (role
 * PRIVACY_STAFF): how many went out, were not delivered, or were left out as living under another
 * law; the undelivered ones are the staff's to follow up, or to send again once the address or the
 * mail server is mended.
 */
@RestController
@Validated
@Tag(name = "Breaches")
class BreachMailingController {

    private static final Logger log = LoggerFactory.getLogger(BreachMailingController.class);

    /** The stages of a mailing. */
    enum MailingStatus {
        /** Notices are going out. */
        SENDING,
        /** Every notice attempted, at least one person reached: the duty is recorded met. */
        DONE,
        /** Nobody could be reached: the duty stays open for a substitute or public notice. */
        UNREACHED,
        /** Its event was too old when first read (lethe.notices.stale-after): nothing sent. */
        STALE
    }

    /** The stages of one person's notice. */
    enum BreachNoticeStatus {
        PENDING, MAILED, SENT, UNDELIVERED,
        /** The subject lives under another law than the duty's. */
        NOT_CONCERNED
    }

    @Schema(name = "BreachMailing")
    record MailingView(String dutyId, DutyKind kind, @Schema(maxLength = 16) String language, MailingStatus status,
                       Instant issuedAt, @Nullable Instant finishedAt, long pending, long sent, long undelivered,
                       long notConcerned, BreachLetter letter) {
    }

    @Schema(name = "BreachNotice")
    record NoticeView(UUID noticeId, SubjectId subjectId, BreachNoticeStatus status, @Schema(minimum = "0", maximum = "100") int attempts,
                      @Nullable NoticeFailure failure, @Nullable @Schema(maxLength = 16) String language,
                      @Nullable Instant nextAttemptAt, @Nullable Instant sentAt) {
    }

    private final JdbcClient jdbc;

    BreachMailingController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @ApiResponse(responseCode = "200", description = "The breach's mailings, oldest first; none for an unknown breach.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE, array = @ArraySchema(schema = @Schema(implementation = MailingView.class), maxItems = 16)))
    @GetMapping("/api/breaches/{breachId}/mailings")
    @Operation(operationId = "listBreachMailings", summary = "The breach's mailings to the people affected, with their counts")
    List<MailingView> mailings(@PathVariable BreachId breachId) {
        return jdbc.sql("""
                        SELECT m.*,
                               COUNT(n.notice_id) FILTER (WHERE n.status IN ('PENDING', 'MAILED')) AS pending,
                               COUNT(n.notice_id) FILTER (WHERE n.status = 'SENT') AS sent,
                               COUNT(n.notice_id) FILTER (WHERE n.status = 'UNDELIVERED') AS undelivered,
                               COUNT(n.notice_id) FILTER (WHERE n.status = 'NOT_CONCERNED') AS not_concerned
                          FROM breach_mailing m LEFT JOIN breach_notice n ON n.breach_id = m.breach_id AND n.duty_id = m.duty_id
                         WHERE m.breach_id = :breach
                         GROUP BY m.breach_id, m.duty_id
                         ORDER BY m.issued_at, m.duty_id""")
                .param("breach", breachId.value())
                .query(BreachMailingController::mailing)
                .list();
    }

    @ApiResponse(responseCode = "200", description = "The mailing's notices, undelivered first.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE,
            array = @ArraySchema(schema = @Schema(implementation = NoticeView.class), maxItems = RequestNoticeController.MAX_LIMIT)))
    @GetMapping("/api/breaches/{breachId}/mailings/{dutyId}/notices")
    @Operation(operationId = "listBreachNotices", summary = "The notices of one mailing and what became of each",
            description = "Filtered by `status` when given; at most `limit`.")
    List<NoticeView> notices(@PathVariable BreachId breachId, @PathVariable String dutyId,
                             @RequestParam(required = false) @Nullable BreachNoticeStatus status,
                             @RequestParam(defaultValue = "100") @Min(1) @Max(RequestNoticeController.MAX_LIMIT) int limit) {
        return jdbc.sql("""
                        SELECT notice_id, subject_id, status, attempts, failure, language, next_attempt_at, sent_at
                          FROM breach_notice
                         WHERE breach_id = :breach AND duty_id = :duty AND (CAST(:status AS VARCHAR) IS NULL OR status = :status)
                         ORDER BY CASE status WHEN 'UNDELIVERED' THEN 0 ELSE 1 END, created_at, notice_id
                         LIMIT :limit""")
                .param("breach", breachId.value())
                .param("duty", dutyId)
                .param("status", status == null ? null : status.name(), java.sql.Types.VARCHAR)
                .param("limit", limit)
                .query(BreachMailingController::notice)
                .list();
    }

    @ApiResponse(responseCode = "200", description = "The mailing, its undelivered notices due again now.")
    @ApiResponse(responseCode = "404", description = "`mailing-not-found`: the breach has no mailing under this duty.")
    @ApiResponse(responseCode = "409", description = "`mailing-nothing-undelivered`: no notice of the mailing was given up.")
    @PostMapping("/api/breaches/{breachId}/mailings/{dutyId}/retry")
    @Operation(operationId = "retryBreachMailing", summary = "Send a mailing's undelivered notices again",
            description = "Once addresses or the mail server are mended: each undelivered notice gets its attempts anew. A "
                    + "mailing that reached nobody is finished again afterwards, and its duty recorded met if someone is reached now.")
    @Transactional
    MailingView retry(@PathVariable BreachId breachId, @PathVariable String dutyId, Principal principal) {
        int mailings = jdbc.sql("""
                        UPDATE breach_mailing SET status = CASE WHEN status = 'UNREACHED' THEN 'SENDING' ELSE status END,
                               finished_at = CASE WHEN status = 'UNREACHED' THEN NULL ELSE finished_at END
                         WHERE breach_id = :breach AND duty_id = :duty AND status <> 'STALE'""")
                .param("breach", breachId.value())
                .param("duty", dutyId)
                .update();
        if (mailings == 0) {
            throw RefusedException.because("mailing-not-found", Refusal.Kind.NOT_FOUND, "The breach has no mailing under this duty.");
        }
        int notices = jdbc.sql("""
                        UPDATE breach_notice SET status = 'PENDING', attempts = 0, next_attempt_at = now()
                         WHERE breach_id = :breach AND duty_id = :duty AND status = 'UNDELIVERED'""")
                .param("breach", breachId.value())
                .param("duty", dutyId)
                .update();
        if (notices == 0) {
            throw RefusedException.because("mailing-nothing-undelivered", Refusal.Kind.CONFLICT, "No notice of this mailing was given up.");
        }
        log.info("{} sends {} undelivered notices of breach {} duty {} again", principal.getName(), notices, breachId, dutyId);
        return mailings(breachId).stream().filter(mailing -> mailing.dutyId().equals(dutyId)).findFirst().orElseThrow();
    }

    private static MailingView mailing(ResultSet row, int index) throws SQLException {
        return new MailingView(row.getString("duty_id"), DutyKind.valueOf(row.getString("kind")), row.getString("language"),
                MailingStatus.valueOf(row.getString("status")), RequestNoticeController.instant(row.getTimestamp("issued_at")),
                RequestNoticeController.instant(row.getTimestamp("finished_at")), row.getLong("pending"), row.getLong("sent"), row.getLong("undelivered"),
                row.getLong("not_concerned"), new BreachLetter(row.getString("what_happened"),
                row.getString("what_information_was_involved"), row.getString("what_we_are_doing"),
                row.getString("what_you_can_do"), row.getString("for_more_information")));
    }

    private static NoticeView notice(ResultSet row, int index) throws SQLException {
        String failure = row.getString("failure");
        return new NoticeView(row.getObject("notice_id", UUID.class), new SubjectId(row.getObject("subject_id", UUID.class)),
                BreachNoticeStatus.valueOf(row.getString("status")), row.getInt("attempts"),
                failure == null ? null : NoticeFailure.valueOf(failure), row.getString("language"),
                RequestNoticeController.instant(row.getTimestamp("next_attempt_at")), RequestNoticeController.instant(row.getTimestamp("sent_at")));
    }
}
