package io.lethe.saga.notice;

import io.lethe.core.crypto.PersonalDataSeals;
import io.lethe.core.mail.MailTransport;
import io.lethe.core.request.NoticeFailure;
import io.lethe.core.request.RecordNoticeSentCommand;
import io.lethe.core.request.RecordNoticeUndeliveredCommand;
import io.lethe.core.subject.SubjectSummary;
import io.lethe.saga.SagaCommands;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Sends the request notices due ({@link MailDelivery}): each in its subject's language, recorded on
 * the request ({@code RequestNoticeSentEvent}, or undelivered).
 */
class NoticeDelivery extends MailDelivery<NoticeOutbox.Claimed> {

    private final NoticeOutbox outbox;
    private final NoticeTemplates templates;
    private final CommandGateway commands;

    NoticeDelivery(NoticeOutbox outbox, NoticeTemplates templates, MailTransport transport, PersonalDataSeals seals,
                   QueryGateway queries, CommandGateway commands, NoticeProperties properties, Clock clock) {
        super(outbox.table(), transport, seals, queries, properties, clock);
        this.outbox = outbox;
        this.templates = templates;
        this.commands = commands;
    }

    @Override
    protected List<NoticeOutbox.Claimed> claimDue(int limit) {
        return outbox.claimDue(limit);
    }

    @Override
    protected Optional<NoticeTemplates.Written> write(NoticeOutbox.Claimed notice, SubjectSummary subject) {
        return Optional.of(templates.write(notice.kind(), subject.jurisdiction().language(), new NoticeTemplates.Facts(
                notice.requestId().toString(), subject.jurisdiction(), notice.requestType(), notice.receivedAt(),
                notice.dueOn(), notice.reason())));
    }

    @Override
    protected void recordSent(NoticeOutbox.Claimed notice, String language, String messageId, Instant sentAt) {
        SagaCommands.send(commands, new RecordNoticeSentCommand(notice.subjectId(), notice.requestId(), notice.kind(),
                language, sentAt, messageId));
    }

    @Override
    protected void recordUndelivered(NoticeOutbox.Claimed notice, NoticeFailure failure) {
        SagaCommands.send(commands, new RecordNoticeUndeliveredCommand(notice.subjectId(), notice.requestId(),
                notice.kind(), notice.attempts(), failure));
    }
}
