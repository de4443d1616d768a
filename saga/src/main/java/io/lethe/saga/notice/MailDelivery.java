package io.lethe.saga.notice;

import io.lethe.core.crypto.PersonalDataSeals;
import io.lethe.core.mail.MailTransport;
import io.lethe.core.request.NoticeFailure;
import io.lethe.core.subject.FindSubjectSummaryQuery;
import io.lethe.core.subject.SubjectId;
import io.lethe.core.subject.SubjectSummary;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.lang.Nullable;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Sends the notices due in one {@link OutboxTable}: claims them, reads the subject's address from its
 * record (opened in memory only), writes the notice in the subject's language and hands it to the mail
 * transport, then records the sending as an event. A failed attempt is retried after a growing pause
 * and, after the last, recorded as undelivered for staff to follow up. An address that was erased, or
 * was never given, is not waited for.
 *
 * <p>Delivery is at least once: a node that dies after the server took a message and before it noted
 * so sends it again, with the same message id. The mail is never sent twice for a notice noted MAILED:
 * only its event is recorded again, which is taken once.
 *
 * @param <N> a notice as its queue claims it
 */
abstract class MailDelivery<N extends MailDelivery.Notice> {

    /** A claimed notice ({@code attempts} counts this one). */
    interface Notice {
        UUID noticeId();

        UUID claimId();

        SubjectId subjectId();

        int attempts();

        /** The server took it already: only its event is to be recorded. */
        boolean mailed();

        @Nullable
        String language();

        @Nullable
        String messageId();

        @Nullable
        Instant sentAt();

        /** What it is, as the mailbox and the log name it (never anything personal). */
        String mailKind();
    }

    private static final Logger log = LoggerFactory.getLogger(MailDelivery.class);
    /** Notices claimed at once: each attempt may wait on the mail server up to its time-outs, all within one lease. */
    private static final int BATCH = 5;
    /** How long a notice waits for its subject's record before the attempt fails and the lease runs out. */
    private static final java.time.Duration SUMMARY_PATIENCE = java.time.Duration.ofSeconds(30);

    private final OutboxTable table;
    private final MailTransport transport;
    private final PersonalDataSeals seals;
    private final QueryGateway queries;
    private final NoticeProperties properties;
    protected final Clock clock;

    MailDelivery(OutboxTable table, MailTransport transport, PersonalDataSeals seals, QueryGateway queries,
                 NoticeProperties properties, Clock clock) {
        this.table = table;
        this.transport = transport;
        this.seals = seals;
        this.queries = queries;
        this.properties = properties;
        this.clock = clock;
    }

    /** Claims up to {@code limit} notices due now. */
    protected abstract List<N> claimDue(int limit);

    /**
     * The notice written for {@code subject} in its language; empty when the subject is not one it is
     * owed to (a breach's notice under another law than the subject's).
     */
    protected abstract Optional<NoticeTemplates.Written> write(N notice, SubjectSummary subject);

    /** Records the sending as an event. */
    protected abstract void recordSent(N notice, String language, String messageId, Instant sentAt);

    /** Records that the notice was given up. */
    protected abstract void recordUndelivered(N notice, NoticeFailure failure);

    /** Attempts every notice due now; returns how many were attempted. */
    int deliverDue() {
        int attempted = 0;
        List<N> batch;
        do {
            batch = claimDue(BATCH);
            for (N notice : batch) {
                try {
                    attempt(notice);
                } catch (RuntimeException failed) {
                    // the database, the buses, a template: the lease runs out and the notice is claimed again,
                    // until its attempts are spent; then staff are told (when the database lets it be recorded)
                    log.warn("Notice {} ({}), attempt {}, failed: {}", notice.noticeId(), notice.mailKind(), notice.attempts(),
                            failed.getClass().getSimpleName());
                    giveUpAfterLastAttempt(notice);
                }
            }
            attempted += batch.size();
        } while (batch.size() == BATCH);
        return attempted;
    }

    private void attempt(N notice) {
        if (notice.mailed()) {
            record(notice, notice.language(), notice.messageId(), notice.sentAt());
            return;
        }
        if (notice.attempts() > properties.maxAttempts()) {
            // its last attempt failed and was being given up when its node died: given up now, not mailed again
            failed(notice, NoticeFailure.PLATFORM_ERROR, true);
            return;
        }
        Optional<SubjectSummary> subject = new FindSubjectSummaryQuery(notice.subjectId()).askOf(queries, SUMMARY_PATIENCE);
        if (subject.isEmpty()) {
            // the subject's record may not have caught up with its registration yet
            failed(notice, NoticeFailure.NO_ADDRESS, false);
            return;
        }
        Optional<NoticeTemplates.Written> written = write(notice, subject.get());
        if (written.isEmpty()) {
            table.finish(notice.noticeId(), notice.claimId(), "NOT_CONCERNED", null);
            return;
        }
        Recipient recipient = Recipient.of(seals, subject.get());
        if (!recipient.writable()) {
            failed(notice, recipient.missing(), true);
            return;
        }
        String language = written.get().language();
        String messageId = properties.messageId(notice.noticeId());
        try {
            transport.send(new MailTransport.Outgoing(messageId, notice.subjectId(), notice.mailKind(), language,
                    recipient.address(), written.get().title(), written.get().body()));
        } catch (MailTransport.NotDelivered notDelivered) {
            log.info("Notice {} ({}), attempt {}: {}", notice.noticeId(), notice.mailKind(), notice.attempts(),
                    notDelivered.failure());
            failed(notice, notDelivered.failure(), false);
            return;
        }
        Instant sentAt = clock.instant();
        table.mailed(notice.noticeId(), notice.claimId(), language, messageId, sentAt);
        record(notice, language, messageId, sentAt);
    }

    private void record(N notice, String language, String messageId, Instant sentAt) {
        recordSent(notice, language, messageId, sentAt);
        table.recorded(notice.noticeId(), notice.claimId());
    }

    /** A failure that waiting cannot mend, or the last attempt's, gives the notice up; others are retried. */
    private void failed(N notice, NoticeFailure failure, boolean final_) {
        if (final_ || notice.attempts() >= properties.maxAttempts()) {
            recordUndelivered(notice, failure);
            table.undelivered(notice.noticeId(), notice.claimId(), failure);
        } else {
            table.retryLater(notice.noticeId(), notice.claimId(), failure,
                    clock.instant().plus(properties.pauseAfter(notice.attempts())));
        }
    }

    private void giveUpAfterLastAttempt(N notice) {
        if (notice.mailed() || notice.attempts() < properties.maxAttempts()) {
            return;
        }
        try {
            failed(notice, NoticeFailure.PLATFORM_ERROR, true);
        } catch (RuntimeException stillFailing) {
            log.warn("Notice {} could not be given up yet: {}", notice.noticeId(), stillFailing.getClass().getSimpleName());
        }
    }
}
