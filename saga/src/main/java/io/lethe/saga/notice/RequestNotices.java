package io.lethe.saga.notice;

import io.lethe.core.request.NoticeKind;
import io.lethe.core.request.PrivacyRequestSubmittedEvent;
import io.lethe.core.request.RequestChannel;
import io.lethe.core.request.RequestDeadlineExtendedEvent;
import io.lethe.core.request.RequestDeniedEvent;
import io.lethe.core.request.RequestType;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Set;

/**
 * Queues the notices a request's events owe its requester. Each request has at most one notice of a
 * kind, so a redelivered or replayed event queues nothing twice; the delivery sends them.
 *
 * <p>No receipt is owed for an opt-out or a limit (done when received, CCPA Regs §7026 asks none), nor
 * for a browser's Global Privacy Control signal, which nobody typed.
 */
@Component
@ProcessingGroup(RequestNotices.PROCESSING_GROUP)
@org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty(name = "lethe.notices.enabled", matchIfMissing = true)
class RequestNotices {

    static final String PROCESSING_GROUP = "request-notices";
    private static final Set<RequestType.Kind> DONE_ON_RECEIPT = Set.of(RequestType.Kind.OPT_OUT, RequestType.Kind.LIMIT);

    private final NoticeOutbox outbox;

    RequestNotices(NoticeOutbox outbox) {
        this.outbox = outbox;
    }

    @EventHandler
    void on(PrivacyRequestSubmittedEvent event, @Timestamp Instant at) {
        if (event.channel() == RequestChannel.GLOBAL_PRIVACY_CONTROL || DONE_ON_RECEIPT.contains(event.type().kind())) {
            return;
        }
        outbox.queue(new NoticeOutbox.Queued(event.requestId(), event.subjectId(), NoticeKind.RECEIPT, event.type(),
                event.receivedAt(), event.dueOn(), null, at));
    }

    @EventHandler
    void on(RequestDeadlineExtendedEvent event, @Timestamp Instant at) {
        outbox.queue(new NoticeOutbox.Queued(event.requestId(), event.subjectId(), NoticeKind.EXTENSION, null, null,
                event.dueOn(), event.reason().name(), at));
    }

    @EventHandler
    void on(RequestDeniedEvent event, @Timestamp Instant at) {
        outbox.queue(new NoticeOutbox.Queued(event.requestId(), event.subjectId(), NoticeKind.DENIAL, event.type(), null,
                null, event.reason().name(), at));
    }
}
