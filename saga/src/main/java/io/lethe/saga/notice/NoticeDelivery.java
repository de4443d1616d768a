package io.lethe.saga.notice;

import io.lethe.core.crypto.PersonalDataSeals;
import io.lethe.core.mail.MailTransport;
import io.lethe.core.request.NoticeFailure;
import io.lethe.core.request.RecordNoticeSentCommand;
import io.lethe.core.request.RecordNoticeUndeliveredCommand;
import io.lethe.core.subject.FindSubjectSummaryQuery;
import io.lethe.core.subject.SubjectSummary;
import io.lethe.saga.SagaCommands;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Sends the notices due: claims them, reads the subject's address from its record (opened in memory
 * only), writes the notice in the subject's language and hands it to the mail transport, then records
 * the sending on the request. A failed attempt is retried after a growing pause and, after the last,
 * recorded as undelivered for staff to follow up. An address that was erased, or was never given, is
 * not waited for.
 *
 * <p>Delivery is at least once: a node that dies after the server took a message and before it noted
 * so sends it again, with the same message id. The mail is never sent twice for a notice noted MAILED:
 * only its event is recorded again, which the request takes once.
 */
class NoticeDelivery {

    private static final Logger log = LoggerFactory.getLogger(NoticeDelivery.class);
    /** Notices claimed at once: each attempt may wait on the mail server up to its time-outs, all within one lease. */
    private static final int BATCH = 5;

    private final NoticeOutbox outbox;
    private final NoticeTemplates templates;
    private final MailTransport transport;
    private final PersonalDataSeals seals;
    private final QueryGateway queries;
    private final CommandGateway commands;
    private final NoticeProperties properties;
    private final Clock clock;

    NoticeDelivery(NoticeOutbox outbox, NoticeTemplates templates, MailTransport transport, PersonalDataSeals seals,
                   QueryGateway queries, CommandGateway commands, NoticeProperties properties, Clock clock) {
        this.outbox = outbox;
        this.templates = templates;
        this.transport = transport;
        this.seals = seals;
        this.queries = queries;
        this.commands = commands;
        this.properties = properties;
        this.clock = clock;
    }

    /** Attempts every notice due now; returns how many were attempted. */
    int deliverDue() {
        int attempted = 0;
        List<NoticeOutbox.Claimed> batch;
        do {
            batch = outbox.claimDue(BATCH);
            for (NoticeOutbox.Claimed notice : batch) {
                try {
                    attempt(notice);
                } catch (RuntimeException failed) {
                    // the database, the buses, a template: the lease runs out and the notice is claimed again,
                    // until its attempts are spent; then staff are told (when the database lets it be recorded)
                    log.warn("Notice {} ({}), attempt {}, failed: {}", notice.noticeId(), notice.kind(), notice.attempts(),
                            failed.getClass().getSimpleName());
                    giveUpAfterLastAttempt(notice);
                }
            }
            attempted += batch.size();
        } while (batch.size() == BATCH);
        return attempted;
    }

    private void attempt(NoticeOutbox.Claimed notice) {
        if (notice.mailed()) {
            record(notice, notice.language(), notice.messageId(), notice.sentAt());
            return;
        }
        Optional<SubjectSummary> subject = summary(notice);
        if (subject.isEmpty()) {
            // the subject's record may not have caught up with its registration yet
            failed(notice, NoticeFailure.NO_ADDRESS, false);
            return;
        }
        Recipient recipient = Recipient.of(seals, subject.get());
        if (!recipient.writable()) {
            failed(notice, recipient.missing(), true);
            return;
        }
        String language = NoticeTemplates.languageOf(subject.get().jurisdiction());
        NoticeTemplates.Written written = templates.write(notice.kind(), language, new NoticeTemplates.Facts(
                notice.requestId().toString(), subject.get().jurisdiction(), notice.requestType(), notice.receivedAt(),
                notice.dueOn(), notice.reason()));
        String messageId = properties.messageId(notice.noticeId());
        try {
            transport.send(new MailTransport.Outgoing(messageId, notice.subjectId(), notice.kind().name(), language, recipient.address(),
                    written.title(), written.body()));
        } catch (MailTransport.NotDelivered notDelivered) {
            log.info("Notice {} ({}), attempt {}: {}", notice.noticeId(), notice.kind(), notice.attempts(),
                    notDelivered.failure());
            failed(notice, notDelivered.failure(), false);
            return;
        }
        Instant sentAt = clock.instant();
        outbox.mailed(notice, language, messageId, sentAt);
        record(notice, language, messageId, sentAt);
    }

    private void record(NoticeOutbox.Claimed notice, String language, String messageId, Instant sentAt) {
        SagaCommands.send(commands, new RecordNoticeSentCommand(notice.subjectId(), notice.requestId(), notice.kind(),
                language, sentAt, messageId));
        outbox.recorded(notice);
    }

    /** A failure that waiting cannot mend, or the last attempt's, gives the notice up; others are retried. */
    private void failed(NoticeOutbox.Claimed notice, NoticeFailure failure, boolean final_) {
        if (final_ || notice.attempts() >= properties.maxAttempts()) {
            SagaCommands.send(commands, new RecordNoticeUndeliveredCommand(notice.subjectId(), notice.requestId(),
                    notice.kind(), notice.attempts(), failure));
            outbox.undelivered(notice, failure);
        } else {
            outbox.retryLater(notice, failure, clock.instant().plus(properties.pauseAfter(notice.attempts())));
        }
    }

    private void giveUpAfterLastAttempt(NoticeOutbox.Claimed notice) {
        if (notice.mailed() || notice.attempts() < properties.maxAttempts()) {
            return;
        }
        try {
            failed(notice, NoticeFailure.PLATFORM_ERROR, true);
        } catch (RuntimeException stillFailing) {
            log.warn("Notice {} could not be given up yet: {}", notice.noticeId(), stillFailing.getClass().getSimpleName());
        }
    }

    private Optional<SubjectSummary> summary(NoticeOutbox.Claimed notice) {
        try {
            return queries.query(new FindSubjectSummaryQuery(notice.subjectId()),
                    ResponseTypes.optionalInstanceOf(SubjectSummary.class)).get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException failed) {
            throw new IllegalStateException("The subject's record could not be read", failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", interrupted);
        }
    }
}
