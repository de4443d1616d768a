package io.lethe.saga.notice;

import io.lethe.core.breach.BreachNoticeId;
import io.lethe.core.breach.RecordBreachNoticeSentCommand;
import io.lethe.core.breach.RecordBreachNoticeUndeliveredCommand;
import io.lethe.core.breach.RecordBreachNotificationCommand;
import io.lethe.core.crypto.PersonalDataSeals;
import io.lethe.core.mail.MailTransport;
import io.lethe.core.refusal.Refusal;
import io.lethe.core.request.NoticeFailure;
import io.lethe.core.subject.SubjectSummary;
import io.lethe.saga.SagaCommands;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sends the breach notices due ({@link MailDelivery}), each on its own stream
 * ({@code BreachNoticeSentEvent}, or undelivered), to the subjects who live under the duty's law;
 * the others are left out as not concerned. When a mailing's every notice was attempted, its duty is
 * recorded met on the breach if at least one person was reached; if nobody was, the mailing is left
 * UNREACHED and the duty open, for staff to notify by other means (GDPR Art. 34(3)(c)'s public
 * communication, California's substitute notice).
 */
class BreachNoticeDelivery extends MailDelivery<BreachNoticeOutbox.Claimed> {

    private static final Logger log = LoggerFactory.getLogger(BreachNoticeDelivery.class);
    /** The refusals that say the duty needs the mailing no more: met or lifted meanwhile, or the breach closed. */
    private static final java.util.Set<String> OVER = java.util.Set.of("breach-duty-not-found", "breach-closed");

    private final BreachNoticeOutbox outbox;
    private final NoticeTemplates templates;
    private final CommandGateway commands;
    private final Map<String, BreachNoticeOutbox.Mailing> mailings = new HashMap<>();

    BreachNoticeDelivery(BreachNoticeOutbox outbox, NoticeTemplates templates, MailTransport transport, PersonalDataSeals seals,
                         QueryGateway queries, CommandGateway commands, NoticeProperties properties, Clock clock) {
        super(outbox.table(), transport, seals, queries, properties, clock);
        this.outbox = outbox;
        this.templates = templates;
        this.commands = commands;
    }

    /** Attempts every notice due, then records the duties of the mailings that are done. */
    int deliverAndFinish() {
        mailings.clear();
        int attempted = deliverDue();
        for (BreachNoticeOutbox.Finished mailing : outbox.finished()) {
            finish(mailing);
        }
        return attempted;
    }

    private void finish(BreachNoticeOutbox.Finished mailing) {
        if (mailing.sent() == 0) {
            log.warn("Breach {} duty {}: nobody was reached ({} undelivered); the duty stays open", mailing.breachId(),
                    mailing.dutyId(), mailing.undelivered());
            outbox.finish(mailing, "UNREACHED");
            return;
        }
        Optional<Refusal> refused = SagaCommands.sendForRefusal(commands, new RecordBreachNotificationCommand(mailing.breachId(),
                mailing.dutyId(), mailing.lastSentAt(), "mailing:sent-" + mailing.sent() + ":undelivered-" + mailing.undelivered()));
        if (refused.isPresent() && !OVER.contains(refused.get().code())) {
            // another node's clock behind this one's, say: tried again at the next poll
            log.warn("Breach {} duty {}: the mailing's notification was refused ({}); tried again", mailing.breachId(),
                    mailing.dutyId(), refused.get().code());
            return;
        }
        // refused as over: the duty was met meanwhile by other means, or lifted by a new assessment
        refused.ifPresent(refusal -> log.info("Breach {} duty {}: the mailing's notification was not recorded ({})",
                mailing.breachId(), mailing.dutyId(), refusal.code()));
        outbox.finish(mailing, "DONE");
    }

    @Override
    protected List<BreachNoticeOutbox.Claimed> claimDue(int limit) {
        return outbox.claimDue(limit);
    }

    @Override
    protected Optional<NoticeTemplates.Written> write(BreachNoticeOutbox.Claimed notice, SubjectSummary subject) {
        BreachNoticeOutbox.Mailing mailing = mailing(notice);
        if (subject.jurisdiction() != mailing.kind().jurisdiction()) {
            return Optional.empty();
        }
        return Optional.of(templates.writeBreach(mailing.language(), subject.jurisdiction(),
                notice.breachId().toString().substring(0, 8), mailing.letter()));
    }

    @Override
    protected void recordSent(BreachNoticeOutbox.Claimed notice, String language, String messageId, Instant sentAt) {
        SagaCommands.send(commands, new RecordBreachNoticeSentCommand(new BreachNoticeId(notice.noticeId()), notice.breachId(),
                notice.dutyId(), mailing(notice).kind(), notice.subjectId(), language, sentAt, messageId));
    }

    @Override
    protected void recordUndelivered(BreachNoticeOutbox.Claimed notice, NoticeFailure failure) {
        SagaCommands.send(commands, new RecordBreachNoticeUndeliveredCommand(new BreachNoticeId(notice.noticeId()),
                notice.breachId(), notice.dutyId(), mailing(notice).kind(), notice.subjectId(), notice.attempts(), failure));
    }

    private BreachNoticeOutbox.Mailing mailing(BreachNoticeOutbox.Claimed notice) {
        return mailings.computeIfAbsent(notice.breachId() + "/" + notice.dutyId(), key -> outbox.mailing(notice.breachId(),
                notice.dutyId()).orElseThrow(() -> new IllegalStateException("A breach notice without its mailing")));
    }
}
