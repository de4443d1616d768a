package io.lethe.query.breach;

import io.lethe.core.breach.BreachAssessedEvent;
import io.lethe.core.breach.BreachClosedEvent;
import io.lethe.core.breach.BreachDutyOverdueEvent;
import io.lethe.core.breach.BreachDutyRescheduledEvent;
import io.lethe.core.breach.BreachFactsClarifiedEvent;
import io.lethe.core.breach.BreachId;
import io.lethe.core.breach.BreachNotificationSentEvent;
import io.lethe.core.breach.BreachReportedEvent;
import io.lethe.core.breach.NotificationDuty;
import io.lethe.core.personaldata.DataCategory;
import io.lethe.query.SequenceGuardedTable;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import static io.lethe.query.Columns.utc;

/**
 * The breach register. A breach row's updates are guarded by the breach stream's sequence number;
 * duty rows are keyed by duty id and each update is a state change that applies once.
 */
@Component
@ProcessingGroup(BreachRegisterProjection.PROCESSING_GROUP)
class BreachRegisterProjection {

    static final String PROCESSING_GROUP = "breach-register";

    private final JdbcClient jdbc;
    private final SequenceGuardedTable breaches;

    BreachRegisterProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.breaches = new SequenceGuardedTable(jdbc, "breach", "breach_id");
    }

    @EventHandler
    void on(BreachReportedEvent event, @Timestamp Instant at, @SequenceNumber long sequence) {
        String affected = event.facts().affectedByJurisdiction().entrySet().stream()
                .sorted(java.util.Map.Entry.comparingByKey())
                .map(entry -> entry.getKey().code() + "=" + entry.getValue()).collect(Collectors.joining(","));
        jdbc.sql("""
                        INSERT INTO breach (breach_id, aware_at, reported_at, status, affected, categories, sensitive,
                            financial_risk, malicious, encrypted_key_safe, summary_reference, affected_subjects, last_sequence)
                        VALUES (:id, :aware, :at, 'REPORTED', :affected, :categories, :sensitive, :financial, :malicious,
                            :encrypted, :summary, :subjects, :sequence)
                        ON CONFLICT (breach_id) DO NOTHING""")
                .param("id", event.breachId().value())
                .param("aware", utc(event.awareAt()))
                .param("at", utc(at))
                .param("affected", affected)
                .param("categories", event.facts().categories().stream().sorted().map(DataCategory::letter).toArray(String[]::new))
                .param("sensitive", event.facts().sensitive())
                .param("financial", event.facts().financialDamageRisk())
                .param("malicious", event.facts().malicious())
                .param("encrypted", event.facts().encryptedKeySafe())
                .param("summary", event.summaryReference())
                .param("subjects", event.affectedSubjects() == null ? 0 : event.affectedSubjects().size())
                .param("sequence", sequence)
                .update();
        duties(event.breachId(), event.duties());
    }

    @EventHandler
    void on(BreachAssessedEvent event, @SequenceNumber long sequence) {
        breach(event.breachId(), sequence, "risk = '" + event.risk().name() + "', status = 'ASSESSED'");
        duties(event.breachId(), event.addedDuties());
        for (String dutyId : event.liftedDutyIds()) {
            duty(event.breachId(), dutyId, "state = 'LIFTED'", null, null);
        }
    }

    @EventHandler
    void on(BreachFactsClarifiedEvent event, @SequenceNumber long sequence) {
        breaches.updateIfNewer(event.breachId().value(), sequence, "clarified_at = :at")
                .param("at", utc(event.clarifiedAt()))
                .update();
        event.scheduledDuties().forEach(duty -> reschedule(event.breachId(), duty));
    }

    @EventHandler
    void on(BreachDutyRescheduledEvent event) {
        reschedule(event.breachId(), event.duty());
    }

    @EventHandler
    void on(BreachNotificationSentEvent event) {
        duty(event.breachId(), event.dutyId(), "state = 'SENT', sent_at = :at, reference = :reference",
                utc(event.sentAt()), event.reference());
    }

    @EventHandler
    void on(BreachDutyOverdueEvent event, @Timestamp Instant at) {
        duty(event.breachId(), event.dutyId(), "overdue_since = :at", utc(at), null);
    }

    @EventHandler
    void on(BreachClosedEvent event, @Timestamp Instant at, @SequenceNumber long sequence) {
        breaches.updateIfNewer(event.breachId().value(), sequence, "status = 'CLOSED', closed_at = :at")
                .param("at", utc(at))
                .update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM breach_duty").update();
        jdbc.sql("DELETE FROM breach").update();
    }

    private void breach(BreachId breachId, long sequence, String assignments) {
        breaches.updateIfNewer(breachId.value(), sequence, assignments).update();
    }

    private void duties(BreachId breachId, List<NotificationDuty> duties) {
        for (NotificationDuty duty : duties) {
            jdbc.sql("""
                            INSERT INTO breach_duty (breach_id, duty_id, kind, jurisdiction, recipient, basis, due_at, state)
                            VALUES (:id, :duty, :kind, :jurisdiction, :recipient, :basis, :due, 'OPEN')
                            ON CONFLICT (breach_id, duty_id) DO NOTHING""")
                    .param("id", breachId.value())
                    .param("duty", duty.dutyId())
                    .param("kind", duty.kind().name())
                    .param("jurisdiction", duty.kind().jurisdiction().code())
                    .param("recipient", duty.kind().recipient().name())
                    .param("basis", duty.kind().basis())
                    .param("due", duty.dueAt() == null ? null : utc(duty.dueAt()))
                    .update();
        }
    }

    private void reschedule(BreachId breachId, NotificationDuty duty) {
        jdbc.sql("UPDATE breach_duty SET due_at = :due, overdue_since = NULL WHERE breach_id = :id AND duty_id = :duty AND state = 'OPEN'")
                .param("due", utc(duty.dueAt())).param("id", breachId.value()).param("duty", duty.dutyId())
                .update();
    }

    private void duty(BreachId breachId, String dutyId, String assignments, Object at, String reference) {
        jdbc.sql("UPDATE breach_duty SET " + assignments + " WHERE breach_id = :id AND duty_id = :duty AND state = 'OPEN'"
                        + (assignments.startsWith("overdue") ? " AND overdue_since IS NULL" : ""))
                .paramSource(new org.springframework.jdbc.core.namedparam.MapSqlParameterSource()
                        .addValue("id", breachId.value()).addValue("duty", dutyId).addValue("at", at)
                        .addValue("reference", reference))
                .update();
    }
}
