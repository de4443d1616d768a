package io.lethe.saga.notice;

import io.lethe.core.request.NoticeFailure;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.lang.Nullable;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * One queue of mail owed to subjects ({@code request_notice}, {@code breach_notice}): notices are
 * claimed by one node at a time under a lease and moved through PENDING → MAILED → SENT, or
 * UNDELIVERED. Every statement commits on its own: a claim must outlive the mail it leads to, and
 * every update after the claim names it, so an attempt whose lease ran out (and whose notice another
 * node took) changes nothing.
 */
final class OutboxTable {

    private final JdbcClient jdbc;
    private final String table;
    private final Clock clock;

    OutboxTable(JdbcClient jdbc, String table, Clock clock) {
        this.jdbc = jdbc;
        this.table = table;
        this.clock = clock;
    }

    /**
     * Claims up to {@code limit} notices due now until {@code lease} ends, returning {@code columns}
     * of each: a node that dies mid-attempt leaves its notices to be claimed again when the lease runs out.
     */
    <T> List<T> claimDue(int limit, Duration lease, String columns, RowMapper<T> mapper) {
        Instant now = clock.instant();
        return jdbc.sql("""
                        UPDATE %1$s n
                           SET attempts = CASE WHEN n.status = 'PENDING' THEN n.attempts + 1 ELSE n.attempts END,
                               next_attempt_at = :leaseEnd, claim_id = :claim
                         WHERE n.notice_id IN (SELECT notice_id FROM %1$s
                                                WHERE status IN ('PENDING', 'MAILED') AND next_attempt_at <= :now
                                                ORDER BY next_attempt_at LIMIT :limit FOR UPDATE SKIP LOCKED)
                        RETURNING %2$s""".formatted(table, columns))
                .param("now", utc(now))
                .param("leaseEnd", utc(now.plus(lease)))
                .param("claim", UUID.randomUUID())
                .param("limit", limit)
                .query(mapper)
                .list();
    }

    /** The mail server took the message: it is not sent again, only recorded. */
    void mailed(UUID noticeId, UUID claimId, String language, String messageId, Instant sentAt) {
        jdbc.sql("""
                        UPDATE %s SET status = 'MAILED', language = :language, message_id = :message, sent_at = :sentAt,
                            failure = NULL
                         WHERE notice_id = :id AND claim_id = :claim""".formatted(table))
                .param("id", noticeId)
                .param("claim", claimId)
                .param("language", language)
                .param("message", messageId)
                .param("sentAt", utc(sentAt))
                .update();
    }

    /** The sending is recorded as an event. */
    void recorded(UUID noticeId, UUID claimId) {
        finish(noticeId, claimId, "SENT", null);
    }

    /** This attempt failed; the next one is due after the pause for it. */
    void retryLater(UUID noticeId, UUID claimId, NoticeFailure failure, Instant next) {
        jdbc.sql("UPDATE %s SET failure = :failure, next_attempt_at = :next WHERE notice_id = :id AND claim_id = :claim"
                        .formatted(table))
                .param("id", noticeId)
                .param("claim", claimId)
                .param("failure", failure.name())
                .param("next", utc(next))
                .update();
    }

    /** Given up, and recorded as such. */
    void undelivered(UUID noticeId, UUID claimId, NoticeFailure failure) {
        finish(noticeId, claimId, "UNDELIVERED", failure.name());
    }

    /** Ends the notice in {@code status}: nothing more is attempted. */
    void finish(UUID noticeId, UUID claimId, String status, @Nullable String failure) {
        jdbc.sql("""
                        UPDATE %s SET status = :status, failure = COALESCE(:failure, failure), next_attempt_at = NULL
                         WHERE notice_id = :id AND claim_id = :claim""".formatted(table))
                .param("id", noticeId)
                .param("claim", claimId)
                .param("status", status)
                .param("failure", failure, java.sql.Types.VARCHAR)
                .update();
    }

    @Nullable
    static OffsetDateTime utc(@Nullable Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    @Nullable
    static Instant instant(@Nullable java.sql.Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
