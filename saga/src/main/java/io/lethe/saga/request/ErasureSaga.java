package io.lethe.saga.request;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.lethe.core.request.CompleteErasureCommand;
import io.lethe.core.request.CorrectionRequestedAtProcessorEvent;
import io.lethe.core.request.ProcessorCorrectionConfirmedEvent;
import io.lethe.core.subject.ProfileUpdatedEvent;
import io.lethe.core.request.DeletionRequestedAtProcessorEvent;
import io.lethe.core.request.EscalateProcessorCommand;
import io.lethe.core.request.IdentityVerifiedEvent;
import io.lethe.core.request.PrivacyRequestSubmittedEvent;
import io.lethe.core.request.ProcessorDeletionConfirmedEvent;
import io.lethe.core.request.DirectProcessorsCommand;
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
 * One erasure or correction request and the downstream processors that must follow it (policy §16:
 * "direct our service providers to delete / to correct"). Every configured processor is directed,
 * and must confirm by its timeout or the request escalates.
 *
 * <ul>
 *   <li>An <b>erasure</b> is directed once identity is verified; once all processors have confirmed,
 *       the subject's keys are shredded (held classes kept and reported) and the request is fulfilled
 *       with its certificate, in one transaction on the subject.</li>
 *   <li>A <b>correction</b> is fulfilled when staff record the corrected values; the processors are
 *       directed then, told which fields changed, and followed until each has confirmed.</li>
 * </ul>
 *
 * Every step tolerates its message arriving twice. (The class keeps the name it was stored under.)
 */
@Saga
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE, isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class ErasureSaga {

    static final String CONFIRMATION_DUE = "processor-confirmation-due";

    private SubjectId subjectId;
    private RequestId requestId;
    private boolean started;
    /** A correction rather than an erasure (absent, false, in sagas stored before corrections were followed). */
    private boolean correction;
    private final Map<String, String> pendingDeadlines = new LinkedHashMap<>();
    private final Set<String> asked = new LinkedHashSet<>();
    private final Set<String> confirmed = new LinkedHashSet<>();

    @Autowired
    private transient CommandGateway commandGateway;
    @Autowired
    private transient DeadlineManager deadlineManager;
    @Autowired
    private transient RequestProcessProperties properties;

    /** Every request passes here; only erasures and corrections keep the saga alive. */
    @StartSaga
    @SagaEventHandler(associationProperty = "requestId")
    void on(PrivacyRequestSubmittedEvent event) {
        RequestType.Kind kind = event.type().kind();
        if (kind != RequestType.Kind.ERASURE && kind != RequestType.Kind.CORRECTION) {
            SagaLifecycle.end();
            return;
        }
        subjectId = event.subjectId();
        requestId = event.requestId();
        correction = kind == RequestType.Kind.CORRECTION;
    }

    @SagaEventHandler(associationProperty = "requestId")
    void on(IdentityVerifiedEvent event, @Timestamp Instant at) {
        if (!correction) {
            direct(at);
        }
    }

    /** The correction's values were changed: now the processors are told to follow. */
    @SagaEventHandler(associationProperty = "correctionRequestId", keyName = "requestId")
    void on(ProfileUpdatedEvent event, @Timestamp Instant at) {
        if (correction) {
            direct(at);
        }
    }

    private void direct(Instant at) {
        if (started) {
            return;
        }
        started = true;
        if (properties.processors().isEmpty()) {
            if (correction) {
                SagaLifecycle.end();
            } else {
                complete();
            }
            return;
        }
        Map<String, Instant> confirmBy = new LinkedHashMap<>();
        properties.processors().forEach((processor, timeout) -> confirmBy.put(processor, at.plus(timeout)));
        SagaCommands.send(commandGateway, new DirectProcessorsCommand(subjectId, requestId, confirmBy));
    }

    /** The clock for a processor starts when the direction to it is recorded. */
    @SagaEventHandler(associationProperty = "requestId")
    void on(DeletionRequestedAtProcessorEvent event) {
        asked(event.processor(), event.confirmBy());
    }

    @SagaEventHandler(associationProperty = "requestId")
    void on(CorrectionRequestedAtProcessorEvent event) {
        asked(event.processor(), event.confirmBy());
    }

    private void asked(String processor, Instant confirmBy) {
        if (asked.add(processor)) {
            pendingDeadlines.put(processor, deadlineManager.schedule(confirmBy, CONFIRMATION_DUE,
                    new ProcessorConfirmationDue(processor)));
        }
    }

    @SagaEventHandler(associationProperty = "requestId")
    void on(ProcessorDeletionConfirmedEvent event) {
        confirmed(event.processor());
    }

    @SagaEventHandler(associationProperty = "requestId")
    void on(ProcessorCorrectionConfirmedEvent event) {
        confirmed(event.processor());
    }

    private void confirmed(String processor) {
        if (!confirmed.add(processor)) {
            return;
        }
        String deadline = pendingDeadlines.remove(processor);
        if (deadline != null) {
            deadlineManager.cancelSchedule(CONFIRMATION_DUE, deadline);
        }
        if (confirmed.containsAll(asked)) {
            if (correction) {
                SagaLifecycle.end();
            } else {
                complete();
            }
        }
    }

    @DeadlineHandler(deadlineName = CONFIRMATION_DUE)
    void on(ProcessorConfirmationDue due) {
        if (!confirmed.contains(due.processor())) {
            SagaCommands.send(commandGateway, new EscalateProcessorCommand(subjectId, requestId, due.processor()));
        }
    }

    /**
     * An erasure ends fulfilled. A correction is fulfilled with its values and then still follows its
     * processors; one fulfilled without values (nothing to change) has nothing for them.
     */
    @SagaEventHandler(associationProperty = "requestId")
    void on(RequestFulfilledEvent event) {
        if (!correction || !started) {
            end();
        }
    }

    @SagaEventHandler(associationProperty = "requestId")
    void on(RequestDeniedEvent event) {
        end();
    }

    private void end() {
        deadlineManager.cancelAllWithinScope(CONFIRMATION_DUE);
        SagaLifecycle.end();
    }

    private void complete() {
        SagaCommands.send(commandGateway, new CompleteErasureCommand(subjectId, requestId));
    }
}
