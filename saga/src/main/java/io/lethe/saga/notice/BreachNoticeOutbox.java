package io.lethe.saga.notice;

import io.lethe.core.breach.BreachId;
import io.lethe.core.breach.BreachLetter;
import io.lethe.core.breach.BreachMailingIssuedEvent;
import io.lethe.core.breach.DutyKind;
import io.lethe.core.jurisdiction.Jurisdiction;
import io.lethe.core.subject.SubjectId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.lang.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The breach notices (ADR 0026): the subjects each report names ({@code breach_affected_subject}),
 * each mailing staff issued ({@code breach_mailing}) and one notice per affected subject and mailing
 * ({@code breach_notice}), delivered through its {@link OutboxTable}.
 */
@Component
class BreachNoticeOutbox {

    /** How many subject ids go into one statement. */
    private static final int CHUNK = 5_000;

    /** A mailing as the delivery writes its notices. */
    record Mailing(BreachId breachId, String dutyId, DutyKind kind, String language, BreachLetter letter) {
    }

    /** A breach notice claimed for an attempt. */
    record Claimed(UUID noticeId, UUID claimId, BreachId breachId, String dutyId, SubjectId subjectId, String status,
                   int attempts, @Nullable String language, @Nullable String messageId, @Nullable Instant sentAt)
            implements MailDelivery.Notice {

        @Override
        public boolean mailed() {
            return "MAILED".equals(status);
        }

        @Override
        public String mailKind() {
            return "BREACH";
        }
    }

    /** A mailing whose every notice was attempted: how many reached their subject, and when the last did. */
    record Finished(BreachId breachId, String dutyId, int sent, int undelivered, @Nullable Instant lastSentAt) {
    }

    private final JdbcClient jdbc;
    private final OutboxTable table;
    private final NoticeProperties properties;
    private final TransactionTemplate transactions;
    private final Clock clock;

    @org.springframework.beans.factory.annotation.Autowired
    BreachNoticeOutbox(JdbcClient jdbc, NoticeProperties properties, PlatformTransactionManager transactions) {
        this(jdbc, properties, transactions, Clock.systemUTC());
    }

    BreachNoticeOutbox(JdbcClient jdbc, NoticeProperties properties, PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.table = new OutboxTable(jdbc, "breach_notice", clock);
        this.properties = properties;
        this.transactions = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    OutboxTable table() {
        return table;
    }

    /** Keeps the subjects a report names, for the mailings that may follow. */
    void remember(BreachId breachId, Set<SubjectId> subjects) {
        List<String> ids = subjects.stream().map(SubjectId::toString).toList();
        for (int from = 0; from < ids.size(); from += CHUNK) {
            jdbc.sql("""
                            INSERT INTO breach_affected_subject (breach_id, subject_id)
                            SELECT :breach, CAST(s AS UUID) FROM unnest(CAST(:subjects AS VARCHAR[])) AS s
                            ON CONFLICT DO NOTHING""")
                    .param("breach", breachId.value())
                    .param("subjects", ids.subList(from, Math.min(ids.size(), from + CHUNK)).toArray(String[]::new))
                    .update();
        }
    }

    /**
     * Keeps the mailing and queues a notice for each subject the report named, in one transaction (the
     * delivery never sees a mailing without its notices), once however often the event is read: a
     * mailing already kept and still sending has its notices queued again, which adds none twice. A
     * mailing whose event is older than the stale limit when first read is kept STALE and sends nothing.
     */
    void issue(BreachMailingIssuedEvent event, Instant eventAt) {
        Instant now = clock.instant();
        boolean stale = eventAt.isBefore(now.minus(properties.staleAfter()));
        BreachLetter letter = event.letter();
        transactions.executeWithoutResult(status -> {
            jdbc.sql("""
                            INSERT INTO breach_mailing (breach_id, duty_id, kind, jurisdiction, language, what_happened,
                                what_information_was_involved, what_we_are_doing, what_you_can_do, for_more_information, status, issued_at)
                            VALUES (:breach, :duty, :kind, :jurisdiction, :language, :happened, :information, :doing, :youCanDo,
                                :moreInformation, :status, :issuedAt)
                            ON CONFLICT (breach_id, duty_id) DO NOTHING""")
                    .param("breach", event.breachId().value())
                    .param("duty", event.dutyId())
                    .param("kind", event.kind().name())
                    .param("jurisdiction", event.kind().jurisdiction().name())
                    .param("language", event.language())
                    .param("happened", letter.whatHappened())
                    .param("information", letter.whatInformationWasInvolved())
                    .param("doing", letter.whatWeAreDoing())
                    .param("youCanDo", letter.whatYouCanDo())
                    .param("moreInformation", letter.forMoreInformation())
                    .param("status", stale ? "STALE" : "SENDING")
                    .param("issuedAt", OutboxTable.utc(eventAt))
                    .update();
            jdbc.sql("""
                            INSERT INTO breach_notice (notice_id, breach_id, duty_id, subject_id, status, next_attempt_at)
                            SELECT gen_random_uuid(), a.breach_id, m.duty_id, a.subject_id, 'PENDING', :now
                              FROM breach_affected_subject a
                              JOIN breach_mailing m ON m.breach_id = a.breach_id AND m.duty_id = :duty AND m.status = 'SENDING'
                             WHERE a.breach_id = :breach
                            ON CONFLICT (breach_id, duty_id, subject_id) DO NOTHING""")
                    .param("breach", event.breachId().value())
                    .param("duty", event.dutyId())
                    .param("now", OutboxTable.utc(now))
                    .update();
        });
    }

    /** Claims up to {@code limit} notices due now, for this node, until the lease ends. */
    List<Claimed> claimDue(int limit) {
        return table.claimDue(limit, properties.lease(), """
                notice_id, claim_id, breach_id, duty_id, subject_id, status, attempts, language, message_id, sent_at""",
                BreachNoticeOutbox::claimed);
    }

    /** The mailing a notice belongs to. */
    Optional<Mailing> mailing(BreachId breachId, String dutyId) {
        return jdbc.sql("SELECT * FROM breach_mailing WHERE breach_id = :breach AND duty_id = :duty")
                .param("breach", breachId.value())
                .param("duty", dutyId)
                .query((row, index) -> new Mailing(new BreachId(row.getObject("breach_id", UUID.class)), row.getString("duty_id"),
                        DutyKind.valueOf(row.getString("kind")), row.getString("language"), new BreachLetter(
                        row.getString("what_happened"), row.getString("what_information_was_involved"),
                        row.getString("what_we_are_doing"), row.getString("what_you_can_do"),
                        row.getString("for_more_information"))))
                .optional();
    }

    /** The mailings still sending whose every notice was attempted. */
    List<Finished> finished() {
        return jdbc.sql("""
                        SELECT m.breach_id, m.duty_id,
                               COUNT(n.notice_id) FILTER (WHERE n.status = 'SENT') AS sent,
                               COUNT(n.notice_id) FILTER (WHERE n.status = 'UNDELIVERED') AS undelivered,
                               MAX(n.sent_at) AS last_sent_at
                          FROM breach_mailing m LEFT JOIN breach_notice n ON n.breach_id = m.breach_id AND n.duty_id = m.duty_id
                         WHERE m.status = 'SENDING'
                         GROUP BY m.breach_id, m.duty_id
                        HAVING COUNT(n.notice_id) FILTER (WHERE n.status IN ('PENDING', 'MAILED')) = 0""")
                .query((row, index) -> new Finished(new BreachId(row.getObject("breach_id", UUID.class)), row.getString("duty_id"),
                        row.getInt("sent"), row.getInt("undelivered"), OutboxTable.instant(row.getTimestamp("last_sent_at"))))
                .list();
    }

    /**
     * The mailing is over: DONE (its duty recorded met) or UNREACHED (staff notify by other means) —
     * unless staff sent notices again since it was found finished, which it then waits for.
     */
    void finish(Finished mailing, String status) {
        jdbc.sql("""
                        UPDATE breach_mailing m SET status = :status, finished_at = :now
                         WHERE m.breach_id = :breach AND m.duty_id = :duty AND m.status = 'SENDING'
                           AND NOT EXISTS (SELECT 1 FROM breach_notice n WHERE n.breach_id = m.breach_id
                                            AND n.duty_id = m.duty_id AND n.status IN ('PENDING', 'MAILED'))""")
                .param("breach", mailing.breachId().value())
                .param("duty", mailing.dutyId())
                .param("status", status)
                .param("now", OutboxTable.utc(clock.instant()))
                .update();
    }

    private static Claimed claimed(ResultSet row, int index) throws SQLException {
        return new Claimed(row.getObject("notice_id", UUID.class), row.getObject("claim_id", UUID.class),
                new BreachId(row.getObject("breach_id", UUID.class)), row.getString("duty_id"),
                new SubjectId(row.getObject("subject_id", UUID.class)), row.getString("status"), row.getInt("attempts"),
                row.getString("language"), row.getString("message_id"), OutboxTable.instant(row.getTimestamp("sent_at")));
    }
}
