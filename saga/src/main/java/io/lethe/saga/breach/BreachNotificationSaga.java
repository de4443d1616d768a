package io.lethe.saga.breach;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.lethe.core.breach.BreachAssessedEvent;
import io.lethe.core.breach.BreachClosedEvent;
import io.lethe.core.breach.BreachDutyRescheduledEvent;
import io.lethe.core.breach.BreachFactsClarifiedEvent;
import io.lethe.core.breach.BreachId;
import io.lethe.core.breach.BreachNotificationSentEvent;
import io.lethe.core.breach.BreachReportedEvent;
import io.lethe.core.breach.EscalateBreachDutyCommand;
import io.lethe.core.breach.NotificationDuty;
import io.lethe.saga.SagaCommands;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One breach's notification clocks: each duty with a deadline gets one; a notification sent, or a
 * duty lifted, cancels it; a deadline that passes escalates the duty on the breach. A rescheduled
 * duty (Taiwan after clarification, California's Attorney General after the residents) moves its
 * deadline. The saga ends when the breach is closed. Deadlines live in PostgreSQL.
 */
@Saga
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE, isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class BreachNotificationSaga {

    static final String DUTY_DUE = "breach-duty-due";

    private BreachId breachId;
    private final Map<String, String> deadlines = new LinkedHashMap<>();

    @Autowired
    private transient CommandGateway commandGateway;
    @Autowired
    private transient DeadlineManager deadlineManager;

    @StartSaga
    @SagaEventHandler(associationProperty = "breachId")
    void on(BreachReportedEvent event) {
        breachId = event.breachId();
        schedule(event.duties());
    }

    @SagaEventHandler(associationProperty = "breachId")
    void on(BreachAssessedEvent event) {
        schedule(event.addedDuties());
        event.liftedDutyIds().forEach(this::cancel);
    }

    @SagaEventHandler(associationProperty = "breachId")
    void on(BreachFactsClarifiedEvent event) {
        schedule(event.scheduledDuties());
    }

    @SagaEventHandler(associationProperty = "breachId")
    void on(BreachDutyRescheduledEvent event) {
        schedule(List.of(event.duty()));
    }

    @SagaEventHandler(associationProperty = "breachId")
    void on(BreachNotificationSentEvent event) {
        cancel(event.dutyId());
    }

    @DeadlineHandler(deadlineName = DUTY_DUE)
    void on(DutyDue due) {
        deadlines.remove(due.dutyId());
        SagaCommands.send(commandGateway, new EscalateBreachDutyCommand(breachId, due.dutyId()));
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "breachId")
    void on(BreachClosedEvent event) {
        deadlineManager.cancelAllWithinScope(DUTY_DUE);
    }

    /** A duty already scheduled is rescheduled to its new time. */
    private void schedule(List<NotificationDuty> duties) {
        for (NotificationDuty duty : duties) {
            if (duty.dueAt() == null) {
                continue;
            }
            cancel(duty.dutyId());
            deadlines.put(duty.dutyId(), deadlineManager.schedule(duty.dueAt(), DUTY_DUE, new DutyDue(duty.dutyId())));
        }
    }

    private void cancel(String dutyId) {
        String scheduleId = deadlines.remove(dutyId);
        if (scheduleId != null) {
            deadlineManager.cancelSchedule(DUTY_DUE, scheduleId);
        }
    }
}
