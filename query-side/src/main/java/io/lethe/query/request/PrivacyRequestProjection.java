package io.lethe.query.request;

import io.lethe.core.request.CorrectionRequestedAtProcessorEvent;
import io.lethe.core.request.DeletionRequestedAtProcessorEvent;
import io.lethe.core.subject.SubjectId;
import io.lethe.core.request.ProcessorCorrectionConfirmedEvent;
import io.lethe.core.request.ProcessorCorrectionOverdueEvent;
import io.lethe.core.request.ErasureCertificate;
import io.lethe.core.request.ErasureCertificateReissuedEvent;
import io.lethe.core.request.IdentityVerifiedEvent;
import io.lethe.core.request.PrivacyRequestSubmittedEvent;
import io.lethe.core.request.ProcessorDeletionConfirmedEvent;
import io.lethe.core.request.ProcessorDeletionOverdueEvent;
import io.lethe.core.request.RequestAcknowledgedEvent;
import io.lethe.core.request.RequestAcknowledgementOverdueEvent;
import io.lethe.core.request.RequestDeadlineExtendedEvent;
import io.lethe.core.request.RequestDeniedEvent;
import io.lethe.core.request.RequestFeeSettledEvent;
import io.lethe.core.request.RequestFulfilledEvent;
import io.lethe.core.request.RequestId;
import io.lethe.core.request.RequestOverdueEvent;
import io.lethe.core.request.RequestReminderRaisedEvent;
import io.lethe.core.request.RequestStatus;
import io.lethe.query.SequenceGuardedTable;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Map;

import static io.lethe.query.Columns.utc;

/**
 * The request queue: each request's clock and outcome, the deletions asked of processors. Every
 * update is guarded by the subject stream's sequence number, so a replay or redelivery changes
 * nothing twice.
 */
@Component
@ProcessingGroup(PrivacyRequestProjection.PROCESSING_GROUP)
class PrivacyRequestProjection {

    static final String PROCESSING_GROUP = "privacy-requests";

    private final JdbcClient jdbc;
    private final SequenceGuardedTable requests;

    PrivacyRequestProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.requests = new SequenceGuardedTable(jdbc, "privacy_request", "request_id");
    }

    @EventHandler
    void on(PrivacyRequestSubmittedEvent event, @SequenceNumber long sequence) {
        jdbc.sql("""
                        INSERT INTO privacy_request (request_id, subject_id, jurisdiction, type, kind, requester, channel, status,
                            received_at, due_on, due_at, clock_stopped, acknowledge_by, fee_currency, fee_minor_units,
                            last_sequence)
                        VALUES (:id, :subject, :jurisdiction, :type, :kind, :requester, :channel, :status, :receivedAt,
                            :dueOn, :dueAt, :clockStopped, :acknowledgeBy, :feeCurrency, :feeMinor, :sequence)
                        ON CONFLICT (request_id) DO NOTHING""")
                .param("id", event.requestId().value())
                .param("subject", event.subjectId().value())
                .param("jurisdiction", event.jurisdiction().code())
                .param("type", event.type().code())
                .param("kind", event.type().kind().name())
                .param("requester", event.requester().name())
                .param("channel", event.channel().name())
                .param("status", (event.identityRequired() ? RequestStatus.AWAITING_IDENTITY : RequestStatus.IN_PROGRESS).name())
                .param("receivedAt", utc(event.receivedAt()))
                .param("dueOn", event.dueOn())
                .param("dueAt", utc(event.dueAt()))
                .param("clockStopped", event.clockStoppedUntilIdentity())
                .param("acknowledgeBy", event.acknowledgeBy())
                .param("feeCurrency", event.fee() == null ? null : event.fee().currency())
                .param("feeMinor", event.fee() == null ? null : event.fee().minorUnits())
                .param("sequence", sequence)
                .update();
    }

    @EventHandler
    void on(RequestAcknowledgedEvent event, @Timestamp Instant at, @SequenceNumber long sequence) {
        update(event.requestId(), sequence, "acknowledged_at = :at", Map.of("at", utc(at)));
    }

    /** A clock that starts again starts clean: a moved due date clears the reminder and the escalation. */
    @EventHandler
    void on(IdentityVerifiedEvent event, @Timestamp Instant at, @SequenceNumber long sequence) {
        Map<String, Object> values = new java.util.HashMap<>(Map.of("at", utc(at), "status", RequestStatus.IN_PROGRESS.name(),
                "dueOn", event.dueOn(), "dueAt", utc(event.dueAt())));
        values.put("evidenceAt", event.evidenceReceivedAt() == null ? null : utc(event.evidenceReceivedAt()));
        update(event.requestId(), sequence, """
                        identity_verified_at = :at, identity_evidence_received_at = :evidenceAt, status = :status,
                        clock_stopped = false,
                        overdue_since = CASE WHEN due_on = :dueOn THEN overdue_since END,
                        reminded_at = CASE WHEN due_on = :dueOn THEN reminded_at END,
                        due_on = :dueOn, due_at = :dueAt""", values);
    }

    @EventHandler
    void on(RequestFeeSettledEvent event, @SequenceNumber long sequence) {
        update(event.requestId(), sequence, "fee_settlement = :settlement", Map.of("settlement", event.settlement().name()));
    }

    @EventHandler
    void on(RequestDeadlineExtendedEvent event, @Timestamp Instant at, @SequenceNumber long sequence) {
        update(event.requestId(), sequence, """
                        extended_at = :at, extension_reason = :reason, due_on = :dueOn, due_at = :dueAt,
                        overdue_since = NULL, reminded_at = NULL""",
                Map.of("at", utc(at), "reason", event.reason().name(), "dueOn", event.dueOn(), "dueAt", utc(event.dueAt())));
    }

    @EventHandler
    void on(RequestAcknowledgementOverdueEvent event, @Timestamp Instant at, @SequenceNumber long sequence) {
        update(event.requestId(), sequence, "acknowledgement_overdue_since = :at", Map.of("at", utc(at)));
    }

    @EventHandler
    void on(RequestReminderRaisedEvent event, @Timestamp Instant at, @SequenceNumber long sequence) {
        update(event.requestId(), sequence, "reminded_at = :at", Map.of("at", utc(at)));
    }

    @EventHandler
    void on(RequestOverdueEvent event, @Timestamp Instant at, @SequenceNumber long sequence) {
        update(event.requestId(), sequence, "overdue_since = :at", Map.of("at", utc(at)));
    }

    @EventHandler
    void on(RequestFulfilledEvent event, @Timestamp Instant at, @SequenceNumber long sequence) {
        java.util.HashMap<String, Object> values = certificateColumns(event.certificate());
        values.put("at", utc(at));
        values.put("status", RequestStatus.FULFILLED.name());
        values.put("reference", event.responseReference());
        update(event.requestId(), sequence, "closed_at = :at, status = :status, response_reference = :reference, "
                + CERTIFICATE_COLUMNS, values);
    }

    /** Classes a hold kept were destroyed once it was released: the request's certificate is the reissued one. */
    @EventHandler
    void on(ErasureCertificateReissuedEvent event, @SequenceNumber long sequence) {
        update(event.requestId(), sequence, CERTIFICATE_COLUMNS, certificateColumns(event.certificate()));
    }

    private static final String CERTIFICATE_COLUMNS = """
            erasure_method = :method, erased_classes = :erased, withheld_classes = :withheld, withheld_by = :withheldBy,
            processors_confirmed = :processors, erasure_completed_at = :completedAt""";

    private static java.util.HashMap<String, Object> certificateColumns(ErasureCertificate certificate) {
        java.util.HashMap<String, Object> values = new java.util.HashMap<>();
        values.put("method", certificate == null ? null : certificate.method());
        values.put("erased", certificate == null ? null : names(certificate.erasedClasses()));
        values.put("withheld", certificate == null ? null : names(certificate.withheldClasses()));
        values.put("withheldBy", certificate == null ? null : certificate.withheldBy().toArray(String[]::new));
        values.put("processors", certificate == null ? null : certificate.processorsConfirmed().toArray(String[]::new));
        values.put("completedAt", certificate == null ? null : utc(certificate.completedAt()));
        return values;
    }

    @EventHandler
    void on(RequestDeniedEvent event, @Timestamp Instant at, @SequenceNumber long sequence) {
        java.util.HashMap<String, Object> values = new java.util.HashMap<>();
        values.put("at", utc(at));
        values.put("status", RequestStatus.DENIED.name());
        values.put("reason", event.reason().name());
        values.put("reference", event.reference());
        update(event.requestId(), sequence,
                "closed_at = :at, status = :status, denial_reason = :reason, response_reference = :reference", values);
    }

    @EventHandler
    void on(DeletionRequestedAtProcessorEvent event, @Timestamp Instant at) {
        directed(event.requestId(), event.subjectId(), event.processor(), event.confirmBy(), "DELETE", null, at);
    }

    @EventHandler
    void on(CorrectionRequestedAtProcessorEvent event, @Timestamp Instant at) {
        directed(event.requestId(), event.subjectId(), event.processor(), event.confirmBy(), "CORRECT",
                event.fields().toArray(String[]::new), at);
    }

    private void directed(RequestId request, SubjectId subject, String processor, Instant confirmBy, String action,
                          String[] fields, Instant at) {
        jdbc.sql("""
                        INSERT INTO processor_work (request_id, processor, subject_id, requested_at, confirm_by, action, fields)
                        VALUES (:id, :processor, :subject, :at, :confirmBy, :action, :fields) ON CONFLICT DO NOTHING""")
                .param("id", request.value())
                .param("processor", processor)
                .param("subject", subject.value())
                .param("at", utc(at))
                .param("confirmBy", utc(confirmBy))
                .param("action", action)
                .param("fields", fields)
                .update();
    }

    @EventHandler
    void on(ProcessorDeletionConfirmedEvent event, @Timestamp Instant at) {
        confirmed(event.requestId(), event.processor(), event.reference(), at);
    }

    @EventHandler
    void on(ProcessorCorrectionConfirmedEvent event, @Timestamp Instant at) {
        confirmed(event.requestId(), event.processor(), event.reference(), at);
    }

    private void confirmed(RequestId request, String processor, String reference, Instant at) {
        jdbc.sql("""
                        UPDATE processor_work SET confirmed_at = :at, reference = :reference
                        WHERE request_id = :id AND processor = :processor AND confirmed_at IS NULL""")
                .param("id", request.value())
                .param("processor", processor)
                .param("at", utc(at))
                .param("reference", reference)
                .update();
    }

    @EventHandler
    void on(ProcessorDeletionOverdueEvent event, @Timestamp Instant at) {
        overdue(event.requestId(), event.processor(), at);
    }

    @EventHandler
    void on(ProcessorCorrectionOverdueEvent event, @Timestamp Instant at) {
        overdue(event.requestId(), event.processor(), at);
    }

    private void overdue(RequestId request, String processor, Instant at) {
        jdbc.sql("""
                        UPDATE processor_work SET overdue_since = :at
                        WHERE request_id = :id AND processor = :processor AND overdue_since IS NULL""")
                .param("id", request.value())
                .param("processor", processor)
                .param("at", utc(at))
                .update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM processor_work").update();
        jdbc.sql("DELETE FROM privacy_request").update();
    }

    private static String[] names(java.util.Set<? extends Enum<?>> values) {
        return values.stream().map(Enum::name).sorted().toArray(String[]::new);
    }

    private void update(RequestId requestId, long sequence, String assignments, Map<String, ?> values) {
        requests.updateIfNewer(requestId.value(), sequence, assignments)
                .params(values)
                .update();
    }
}
