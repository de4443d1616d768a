package io.lethe.command.purpose;

import io.lethe.command.CachedCommandTargetResolver;
import io.lethe.core.purpose.AnnouncePurposeChangeCommand;
import io.lethe.core.purpose.PurposeChangeAnnouncedEvent;
import io.lethe.core.purpose.PurposeChangeNoticePageRecordedEvent;
import io.lethe.core.purpose.PurposeChangeRefusals;
import io.lethe.core.purpose.RecordPurposeChangeNoticePageCommand;
import io.lethe.core.subject.SubjectRefusals;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One announced change of the purposes of use (policy §3); each affected subject's notice is tracked on
 * the subject. The change keeps how far the search for affected subjects has come, page by page, so a
 * page is counted once however often it is walked, and a walk started again after the last page stops
 * at once (ADR 0018).
 */
@Aggregate(commandTargetResolver = CachedCommandTargetResolver.BEAN_NAME)
class PurposeChange {

    @AggregateIdentifier
    private String changeId;
    private int pagesRecorded;
    private boolean noticesComplete;

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

    @CommandHandler
    void handle(RecordPurposeChangeNoticePageCommand command) {
        if (noticesComplete) {
            throw PurposeChangeRefusals.noticesComplete();
        }
        if (command.page() <= pagesRecorded) {
            throw PurposeChangeRefusals.pageRecorded();
        }
        if (command.page() != pagesRecorded + 1) {
            throw PurposeChangeRefusals.pageOutOfOrder();
        }
        apply(new PurposeChangeNoticePageRecordedEvent(changeId, command.page(), command.subjectsOwed(), command.last()));
    }

    @EventSourcingHandler
    void on(PurposeChangeAnnouncedEvent event) {
        changeId = event.changeId();
    }

    @EventSourcingHandler
    void on(PurposeChangeNoticePageRecordedEvent event) {
        pagesRecorded = event.page();
        noticesComplete = event.last();
    }
}
