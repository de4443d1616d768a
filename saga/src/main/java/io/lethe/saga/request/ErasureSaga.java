package io.lethe.saga.request;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.lethe.core.request.CompleteErasureCommand;
import io.lethe.core.request.DeletionRequestedAtProcessorEvent;
import io.lethe.core.request.EscalateProcessorDeletionCommand;
import io.lethe.core.request.IdentityVerifiedEvent;
import io.lethe.core.request.PrivacyRequestSubmittedEvent;
import io.lethe.core.request.ProcessorDeletionConfirmedEvent;
import io.lethe.core.request.RequestDeletionAtProcessorsCommand;
import io.lethe.core.request.RequestDeniedEvent;
import io.lethe.core.request.RequestFulfilledEvent;
import io.lethe.core.request.RequestId;
import io.lethe.core.request.RequestType;
import io.lethe.core.subject.SubjectId;
import io.lethe.saga.SagaCommands;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * One erasure request (GDPR erasure, CCPA and PDPA deletion, APPI cessation of use or deletion),
 * from verified identity to certificate: every configured downstream processor is directed to
 * delete and must confirm by its timeout, or the request escalates and stays unfulfilled; once all
 * have confirmed, the subject's keys are shredded (held classes kept and reported) and the request
 * is fulfilled with its certificate, in one transaction on the subject. Every step tolerates its
 * message arriving twice. The saga ends when the request is fulfilled or denied.
 */
@Saga
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE, isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class ErasureSaga {

    static final String CONFIRMATION_DUE = "processor-confirmation-due";

    private SubjectId subjectId;
    private RequestId requestId;
    private boolean started;
    private final Map<String, String> pendingDeadlines = new LinkedHashMap<>();
    private final Set<String> asked = new LinkedHashSet<>();
    private final Set<String> confirmed = new LinkedHashSet<>();

    @Autowired
    private transient CommandGateway commandGateway;
    @Autowired
    private transient DeadlineManager deadlineManager;
    @Autowired
    private transient RequestProcessProperties properties;

    /** Every request passes here; only erasure requests keep the saga alive. */
    @StartSaga
    @SagaEventHandler(associationProperty = "requestId")
    void on(PrivacyRequestSubmittedEvent event) {
        if (event.type().kind() != RequestType.Kind.ERASURE) {
            SagaLifecycle.end();
            return;
        }
        subjectId = event.subjectId();
        requestId = event.requestId();
    }

    @SagaEventHandler(associationProperty = "requestId")
    void on(IdentityVerifiedEvent event, @Timestamp Instant at) {
        if (started) {
            return;
        }
        started = true;
        if (properties.processors().isEmpty()) {
            complete();
            return;
        }
        Map<String, Instant> confirmBy = new LinkedHashMap<>();
        properties.processors().forEach((processor, timeout) -> confirmBy.put(processor, at.plus(timeout)));
        SagaCommands.send(commandGateway, new RequestDeletionAtProcessorsCommand(subjectId, requestId, confirmBy));
    }

    /** The clock for a processor starts when the request to it is recorded. */
    @SagaEventHandler(associationProperty = "requestId")
    void on(DeletionRequestedAtProcessorEvent event) {
        if (asked.add(event.processor())) {
            pendingDeadlines.put(event.processor(), deadlineManager.schedule(event.confirmBy(), CONFIRMATION_DUE,
                    new ProcessorConfirmationDue(event.processor())));
        }
    }

    @SagaEventHandler(associationProperty = "requestId")
    void on(ProcessorDeletionConfirmedEvent event) {
        if (!confirmed.add(event.processor())) {
            return;
        }
        String deadline = pendingDeadlines.remove(event.processor());
        if (deadline != null) {
            deadlineManager.cancelSchedule(CONFIRMATION_DUE, deadline);
        }
        if (confirmed.containsAll(asked)) {
            complete();
        }
    }

    @DeadlineHandler(deadlineName = CONFIRMATION_DUE)
    void on(ProcessorConfirmationDue due) {
        if (!confirmed.contains(due.processor())) {
            SagaCommands.send(commandGateway, new EscalateProcessorDeletionCommand(subjectId, requestId, due.processor()));
        }
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "requestId")
    void on(RequestFulfilledEvent event) {
        deadlineManager.cancelAllWithinScope(CONFIRMATION_DUE);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "requestId")
    void on(RequestDeniedEvent event) {
        deadlineManager.cancelAllWithinScope(CONFIRMATION_DUE);
    }

    private void complete() {
        SagaCommands.send(commandGateway, new CompleteErasureCommand(subjectId, requestId));
    }
}
