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
import java.util.List;
import java.util.UUID;

/**
 * The queue of request notices ({@code request_notice}): queued once per request and kind, and
 * delivered through its {@link OutboxTable}.
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
                   int attempts, @Nullable String language, @Nullable String messageId, @Nullable Instant sentAt)
            implements MailDelivery.Notice {

        @Override
        public boolean mailed() {
            return "MAILED".equals(status);
        }

        @Override
        public String mailKind() {
            return kind.name();
        }
    }

    private final JdbcClient jdbc;
    private final OutboxTable table;
    private final NoticeProperties properties;
    private final Clock clock;

    @org.springframework.beans.factory.annotation.Autowired
    NoticeOutbox(JdbcClient jdbc, NoticeProperties properties) {
        this(jdbc, properties, Clock.systemUTC());
    }

    NoticeOutbox(JdbcClient jdbc, NoticeProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.table = new OutboxTable(jdbc, "request_notice", clock);
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
                .param("receivedAt", OutboxTable.utc(notice.receivedAt()), java.sql.Types.TIMESTAMP_WITH_TIMEZONE)
                .param("dueOn", notice.dueOn(), java.sql.Types.DATE)
                .param("reason", notice.reason(), java.sql.Types.VARCHAR)
                .param("eventAt", OutboxTable.utc(notice.eventAt()))
                .param("status", stale ? "STALE" : "PENDING")
                .param("next", stale ? null : OutboxTable.utc(now), java.sql.Types.TIMESTAMP_WITH_TIMEZONE)
                .update();
    }

    /** Claims up to {@code limit} notices due now, for this node, until the lease ends. */
    List<Claimed> claimDue(int limit) {
        return table.claimDue(limit, properties.lease(), """
                notice_id, claim_id, request_id, subject_id, kind, request_type, received_at, due_on, reason, status,
                attempts, language, message_id, sent_at""", NoticeOutbox::claimed);
    }

    OutboxTable table() {
        return table;
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
}
