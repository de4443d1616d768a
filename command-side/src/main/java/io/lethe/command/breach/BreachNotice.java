package io.lethe.command.breach;

import io.lethe.command.CachedCommandTargetResolver;
import io.lethe.core.breach.BreachNoticeId;
import io.lethe.core.breach.BreachNoticeSentEvent;
import io.lethe.core.breach.BreachNoticeUndeliveredEvent;
import io.lethe.core.breach.RecordBreachNoticeSentCommand;
import io.lethe.core.breach.RecordBreachNoticeUndeliveredCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The notice of a breach to one affected person: its own short stream, so a mailing to a hundred
 * thousand people neither loads the breach's history a hundred thousand times nor grows it past
 * reading. The delivery may say a notice was sent more than once (it retries after a crash); it is
 * recorded once, and a notice given up and then sent again is recorded both ways, in that order.
 */
@Aggregate(commandTargetResolver = CachedCommandTargetResolver.BEAN_NAME)
class BreachNotice {

    @AggregateIdentifier
    private BreachNoticeId noticeId;
    private boolean sent;

    BreachNotice() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RecordBreachNoticeSentCommand command) {
        if (sent) {
            return;
        }
        apply(new BreachNoticeSentEvent(command.noticeId(),
                command.breachId(), command.dutyId(), command.kind(), command.subjectId(), command.language(),
                command.sentAt(), command.reference()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RecordBreachNoticeUndeliveredCommand command) {
        if (sent) {
            return;
        }
        apply(new BreachNoticeUndeliveredEvent(command.noticeId(),
                command.breachId(), command.dutyId(), command.kind(), command.subjectId(), command.attempts(),
                command.failure()));
    }

    @EventSourcingHandler
    void on(BreachNoticeSentEvent event) {
        noticeId = event.noticeId();
        sent = true;
    }

    @EventSourcingHandler
    void on(BreachNoticeUndeliveredEvent event) {
        noticeId = event.noticeId();
    }
}
