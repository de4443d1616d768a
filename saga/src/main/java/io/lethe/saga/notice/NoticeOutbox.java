package io.lethe.saga.notice;

import io.lethe.core.request.NoticeFailure;
import io.lethe.core.request.NoticeKind;
import io.lethe.core.request.RequestId;
import io.lethe.core.request.RequestType;
import io.lethe.core.subject.SubjectId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.lang.Nullable;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * The queue of request notices ({@code request_notice}): queued once per request and kind, claimed
 * by one node at a time under a lease, and moved through PENDING → MAILED → SENT, or UNDELIVERED.
 * Every statement commits on its own: a claim must outlive the mail it leads to.
 */
@Component
class NoticeOutbox {

    /** What an event queues. */
    record Queued(RequestId requestId, SubjectId subjectId, NoticeKind kind, @Nullable RequestType type,
                  @Nullable Instant receivedAt, @Nullable LocalDate dueOn, @Nullable String reason, Instant eventAt) {
    }

    /** A notice claimed for an attempt ({@code attempts} counts this one). */
    record Claimed(UUID noticeId, UUID claimId, RequestId requestId, SubjectId subjectId, NoticeKind kind, @Nullable String requestType,
                   @Nullable Instant receivedAt, @Nullable LocalDate dueOn, @Nullable String reason, String status,
                   int attempts, @Nullable String language, @Nullable String messageId, @Nullable Instant sentAt) {

        boolean mailed() {
            return "MAILED".equals(status);
        }
    }

    private final JdbcClient jdbc;
    private final NoticeProperties properties;
    private final Clock clock;

    @org.springframework.beans.factory.annotation.Autowired
    NoticeOutbox(JdbcClient jdbc, NoticeProperties properties) {
        this(jdbc, properties, Clock.systemUTC());
    }

    NoticeOutbox(JdbcClient jdbc, NoticeProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Queues the notice unless the request has one of its kind. A notice of an event older than the
     * stale limit is kept as STALE and never sent. An extension's notice takes the request's type and
     * receipt from its receipt notice, where there is one.
     */
    void queue(Queued notice) {
        Instant now = clock.instant();
        boolean stale = notice.eventAt().isBefore(now.minus(properties.staleAfter()));
        jdbc.sql("""
                        INSERT INTO request_notice (notice_id, request_id, subject_id, kind, request_type, received_at, due_on,
                            reason, event_at, status, next_attempt_at)
                        SELECT :id, :request, :subject, :kind,
                            COALESCE(:type, (SELECT r.request_type FROM request_notice r WHERE r.request_id = :request AND r.kind = 'RECEIPT')),
                            COALESCE(:receivedAt, (SELECT r.received_at FROM request_notice r WHERE r.request_id = :request AND r.kind = 'RECEIPT')),
                            :dueOn, :reason, :eventAt, :status, :next
                        ON CONFLICT (request_id, kind) DO NOTHING""")
                .param("id", UUID.randomUUID())
                .param("request", notice.requestId().value())
                .param("subject", notice.subjectId().value())
                .param("kind", notice.kind().name())
                .param("type", notice.type() == null ? null : notice.type().code(), java.sql.Types.VARCHAR)
                .param("receivedAt", utc(notice.receivedAt()), java.sql.Types.TIMESTAMP_WITH_TIMEZONE)
                .param("dueOn", notice.dueOn(), java.sql.Types.DATE)
                .param("reason", notice.reason(), java.sql.Types.VARCHAR)
                .param("eventAt", utc(notice.eventAt()))
                .param("status", stale ? "STALE" : "PENDING")
                .param("next", stale ? null : utc(now), java.sql.Types.TIMESTAMP_WITH_TIMEZONE)
                .update();
    }

    /**
     * Claims up to {@code limit} notices due now, for this node, until the lease ends: a node that dies
     * mid-attempt leaves its notices to be claimed again when the lease runs out.
     */
    List<Claimed> claimDue(int limit) {
        Instant now = clock.instant();
        return jdbc.sql("""
                        UPDATE request_notice n
                           SET attempts = CASE WHEN n.status = 'PENDING' THEN n.attempts + 1 ELSE n.attempts END,
                               next_attempt_at = :leaseEnd, claim_id = :claim
                         WHERE n.notice_id IN (SELECT notice_id FROM request_notice
                                                WHERE status IN ('PENDING', 'MAILED') AND next_attempt_at <= :now
                                                ORDER BY next_attempt_at LIMIT :limit FOR UPDATE SKIP LOCKED)
                        RETURNING n.notice_id, n.claim_id, n.request_id, n.subject_id, n.kind, n.request_type, n.received_at, n.due_on,
                                  n.reason, n.status, n.attempts, n.language, n.message_id, n.sent_at""")
                .param("now", utc(now))
                .param("leaseEnd", utc(now.plus(properties.lease())))
                .param("claim", UUID.randomUUID())
                .param("limit", limit)
                .query(NoticeOutbox::claimed)
                .list();
    }

    /** The mail server took the message: it is not sent again, only recorded. */
    void mailed(Claimed notice, String language, String messageId, Instant sentAt) {
        jdbc.sql("""
                        UPDATE request_notice SET status = 'MAILED', language = :language, message_id = :message, sent_at = :sentAt,
                            failure = NULL
                         WHERE notice_id = :id AND claim_id = :claim""")
                .param("id", notice.noticeId())
                .param("claim", notice.claimId())
                .param("language", language)
                .param("message", messageId)
                .param("sentAt", utc(sentAt))
                .update();
    }

    /** The request's history records the sending. */
    void recorded(Claimed notice) {
        jdbc.sql("UPDATE request_notice SET status = 'SENT', next_attempt_at = NULL WHERE notice_id = :id AND claim_id = :claim")
                .param("id", notice.noticeId())
                .param("claim", notice.claimId())
                .update();
    }

    /** This attempt failed; the next one is due after the pause for it. */
    void retryLater(Claimed notice, NoticeFailure failure, Instant next) {
        jdbc.sql("UPDATE request_notice SET failure = :failure, next_attempt_at = :next WHERE notice_id = :id AND claim_id = :claim")
                .param("id", notice.noticeId())
                .param("claim", notice.claimId())
                .param("failure", failure.name())
                .param("next", utc(next))
                .update();
    }

    /** Given up, and recorded as such on the request. */
    void undelivered(Claimed notice, NoticeFailure failure) {
        jdbc.sql("""
                        UPDATE request_notice SET status = 'UNDELIVERED', failure = :failure, next_attempt_at = NULL
                         WHERE notice_id = :id AND claim_id = :claim""")
                .param("id", notice.noticeId())
                .param("claim", notice.claimId())
                .param("failure", failure.name())
                .update();
    }

    private static Claimed claimed(ResultSet row, int index) throws SQLException {
        Timestamp receivedAt = row.getTimestamp("received_at");
        Timestamp sentAt = row.getTimestamp("sent_at");
        java.sql.Date dueOn = row.getDate("due_on");
        return new Claimed(row.getObject("notice_id", UUID.class), row.getObject("claim_id", UUID.class), new RequestId(row.getObject("request_id", UUID.class)),
                new SubjectId(row.getObject("subject_id", UUID.class)), NoticeKind.valueOf(row.getString("kind")),
                row.getString("request_type"), receivedAt == null ? null : receivedAt.toInstant(),
                dueOn == null ? null : dueOn.toLocalDate(), row.getString("reason"), row.getString("status"),
                row.getInt("attempts"), row.getString("language"), row.getString("message_id"),
                sentAt == null ? null : sentAt.toInstant());
    }

    @Nullable
    private static OffsetDateTime utc(@Nullable Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
