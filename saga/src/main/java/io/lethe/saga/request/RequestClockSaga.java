package io.lethe.saga.request;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.lethe.core.request.EscalateOverdueRequestCommand;
import io.lethe.core.request.EscalateUnacknowledgedRequestCommand;
import io.lethe.core.request.RequestAcknowledgedEvent;
import io.lethe.core.request.ResponseRule;
import io.lethe.core.request.IdentityVerifiedEvent;
import io.lethe.core.request.PrivacyRequestSubmittedEvent;
import io.lethe.core.request.RaiseRequestReminderCommand;
import io.lethe.core.request.RequestDeadlineExtendedEvent;
import io.lethe.core.request.RequestDeniedEvent;
import io.lethe.core.request.RequestFulfilledEvent;
import io.lethe.core.request.RequestId;
import io.lethe.core.subject.SubjectId;
import io.lethe.saga.SagaCommands;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;

/**
 * The statutory clock of one request: a reminder {@code lethe.requests.reminder-before} its due
 * date, an overdue escalation when the due day ends, and (California) an escalation when receipt was
 * not confirmed by its day. Where the law stops the clock until identity is known (UK), neither
 * deadline is set before verification, which starts the clock from the evidence's arrival. An
 * extension moves the due date, and both deadlines with it. The saga ends when the request is
 * fulfilled or denied. Deadlines live in PostgreSQL, so a restart loses none.
 */
@Saga
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE, isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class RequestClockSaga {

    static final String REMINDER_DUE = "request-reminder-due";
    static final String RESPONSE_DUE = "request-response-due";
    static final String ACKNOWLEDGEMENT_DUE = "request-acknowledgement-due";

    private SubjectId subjectId;
    private RequestId requestId;
    private Instant dueAt;

    @Autowired
    private transient CommandGateway commandGateway;
    @Autowired
    private transient DeadlineManager deadlineManager;
    @Autowired
    private transient RequestProcessProperties properties;

    @StartSaga
    @SagaEventHandler(associationProperty = "requestId")
    void on(PrivacyRequestSubmittedEvent event, @Timestamp Instant at) {
        subjectId = event.subjectId();
        requestId = event.requestId();
        if (!event.clockStoppedUntilIdentity()) {
            schedule(event.dueAt(), at);
        }
        if (event.acknowledgeBy() != null) {
            deadlineManager.schedule(ResponseRule.endOf(event.acknowledgeBy(), event.jurisdiction().zone()), ACKNOWLEDGEMENT_DUE);
        }
    }

    @SagaEventHandler(associationProperty = "requestId")
    void on(RequestAcknowledgedEvent event) {
        deadlineManager.cancelAllWithinScope(ACKNOWLEDGEMENT_DUE);
    }

    @DeadlineHandler(deadlineName = ACKNOWLEDGEMENT_DUE)
    void acknowledgementDue() {
        SagaCommands.send(commandGateway, new EscalateUnacknowledgedRequestCommand(subjectId, requestId));
    }

    @SagaEventHandler(associationProperty = "requestId")
    void on(IdentityVerifiedEvent event, @Timestamp Instant at) {
        if (!event.dueAt().equals(dueAt)) {
            reschedule(event.dueAt(), at);
        }
    }

    @SagaEventHandler(associationProperty = "requestId")
    void on(RequestDeadlineExtendedEvent event, @Timestamp Instant at) {
        reschedule(event.dueAt(), at);
    }

    @DeadlineHandler(deadlineName = REMINDER_DUE)
    void remind() {
        SagaCommands.send(commandGateway, new RaiseRequestReminderCommand(subjectId, requestId));
    }

    @DeadlineHandler(deadlineName = RESPONSE_DUE)
    void escalate() {
        SagaCommands.send(commandGateway, new EscalateOverdueRequestCommand(subjectId, requestId));
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "requestId")
    void on(RequestFulfilledEvent event) {
        end();
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "requestId")
    void on(RequestDeniedEvent event) {
        end();
    }

    private void reschedule(Instant newDueAt, Instant now) {
        cancel();
        schedule(newDueAt, now);
    }

    /** No reminder when the reminder time has already passed: the request is new and its period short. */
    private void schedule(Instant newDueAt, Instant now) {
        dueAt = newDueAt;
        Instant remindAt = newDueAt.minus(properties.reminderBefore());
        if (remindAt.isAfter(now)) {
            deadlineManager.schedule(remindAt, REMINDER_DUE);
        }
        deadlineManager.schedule(newDueAt, RESPONSE_DUE);
    }

    private void cancel() {
        deadlineManager.cancelAllWithinScope(REMINDER_DUE);
        deadlineManager.cancelAllWithinScope(RESPONSE_DUE);
    }

    private void end() {
        cancel();
        deadlineManager.cancelAllWithinScope(ACKNOWLEDGEMENT_DUE);
    }
}
