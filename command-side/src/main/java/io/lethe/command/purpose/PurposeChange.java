package io.lethe.command.purpose;

import io.lethe.command.CachedCommandTargetResolver;
import io.lethe.core.purpose.AnnouncePurposeChangeCommand;
import io.lethe.core.purpose.PurposeChangeAnnouncedEvent;
import io.lethe.core.subject.SubjectRefusals;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** One announced change of the purposes of use (policy §3); each affected subject's notice is tracked on the subject. */
@Aggregate(commandTargetResolver = CachedCommandTargetResolver.BEAN_NAME)
class PurposeChange {

    @AggregateIdentifier
    private String changeId;

    PurposeChange() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(AnnouncePurposeChangeCommand command) {
        if (changeId != null) {
            throw SubjectRefusals.purposeChangeExists();
        }
        apply(new PurposeChangeAnnouncedEvent(command.changeId(), command.purposes(), command.categories(),
                command.effectiveOn(), command.noticeReference()));
    }

    @EventSourcingHandler
    void on(PurposeChangeAnnouncedEvent event) {
        changeId = event.changeId();
    }
}
