package io.lethe.platform.ops;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import io.lethe.core.validation.Lengths;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.annotation.Nullable;
import org.axonframework.deadline.dbscheduler.DbSchedulerBinaryDeadlineDetails;
import org.axonframework.deadline.dbscheduler.DbSchedulerHumanReadableDeadlineDetails;
import org.axonframework.messaging.ScopeDescriptor;
import org.axonframework.modelling.saga.SagaScopeDescriptor;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The process managers' deadlines that are due but not done: a retention shredding, a Taiwan
 * deletion, a request's escalation or a breach duty's whose handler failed (db-scheduler keeps the
 * deadline and retries it every five minutes, counting the failures) or that no node has run (no
 * saga node is up). They are counted by two gauges and listed with the process they belong to; an
 * operator can have every failed one run again at once.
 */
@Component
class OverdueDeadlines {

    /** A deadline this long past its time is overdue: longer than any poll of the scheduler takes. */
    static final Duration GRACE = Duration.ofMinutes(1);

    private final JdbcClient jdbc;
    private final ObjectProvider<SchedulerClient> scheduler;
    private final Serializer serializer;

    OverdueDeadlines(JdbcClient jdbc, ObjectProvider<SchedulerClient> scheduler, Serializer serializer, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.scheduler = scheduler;
        this.serializer = serializer;
        Gauge.builder("lethe.deadlines.overdue", this, deadlines -> deadlines.count(false))
                .description("Process deadlines more than a minute past their time and not done (failed, or not run)")
                .register(meters);
        Gauge.builder("lethe.deadlines.failing", this, deadlines -> deadlines.count(true))
                .description("Process deadlines whose handler failed and that are waiting to be retried")
                .register(meters);
    }

    /**
     * One deadline due but not done: its name, the process it belongs to (type, id and what the
     * process is about: subject, request or breach), how often it failed and when last, and when it
     * runs next (its own time, for one that has not run).
     */
    record Overdue(@Schema(maxLength = DEADLINE_LENGTH) String deadline,
                   // null where this node runs no scheduler to read the deadline's details from
                   @Nullable @Schema(maxLength = PROCESS_LENGTH) String process,
                   @Nullable @Schema(format = "uuid") String processId,
                   @Schema(additionalPropertiesSchema = AssociationValue.class) Map<String, String> about, int failures,
                   @Nullable Instant lastFailure, @Nullable Instant nextAttempt) {

        /** A deadline's name (the sagas': {@code RESPONSE_DUE} and the like), or its task's; a longer one is cut. */
        static final int DEADLINE_LENGTH = 128;
        /** A saga's type (its simple name), or another scope's description; a longer one is cut. */
        static final int PROCESS_LENGTH = 255;

        Overdue {
            deadline = Lengths.atMost(deadline, DEADLINE_LENGTH);
            process = Lengths.atMost(process, PROCESS_LENGTH);
        }
    }

    /** What a saga is about: an association's value, as {@code association_value_entry.association_value} keeps it. */
    @Schema(type = "string", maxLength = 255)
    interface AssociationValue {
    }

    /** What a deadline's task says of it. */
    private record Details(String name, ScopeDescriptor scope) {
    }

    private double count(boolean failingOnly) {
        return jdbc.sql("SELECT count(*) FROM scheduled_tasks WHERE "
                        + (failingOnly ? "consecutive_failures > 0" : "(execution_time < :before OR consecutive_failures > 0)"))
                .param("before", java.sql.Timestamp.from(Instant.now().minus(GRACE)))
                .query(Long.class).single();
    }

    List<Overdue> list(int limit) {
        return jdbc.sql("""
                        SELECT task_name, task_instance, execution_time, consecutive_failures, last_failure
                        FROM scheduled_tasks WHERE execution_time < :before OR consecutive_failures > 0
                        ORDER BY execution_time LIMIT :limit""")
                .param("before", java.sql.Timestamp.from(Instant.now().minus(GRACE)))
                .param("limit", limit)
                .query((row, number) -> {
                    Optional<Details> details = details(row.getString("task_name"), row.getString("task_instance"));
                    String processId = details.map(found -> processId(found.scope())).orElse(null);
                    java.sql.Timestamp lastFailure = row.getTimestamp("last_failure");
                    return new Overdue(details.map(Details::name).orElse(row.getString("task_name")),
                            details.map(found -> processType(found.scope())).orElse(null), processId, about(processId),
                            row.getInt("consecutive_failures"), lastFailure == null ? null : lastFailure.toInstant(),
                            row.getTimestamp("execution_time").toInstant());
                })
                .list();
    }

    /**
     * Has every failed deadline run again now instead of at its next retry.
     *
     * @return how many were moved; empty when this node runs no scheduler (no saga role)
     */
    Optional<Integer> retryFailedNow() {
        SchedulerClient client = scheduler.getIfAvailable();
        if (client == null) {
            return Optional.empty();
        }
        List<TaskInstanceId> failed = jdbc.sql("SELECT task_name, task_instance FROM scheduled_tasks WHERE consecutive_failures > 0")
                .query((row, number) -> TaskInstanceId.of(row.getString("task_name"), row.getString("task_instance")))
                .list();
        int moved = 0;
        for (TaskInstanceId id : failed) {
            moved += client.reschedule(id, Instant.now()) ? 1 : 0;
        }
        return Optional.of(moved);
    }

    private Optional<Details> details(String task, String instance) {
        SchedulerClient client = scheduler.getIfAvailable();
        if (client == null) {
            return Optional.empty();
        }
        return client.getScheduledExecution(TaskInstanceId.of(task, instance)).map(execution -> execution.getData())
                .map(data -> data instanceof DbSchedulerBinaryDeadlineDetails binary
                        ? new Details(binary.getD(), binary.getDeserializedScopeDescriptor(serializer))
                        : data instanceof DbSchedulerHumanReadableDeadlineDetails readable
                        ? new Details(readable.getDeadlineName(), readable.getDeserializedScopeDescriptor(serializer))
                        : null);
    }

    private String processType(ScopeDescriptor scope) {
        return scope instanceof SagaScopeDescriptor saga ? simpleName(saga.getType()) : scope.scopeDescription();
    }

    private String processId(ScopeDescriptor scope) {
        return scope instanceof SagaScopeDescriptor saga ? String.valueOf(saga.getIdentifier()) : null;
    }

    /** The saga's associations (subjectId, requestId, breachId): pseudonymous ids, no personal data. */
    private Map<String, String> about(String sagaId) {
        Map<String, String> about = new LinkedHashMap<>();
        if (sagaId != null) {
            jdbc.sql("SELECT association_key, association_value FROM association_value_entry WHERE saga_id = :saga ORDER BY id")
                    .param("saga", sagaId)
                    .query((row, number) -> about.putIfAbsent(row.getString("association_key"), row.getString("association_value")))
                    .list();
        }
        return about;
    }

    private static String simpleName(String type) {
        return type == null ? null : type.substring(type.lastIndexOf('.') + 1);
    }
}
