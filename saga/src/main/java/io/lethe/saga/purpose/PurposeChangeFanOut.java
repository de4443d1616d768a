package io.lethe.saga.purpose;

import io.lethe.core.personaldata.RetentionClass;
import io.lethe.core.purpose.PurposeChangeAnnouncedEvent;
import io.lethe.core.purpose.RecordPurposeChangeNoticeCommand;
import io.lethe.core.subject.FindSubjectSummariesQuery;
import io.lethe.core.subject.SubjectSummary;
import io.lethe.core.subject.SubjectSummaryPage;
import io.lethe.saga.SagaCommands;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * When a purpose change is announced, every subject whose profile is still held is owed a
 * notification (policy §3): one command per subject, found by paging the subject summaries. The
 * commands are idempotent, so a redelivery or a replay of this processor changes nothing. The pages
 * are newest registration first, so a registration during the walk shifts later pages back and
 * repeats a subject (harmless) rather than skipping one. A subject registered after the
 * announcement registers under the new purposes and is not owed one.
 */
@Component
@ProcessingGroup(PurposeChangeFanOut.PROCESSING_GROUP)
class PurposeChangeFanOut {

    static final String PROCESSING_GROUP = "purpose-change-fan-out";
    private static final Logger log = LoggerFactory.getLogger(PurposeChangeFanOut.class);
    private static final int PAGE = FindSubjectSummariesQuery.MAX_SIZE;

    private final CommandGateway commandGateway;
    private final QueryGateway queryGateway;

    PurposeChangeFanOut(CommandGateway commandGateway, QueryGateway queryGateway) {
        this.commandGateway = commandGateway;
        this.queryGateway = queryGateway;
    }

    @EventHandler
    void on(PurposeChangeAnnouncedEvent event) {
        long owed = 0;
        for (int page = 0; ; page++) {
            SubjectSummaryPage summaries = queryGateway.query(new FindSubjectSummariesQuery(page, PAGE, null, null),
                    ResponseTypes.instanceOf(SubjectSummaryPage.class)).join();
            for (SubjectSummary summary : summaries.items()) {
                if (!summary.erasedClasses().contains(RetentionClass.PROFILE)) {
                    SagaCommands.send(commandGateway, new RecordPurposeChangeNoticeCommand(summary.subjectId(), event.changeId()));
                    owed++;
                }
            }
            if (summaries.items().size() < PAGE) {
                break;
            }
        }
        log.info("Purpose change {}: {} subjects owed a notification", event.changeId(), owed);
    }
}
