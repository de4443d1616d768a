package io.lethe.saga.purpose;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.lethe.core.purpose.PurposeChangeAnnouncedEvent;
import io.lethe.core.purpose.PurposeChangeNoticePageRecordedEvent;
import io.lethe.core.purpose.PurposeChangeRefusals;
import io.lethe.core.purpose.RecordPurposeChangeNoticeCommand;
import io.lethe.core.purpose.RecordPurposeChangeNoticePageCommand;
import io.lethe.core.refusal.Refusal;
import io.lethe.core.subject.FindHeldSubjectsQuery;
import io.lethe.core.subject.HeldSubject;
import io.lethe.core.subject.HeldSubjectsPage;
import io.lethe.core.subject.SubjectId;
import io.lethe.saga.SagaCommands;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.spring.stereotype.Saga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Hands out the notices one purpose change owes (policy §3): every subject registered by the
 * announcement whose profile is still held is sent {@link RecordPurposeChangeNoticeCommand}, one page
 * of subjects at a time (ADR 0018).
 *
 * <p>Each page is one handling of one event — the announcement for the first, the previous page's
 * {@link PurposeChangeNoticePageRecordedEvent} for every later one — so each page is one unit of work
 * and one transaction (ADR 0012): the page's notices, this saga's cursor and the page recorded on the
 * change commit together, and the subjects of a page are held no longer than their page. A crash
 * resumes at the page after the last recorded one; a page walked again (where the notices committed
 * apart from the cursor, as with Axon Server) only repeats idempotent commands, and the change refuses
 * to record it twice.
 *
 * <p>Never on replay: a saga's processor cannot be reset, and one with no token starts at the head
 * of the events. Should the announcement reach a new saga all the same, the change refuses its pages
 * once the last was recorded, and the saga ends after its first.
 */
@Saga
@ProcessingGroup(PurposeChangeNoticesSaga.PROCESSING_GROUP)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE, isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class PurposeChangeNoticesSaga {

    /** The fan-out handler's group before this saga: its token carries on, so no announcement is missed or repeated. */
    static final String PROCESSING_GROUP = "purpose-change-fan-out";
    static final String SUMMARIES_AWAITED = "purpose-change-summaries-awaited";

    private static final Logger log = LoggerFactory.getLogger(PurposeChangeNoticesSaga.class);

    private String changeId;
    /** Subjects registered after this instant registered under the new purposes and are owed nothing. */
    private Instant registeredBy;
    /** The announcement's position in the event stream: the summaries must have seen it. */
    private Long position;
    private int pagesDone;
    private long subjectsOwed;
    /** The last subject of the last page walked, which the next page starts after. */
    private Instant afterRegisteredAt;
    private SubjectId afterSubjectId;

    @Autowired
    private transient CommandGateway commandGateway;
    @Autowired
    private transient QueryGateway queryGateway;
    @Autowired
    private transient DeadlineManager deadlineManager;
    @Autowired
    private transient PurposeChangeProperties properties;
    @Autowired
    private transient MeterRegistry meters;

    @StartSaga
    @SagaEventHandler(associationProperty = "changeId")
    void on(PurposeChangeAnnouncedEvent event, EventMessage<?> message) {
        if (changeId != null) {
            return; // handed again to the saga already walking it
        }
        changeId = event.changeId();
        registeredBy = message.getTimestamp();
        position = message instanceof TrackedEventMessage<?> tracked && tracked.trackingToken() != null
                && tracked.trackingToken().position().isPresent() ? tracked.trackingToken().position().getAsLong() : null;
        nextPage();
    }

    @SagaEventHandler(associationProperty = "changeId")
    void on(PurposeChangeNoticePageRecordedEvent event) {
        if (event.last()) {
            log.info("Purpose change {}: {} subjects owed a notice in {} pages", changeId, subjectsOwed, pagesDone);
            SagaLifecycle.end();
        } else if (event.page() == pagesDone) {
            nextPage();
        }
    }

    @DeadlineHandler(deadlineName = SUMMARIES_AWAITED)
    void on(NoticePageDue due) {
        if (due.page() == pagesDone + 1) {
            nextPage();
        }
    }

    private void nextPage() {
        int page = pagesDone + 1;
        int size = properties.pageSize();
        HeldSubjectsPage held = queryGateway.query(
                new FindHeldSubjectsQuery(registeredBy, position, afterRegisteredAt, afterSubjectId, size),
                ResponseTypes.instanceOf(HeldSubjectsPage.class)).join();
        if (!held.current()) {
            log.info("Purpose change {}: page {} waits for the subject summaries to reach the announcement", changeId, page);
            deadlineManager.schedule(properties.summariesAwaited(), SUMMARIES_AWAITED, new NoticePageDue(page));
            return;
        }
        List<HeldSubject> subjects = held.subjects();
        for (HeldSubject subject : subjects) {
            SagaCommands.send(commandGateway, new RecordPurposeChangeNoticeCommand(subject.subjectId(), changeId));
        }
        boolean last = subjects.size() < size;
        if (!subjects.isEmpty()) {
            HeldSubject tail = subjects.get(subjects.size() - 1);
            afterRegisteredAt = tail.registeredAt();
            afterSubjectId = tail.subjectId();
        }
        pagesDone = page;
        subjectsOwed += subjects.size();
        Optional<Refusal> refusal = SagaCommands.sendForRefusal(commandGateway,
                new RecordPurposeChangeNoticePageCommand(changeId, page, subjects.size(), last));
        log.info("Purpose change {}: page {} owed {} subjects a notice ({} so far{})", changeId, page, subjects.size(),
                subjectsOwed, last ? ", the last page" : "");
        Counter.builder("lethe.purpose-change.notice-pages")
                .description("Pages of subjects walked for purpose-change notices").register(meters).increment();
        Counter.builder("lethe.purpose-change.notices-owed")
                .description("Subjects sent a purpose-change notice to owe, page by page").register(meters)
                .increment(subjects.size());
        if (refusal.map(Refusal::code).filter(PurposeChangeRefusals.NOTICES_COMPLETE::equals).isPresent()) {
            log.info("Purpose change {}: its notices were all owed before; this walk stops", changeId);
            SagaLifecycle.end();
        } else if (refusal.isPresent()) {
            // the change counts its pages apart from this walk (recorded already, or out of order): no event
            // will follow this page, so the walk goes on by itself — its notices are owed once whatever
            // walks them — and stops after its last page
            log.warn("Purpose change {}: page {} was not recorded ({}); the walk goes on without it", changeId, page,
                    refusal.get().code());
            if (last) {
                SagaLifecycle.end();
            } else {
                // the next page in a transaction of its own, as every page
                deadlineManager.schedule(java.time.Duration.ZERO, SUMMARIES_AWAITED, new NoticePageDue(pagesDone + 1));
            }
        }
    }
}
