package io.lethe.query.evidence;

import io.lethe.core.activity.UsagePeriodShreddedEvent;
import io.lethe.core.jurisdiction.Jurisdiction;
import io.lethe.core.personaldata.RetentionClass;
import io.lethe.core.subject.AccountRegisteredEvent;
import io.lethe.core.subject.AccountTerminatedEvent;
import io.lethe.core.subject.DeletionEvidence;
import io.lethe.core.subject.FindDeletionEvidenceQuery;
import io.lethe.core.subject.LegalHoldReleasedEvent;
import io.lethe.core.subject.PersonalDataShreddedEvent;
import io.lethe.core.subject.RetentionExceptionRecordedEvent;
import io.lethe.core.subject.ShreddingWithheldEvent;
import io.lethe.core.subject.SubjectId;
import io.lethe.query.SequenceGuardedTable;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Date;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import static io.lethe.query.Columns.instant;
import static io.lethe.query.Columns.strings;
import static io.lethe.query.Columns.utc;

/**
 * The evidence record of deletions: per subject and class, destroyed / kept on an exception / kept
 * by a hold, with when, why and under which request or process. Every write is guarded by the
 * event's sequence number, so a replay or redelivery changes nothing twice.
 */
@Component
@ProcessingGroup(DeletionEvidenceProjection.PROCESSING_GROUP)
class DeletionEvidenceProjection {

    static final String PROCESSING_GROUP = "deletion-evidence";

    private final JdbcClient jdbc;
    private final SequenceGuardedTable evidenceSubjects;
    private final SequenceGuardedTable evidenceClasses;
    private final SequenceGuardedTable evidencePeriods;

    DeletionEvidenceProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.evidenceSubjects = new SequenceGuardedTable(jdbc, "deletion_evidence_subject", "subject_id");
        this.evidenceClasses = new SequenceGuardedTable(jdbc, "deletion_evidence_class", "subject_id");
        this.evidencePeriods = new SequenceGuardedTable(jdbc, "deletion_evidence_period", "subject_id");
    }

    @EventHandler
    void on(AccountRegisteredEvent event, @SequenceNumber long sequence) {
        jdbc.sql("""
                        INSERT INTO deletion_evidence_subject (subject_id, jurisdiction, last_sequence)
                        VALUES (:id, :jurisdiction, :sequence) ON CONFLICT (subject_id) DO NOTHING""")
                .param("id", event.subjectId().value())
                .param("jurisdiction", event.jurisdiction().code())
                .param("sequence", sequence)
                .update();
    }

    @EventHandler
    void on(AccountTerminatedEvent event, @Timestamp Instant at, @SequenceNumber long sequence) {
        evidenceSubjects.updateIfNewer(event.subjectId().value(), sequence, "terminated_at = :at")
                .param("at", utc(at))
                .update();
    }

    @EventHandler
    void on(PersonalDataShreddedEvent event, @Timestamp Instant at, @SequenceNumber long sequence) {
        record(event.subjectId(), event.retentionClass(), DeletionEvidence.State.DESTROYED, at, event.reason().name(),
                event.reference(), null, new String[0], sequence);
    }

    @EventHandler
    void on(RetentionExceptionRecordedEvent event, @Timestamp Instant at, @SequenceNumber long sequence) {
        for (RetentionClass retentionClass : event.retentionClasses()) {
            record(event.subjectId(), retentionClass, DeletionEvidence.State.KEPT_BY_EXCEPTION, at, event.ground().name(),
                    event.justificationReference(), event.reviewBy(), new String[0], sequence);
        }
    }

    @EventHandler
    void on(UsagePeriodShreddedEvent event, @Timestamp Instant at, @SequenceNumber long sequence) {
        recordPeriod(event.subjectId(), event.period(), DeletionEvidence.State.DESTROYED, at, event.reference(),
                new String[0], sequence);
    }

    @EventHandler
    void on(ShreddingWithheldEvent event, @Timestamp Instant at, @SequenceNumber long sequence) {
        if (event.usagePeriod() != null) {
            // one usage period was kept, not the class
            recordPeriod(event.subjectId(), event.usagePeriod(), DeletionEvidence.State.KEPT_BY_LEGAL_HOLD, at, event.reference(),
                    event.holdIds().toArray(String[]::new), sequence);
            return;
        }
        for (RetentionClass retentionClass : event.retentionClasses()) {
            record(event.subjectId(), retentionClass, DeletionEvidence.State.KEPT_BY_LEGAL_HOLD, at, event.reason().name(),
                    event.reference(), null, event.holdIds().toArray(String[]::new), sequence);
        }
    }

    /**
     * A released hold no longer keeps anything: it leaves the list of holds of every class and period
     * it kept. What it alone kept is shredded in the same transaction, and those events follow.
     */
    @EventHandler
    void on(LegalHoldReleasedEvent event, @SequenceNumber long sequence) {
        for (SequenceGuardedTable table : List.of(evidenceClasses, evidencePeriods)) {
            table.updateIfNewer(event.subjectId().value(), sequence, "holds = array_remove(holds, :hold)",
                            "state = 'KEPT_BY_LEGAL_HOLD' AND :hold = ANY (holds)")
                    .param("hold", event.holdId())
                    .update();
        }
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM deletion_evidence_class").update();
        jdbc.sql("DELETE FROM deletion_evidence_period").update();
        jdbc.sql("DELETE FROM deletion_evidence_subject").update();
    }

    @QueryHandler
    Optional<DeletionEvidence> handle(FindDeletionEvidenceQuery query) {
        SubjectId subjectId = query.subjectId();
        return jdbc.sql("SELECT jurisdiction, terminated_at FROM deletion_evidence_subject WHERE subject_id = :id")
                .param("id", subjectId.value())
                .query((row, number) -> new DeletionEvidence(subjectId, Jurisdiction.fromCode(row.getString("jurisdiction")),
                        instant(row.getObject("terminated_at", OffsetDateTime.class)), classes(subjectId),
                        periods(subjectId, query.page()), query.page(), pages(subjectId)))
                .optional();
    }

    private List<DeletionEvidence.ClassOutcome> classes(SubjectId subjectId) {
        return jdbc.sql("""
                        SELECT retention_class, state, decided_at, reason, reference, review_by, holds
                        FROM deletion_evidence_class WHERE subject_id = :id ORDER BY retention_class""")
                .param("id", subjectId.value())
                .query((row, number) -> new DeletionEvidence.ClassOutcome(
                        RetentionClass.valueOf(row.getString("retention_class")),
                        DeletionEvidence.State.valueOf(row.getString("state")),
                        instant(row.getObject("decided_at", OffsetDateTime.class)),
                        row.getString("reason"), row.getString("reference"),
                        row.getDate("review_by") == null ? null : row.getDate("review_by").toLocalDate(),
                        strings(row.getArray("holds"))))
                .list();
    }

    private List<DeletionEvidence.PeriodOutcome> periods(SubjectId subjectId, int page) {
        return jdbc.sql("""
                        SELECT period, state, decided_at, reference, holds
                        FROM deletion_evidence_period WHERE subject_id = :id ORDER BY period LIMIT :size OFFSET :skip""")
                .param("id", subjectId.value())
                .param("size", DeletionEvidence.PERIODS_PER_PAGE)
                .param("skip", (long) page * DeletionEvidence.PERIODS_PER_PAGE)
                .query((row, number) -> new DeletionEvidence.PeriodOutcome(row.getString("period"),
                        DeletionEvidence.State.valueOf(row.getString("state")),
                        instant(row.getObject("decided_at", OffsetDateTime.class)), row.getString("reference"),
                        strings(row.getArray("holds"))))
                .list();
    }

    private int pages(SubjectId subjectId) {
        long periods = jdbc.sql("SELECT count(*) FROM deletion_evidence_period WHERE subject_id = :id")
                .param("id", subjectId.value()).query(Long.class).single();
        return (int) Math.max(1, (periods + DeletionEvidence.PERIODS_PER_PAGE - 1) / DeletionEvidence.PERIODS_PER_PAGE);
    }

    private void recordPeriod(SubjectId subjectId, String period, DeletionEvidence.State state, Instant at, String reference,
                              String[] holds, long sequence) {
        jdbc.sql("""
                        INSERT INTO deletion_evidence_period (subject_id, period, state, decided_at, reference, holds,
                                                              last_sequence)
                        VALUES (:id, :period, :state, :at, :reference, :holds, :sequence)
                        ON CONFLICT (subject_id, period) DO UPDATE SET state = EXCLUDED.state,
                            decided_at = EXCLUDED.decided_at, reference = EXCLUDED.reference, holds = EXCLUDED.holds,
                            last_sequence = EXCLUDED.last_sequence
                        WHERE deletion_evidence_period.last_sequence < EXCLUDED.last_sequence
                          AND deletion_evidence_period.state <> 'DESTROYED'""")
                .param("id", subjectId.value())
                .param("period", period)
                .param("state", state.name())
                .param("at", utc(at))
                .param("reference", reference)
                .param("holds", holds)
                .param("sequence", sequence)
                .update();
    }

    private void record(SubjectId subjectId, RetentionClass retentionClass, DeletionEvidence.State state, Instant at,
                        String reason, String reference, java.time.LocalDate reviewBy, String[] holds, long sequence) {
        jdbc.sql("""
                        INSERT INTO deletion_evidence_class (subject_id, retention_class, state, decided_at, reason,
                                                             reference, review_by, holds, last_sequence)
                        VALUES (:id, :class, :state, :at, :reason, :reference, :reviewBy, :holds, :sequence)
                        ON CONFLICT (subject_id, retention_class) DO UPDATE SET state = EXCLUDED.state,
                            decided_at = EXCLUDED.decided_at, reason = EXCLUDED.reason, reference = EXCLUDED.reference,
                            review_by = EXCLUDED.review_by, holds = EXCLUDED.holds, last_sequence = EXCLUDED.last_sequence
                        WHERE deletion_evidence_class.last_sequence < EXCLUDED.last_sequence
                          AND deletion_evidence_class.state <> 'DESTROYED'""")
                .param("id", subjectId.value())
                .param("class", retentionClass.name())
                .param("state", state.name())
                .param("at", utc(at))
                .param("reason", reason)
                .param("reference", reference)
                .param("reviewBy", reviewBy == null ? null : Date.valueOf(reviewBy))
                .param("holds", holds)
                .param("sequence", sequence)
                .update();
    }

}
