package io.lethe.command.subject;

import io.lethe.core.jurisdiction.Jurisdiction;
import io.lethe.core.personaldata.RetentionClass;
import io.lethe.core.request.AcknowledgeRequestCommand;
import io.lethe.core.request.ConfirmProcessorCommand;
import io.lethe.core.request.CorrectionRequestedAtProcessorEvent;
import io.lethe.core.request.DeletionRequestedAtProcessorEvent;
import io.lethe.core.request.DenyRequestCommand;
import io.lethe.core.request.DirectProcessorsCommand;
import io.lethe.core.request.ErasureCertificate;
import io.lethe.core.request.EscalateOverdueRequestCommand;
import io.lethe.core.request.EscalateProcessorCommand;
import io.lethe.core.request.EscalateUnacknowledgedRequestCommand;
import io.lethe.core.request.ExtendRequestDeadlineCommand;
import io.lethe.core.request.FulfilRequestCommand;
import io.lethe.core.request.NoticeKind;
import io.lethe.core.request.RecordNoticeSentCommand;
import io.lethe.core.request.RecordNoticeUndeliveredCommand;
import io.lethe.core.request.RequestNoticeSentEvent;
import io.lethe.core.request.RequestNoticeUndeliveredEvent;
import io.lethe.core.request.IdentityVerifiedEvent;
import io.lethe.core.request.PrivacyRequestSubmittedEvent;
import io.lethe.core.request.ProcessorCorrectionConfirmedEvent;
import io.lethe.core.request.ProcessorCorrectionOverdueEvent;
import io.lethe.core.request.ProcessorDeletionConfirmedEvent;
import io.lethe.core.request.ProcessorDeletionOverdueEvent;
import io.lethe.core.request.RaiseRequestReminderCommand;
import io.lethe.core.request.RequestAcknowledgedEvent;
import io.lethe.core.request.RequestAcknowledgementOverdueEvent;
import io.lethe.core.request.RequestDeadlineExtendedEvent;
import io.lethe.core.request.RequestDeniedEvent;
import io.lethe.core.request.RequestFeeSettledEvent;
import io.lethe.core.request.RequestFulfilledEvent;
import io.lethe.core.request.RequestId;
import io.lethe.core.request.RequestOverdueEvent;
import io.lethe.core.request.RequestRefusals;
import io.lethe.core.request.RequestReminderRaisedEvent;
import io.lethe.core.request.RequestRules;
import io.lethe.core.request.RequestStatus;
import io.lethe.core.request.RequestType;
import io.lethe.core.request.ResponseRule;
import io.lethe.core.request.SettleRequestFeeCommand;
import io.lethe.core.request.VerifyIdentityCommand;
import io.lethe.core.subject.ShreddingOutcome;
import io.lethe.core.subject.SubjectId;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.EntityId;

import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One data-subject request, an entity of the {@link DataSubject} aggregate: its events are on the
 * subject's stream and it is loaded with the subject (ADR 0005). Axon hands every command that names
 * a request by its {@code requestId} to the handlers here, and sources a request only from the
 * events that carry its own id; a command naming a request the subject does not have is refused by
 * the root, as {@code request-not-found}.
 *
 * <p>The request's own rules live here: identity and the clock it stops (UK), the fee, the one
 * extension, acknowledgement of receipt, fulfilment and denial, the clock's reminders and
 * escalations, and the processors directed to delete or correct and their confirmations. None of them
 * reads the subject: the jurisdiction, due date and fee are fixed in the submitted event, so a
 * request holds its subject's id and nothing else of it.
 *
 * <p>What also decides for the subject stays on the root, which asks the request for its part:
 * opening a request (the root creates the entity from {@link PrivacyRequestSubmittedEvent}, and the
 * decision needs the subject's jurisdiction, age and other requests), a correction (the profile
 * changes with the fulfilment) and the completion of an erasure (the subject's keys are destroyed in
 * the transaction that fulfils it, with the certificate this request draws up).
 */
@com.fasterxml.jackson.annotation.JsonAutoDetect(fieldVisibility = com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.ANY,
        getterVisibility = com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.NONE)
final class PrivacyRequest {

    @EntityId(routingKey = "requestId")
    private final RequestId requestId;
    private final SubjectId subjectId;
    private final RequestType type;
    private final Jurisdiction jurisdiction;
    private final Instant receivedAt;
    /** The law stops the clock until identity is known (UK); it runs once identity is verified. */
    private final boolean clockStopsForIdentity;
    private RequestStatus status;
    private boolean feeOwed;
    private LocalDate dueOn;
    private boolean extended;
    private boolean overdue;
    private boolean reminded;
    private boolean acknowledged;
    private final LocalDate acknowledgeBy;
    private boolean acknowledgementOverdue;
    private final Map<String, Instant> processorsAsked = new LinkedHashMap<>();
    private final Set<String> processorsConfirmed = new LinkedHashSet<>();
    private final Set<String> processorsOverdue = new LinkedHashSet<>();
    private final Set<String> correctedFields = new LinkedHashSet<>();
    private final Set<java.util.UUID> notes = new java.util.HashSet<>();
    private final Set<NoticeKind> noticesSent = EnumSet.noneOf(NoticeKind.class);

    /** For a snapshot's reader, which then sets every field as the snapshot holds it. */
    @SuppressWarnings("unused")
    private PrivacyRequest() {
        this.requestId = null;
        this.subjectId = null;
        this.type = null;
        this.jurisdiction = null;
        this.receivedAt = null;
        this.clockStopsForIdentity = false;
        this.acknowledgeBy = null;
    }

    /** Created by the root's sourcing handler of the submitted event, as Axon creates entities. */
    PrivacyRequest(PrivacyRequestSubmittedEvent submitted) {
        this.requestId = submitted.requestId();
        this.subjectId = submitted.subjectId();
        this.type = submitted.type();
        this.jurisdiction = submitted.jurisdiction();
        this.receivedAt = submitted.receivedAt();
        this.clockStopsForIdentity = submitted.clockStoppedUntilIdentity();
        this.status = submitted.identityRequired() ? RequestStatus.AWAITING_IDENTITY : RequestStatus.IN_PROGRESS;
        this.feeOwed = submitted.fee() != null;
        this.dueOn = submitted.dueOn();
        this.acknowledgeBy = submitted.acknowledgeBy();
    }

    // --- what the root asks of a request ---

    boolean erasure() {
        return type.kind() == RequestType.Kind.ERASURE;
    }

    boolean open() {
        return !status.closed();
    }

    RequestType type() {
        return type;
    }

    /** A correction the root may fulfil with corrected values (it changes the profile in the same step). */
    void requireCorrectable() {
        if (type.kind() != RequestType.Kind.CORRECTION) {
            throw RequestRefusals.notACorrection();
        }
        requireFulfillable();
    }

    /**
     * Whether the root is to complete this erasure now: an erasure, open, fulfillable, every processor
     * asked has confirmed. A closed erasure has nothing left to complete (completion is idempotent).
     */
    boolean erasureToComplete() {
        if (!erasure()) {
            throw RequestRefusals.notAnErasure();
        }
        if (!open()) {
            return false;
        }
        requireFulfillable();
        if (!processorsConfirmed.containsAll(processorsAsked.keySet())) {
            throw RequestRefusals.processorsPending();
        }
        return true;
    }

    /** The root destroyed the subject's keys for this erasure: fulfilled, with a certificate of what went and what stayed. */
    void fulfilByErasure(String reference, ShreddingOutcome outcome) {
        Set<RetentionClass> erased = EnumSet.allOf(RetentionClass.class);
        erased.removeAll(outcome.withheld());
        ErasureCertificate certificate = new ErasureCertificate(ErasureCertificate.CRYPTO_SHREDDING, erased,
                outcome.withheld(), outcome.withheldBy(), List.copyOf(processorsConfirmed), now());
        apply(new RequestFulfilledEvent(subjectId, requestId, type, reference, certificate));
    }

    /**
     * A correction's values were corrected (the fields named); processors may now be directed to
     * follow. Called by the root: the profile's event names the request as {@code correctionRequestId},
     * so it is not routed here by id.
     */
    void corrected(List<String> fields) {
        correctedFields.addAll(fields);
    }

    // --- the request's own decisions ---

    /** Open or closed, a request takes notes; the same note sent again records nothing. */
    @CommandHandler
    void handle(io.lethe.core.request.AddRequestNoteCommand command) {
        if (notes.contains(command.noteId())) {
            return;
        }
        if (notes.size() >= io.lethe.core.request.AddRequestNoteCommand.MAX_NOTES) {
            throw RequestRefusals.noteLimit(io.lethe.core.request.AddRequestNoteCommand.MAX_NOTES);
        }
        apply(new io.lethe.core.request.RequestNoteAddedEvent(subjectId, requestId, command.noteId(), command.text()));
    }

    /** Idempotent: a second acknowledgement records nothing. */
    @CommandHandler
    void handle(AcknowledgeRequestCommand command) {
        requireOpen();
        if (!acknowledged) {
            apply(new RequestAcknowledgedEvent(subjectId, requestId));
        }
    }

    /** Where the law stops the clock until identity is known (UK), the due date runs from now. */
    @CommandHandler
    void handle(VerifyIdentityCommand command, RequestRules rules) {
        requireOpen();
        if (status != RequestStatus.AWAITING_IDENTITY) {
            throw RequestRefusals.identityAlreadyVerified();
        }
        Instant evidenceReceivedAt = command.evidenceReceivedAt() == null ? now() : command.evidenceReceivedAt();
        if (evidenceReceivedAt.isAfter(now()) || evidenceReceivedAt.isBefore(receivedAt)) {
            throw RequestRefusals.evidenceOutsideRequest();
        }
        LocalDate newDueOn = dueOn;
        if (clockStopped()) {
            ResponseRule rule = rules.rule(jurisdiction, type)
                    .orElseThrow(() -> RequestRefusals.typeNotGranted(jurisdiction, rules.granted(jurisdiction)));
            newDueOn = rule.dueOn(LocalDate.ofInstant(evidenceReceivedAt, jurisdiction.zone()));
        }
        apply(new IdentityVerifiedEvent(subjectId, requestId, command.method(), command.reference(), newDueOn,
                ResponseRule.endOf(newDueOn, jurisdiction.zone()), evidenceReceivedAt));
    }

    @CommandHandler
    void handle(SettleRequestFeeCommand command) {
        requireOpen();
        if (!feeOwed) {
            throw RequestRefusals.noFeeOwed();
        }
        apply(new RequestFeeSettledEvent(subjectId, requestId, command.settlement(), command.reference()));
    }

    /** Once, by the law's period, with the notice sent inside the original period (and not after today). */
    @CommandHandler
    void handle(ExtendRequestDeadlineCommand command, RequestRules rules) {
        requireOpen();
        ResponseRule rule = rules.rule(jurisdiction, type)
                .filter(granted -> granted.extension().isPresent())
                .orElseThrow(RequestRefusals::noExtensionGranted);
        if (extended) {
            throw RequestRefusals.alreadyExtended();
        }
        // verification fixes the due date afresh from the evidence, which an earlier extension would not survive
        if (clockStopped()) {
            throw RequestRefusals.clockNotStarted();
        }
        LocalDate notice = command.noticeSentOn();
        LocalDate today = LocalDate.ofInstant(now(), jurisdiction.zone());
        LocalDate receivedOn = LocalDate.ofInstant(receivedAt, jurisdiction.zone());
        if (notice.isBefore(receivedOn) || notice.isAfter(dueOn) || notice.isAfter(today)) {
            throw RequestRefusals.noticeOutsideOriginalPeriod();
        }
        LocalDate extendedDueOn = rule.extendedDueOn(dueOn).orElseThrow();
        apply(new RequestDeadlineExtendedEvent(subjectId, requestId, command.reason(), notice,
                command.noticeReference(), extendedDueOn, ResponseRule.endOf(extendedDueOn, jurisdiction.zone())));
    }

    /** Erasure-kind requests are fulfilled by the erasure process, with a certificate, never by hand. */
    @CommandHandler
    void handle(FulfilRequestCommand command) {
        if (erasure()) {
            throw RequestRefusals.fulfilledByErasureProcess();
        }
        requireFulfillable();
        apply(new RequestFulfilledEvent(subjectId, requestId, type, command.responseReference(), null));
    }

    @CommandHandler
    void handle(DenyRequestCommand command) {
        requireOpen();
        apply(new RequestDeniedEvent(subjectId, requestId, type, command.reason(), command.reference()));
    }

    /**
     * A notice was handed to the mail server: recorded once per kind, open or closed (a denial's notice
     * follows the denial). The receipt confirms receipt, as a staff acknowledgement would.
     */
    @CommandHandler
    void handle(RecordNoticeSentCommand command) {
        if (noticesSent.contains(command.kind())) {
            return;
        }
        apply(new RequestNoticeSentEvent(subjectId, requestId, command.kind(), command.language(), command.sentAt(),
                command.reference()));
        if (command.kind() == NoticeKind.RECEIPT && open() && !acknowledged) {
            apply(new RequestAcknowledgedEvent(subjectId, requestId));
        }
    }

    /** Given up after the delivery's last attempt; nothing once the notice was recorded sent. */
    @CommandHandler
    void handle(RecordNoticeUndeliveredCommand command) {
        if (!noticesSent.contains(command.kind())) {
            apply(new RequestNoticeUndeliveredEvent(subjectId, requestId, command.kind(), command.attempts(), command.failure()));
        }
    }

    // --- the request clock's commands (each a no-op when it has nothing to record) ---

    /** A no-op once the request is closed or was reminded for this due date. */
    @CommandHandler
    void handle(RaiseRequestReminderCommand command) {
        if (open() && !reminded && !clockStopped()) {
            apply(new RequestReminderRaisedEvent(subjectId, requestId, dueOn));
        }
    }

    /** A no-op once receipt was confirmed, the request closed, or the day has not ended. */
    @CommandHandler
    void handle(EscalateUnacknowledgedRequestCommand command) {
        if (acknowledgeBy != null && open() && !acknowledged && !acknowledgementOverdue
                && !now().isBefore(ResponseRule.endOf(acknowledgeBy, jurisdiction.zone()))) {
            apply(new RequestAcknowledgementOverdueEvent(subjectId, requestId, acknowledgeBy));
        }
    }

    /** A no-op when closed, already escalated, or the (extended) due date has not passed. */
    @CommandHandler
    void handle(EscalateOverdueRequestCommand command) {
        boolean due = !now().isBefore(ResponseRule.endOf(dueOn, jurisdiction.zone()));
        if (open() && !overdue && !clockStopped() && due) {
            apply(new RequestOverdueEvent(subjectId, requestId, dueOn));
        }
    }

    // --- the processors (policy §16 "direct our service providers … to delete") ---

    /** Idempotent: processors already asked are not asked again. */
    @CommandHandler
    void handle(DirectProcessorsCommand command) {
        requireProcessorWork();
        if (erasure()) {
            requireFulfillable();
        } else if (correctedFields.isEmpty()) {
            throw RequestRefusals.noProcessorWork();
        }
        command.confirmBy().forEach((processor, confirmBy) -> {
            if (!processorsAsked.containsKey(processor)) {
                apply(erasure()
                        ? new DeletionRequestedAtProcessorEvent(subjectId, requestId, processor, confirmBy)
                        : new CorrectionRequestedAtProcessorEvent(subjectId, requestId, processor, confirmBy,
                        List.copyOf(correctedFields)));
            }
        });
    }

    /**
     * Idempotent: a confirmation that arrives twice records nothing, nor does an erasure's after the
     * request closed (its certificate is issued). A correction is fulfilled before its processors
     * follow it, so their confirmations are recorded whenever they come.
     */
    @CommandHandler
    void handle(ConfirmProcessorCommand command) {
        requireProcessorWork();
        if (!processorsAsked.containsKey(command.processor())) {
            throw RequestRefusals.processorNotAsked();
        }
        if (processorsConfirmed.contains(command.processor()) || erasure() && !open()) {
            return;
        }
        apply(erasure()
                ? new ProcessorDeletionConfirmedEvent(subjectId, requestId, command.processor(), command.reference())
                : new ProcessorCorrectionConfirmedEvent(subjectId, requestId, command.processor(), command.reference()));
    }

    /** From the processor process; a no-op once confirmed, escalated, or the erasure closed. */
    @CommandHandler
    void handle(EscalateProcessorCommand command) {
        requireProcessorWork();
        String processor = command.processor();
        if ((open() || !erasure()) && processorsAsked.containsKey(processor)
                && !processorsConfirmed.contains(processor) && !processorsOverdue.contains(processor)) {
            Instant confirmBy = processorsAsked.get(processor);
            apply(erasure()
                    ? new ProcessorDeletionOverdueEvent(subjectId, requestId, processor, confirmBy)
                    : new ProcessorCorrectionOverdueEvent(subjectId, requestId, processor, confirmBy));
        }
    }

    /** An erasure or a correction: the requests whose work reaches the processors (policy §16). */
    private void requireProcessorWork() {
        if (!erasure() && type.kind() != RequestType.Kind.CORRECTION) {
            throw RequestRefusals.notAnErasure();
        }
    }

    private void requireOpen() {
        if (status.closed()) {
            throw RequestRefusals.closed();
        }
    }

    /** Fulfilment needs verified identity (where the law asks for it) and a settled fee. */
    private void requireFulfillable() {
        requireOpen();
        if (status == RequestStatus.AWAITING_IDENTITY) {
            throw RequestRefusals.identityNotVerified();
        }
        if (feeOwed) {
            throw RequestRefusals.feeUnsettled();
        }
    }

    /** Awaiting identity where the law stops the clock for it: no reminder, no escalation. */
    private boolean clockStopped() {
        return clockStopsForIdentity && status == RequestStatus.AWAITING_IDENTITY;
    }

    private static Instant now() {
        return GenericEventMessage.clock.instant();
    }

    // --- state, changed only by the request's own events ---

    /** A clock that starts again starts clean: its reminder and escalation are owed anew. */
    @EventSourcingHandler
    void on(IdentityVerifiedEvent event) {
        status = RequestStatus.IN_PROGRESS;
        if (!event.dueOn().equals(dueOn)) {
            overdue = false;
            reminded = false;
        }
        dueOn = event.dueOn();
    }

    @EventSourcingHandler
    void on(RequestFeeSettledEvent event) {
        feeOwed = false;
    }

    @EventSourcingHandler
    void on(RequestDeadlineExtendedEvent event) {
        extended = true;
        dueOn = event.dueOn();
        overdue = false;
        reminded = false;
    }

    @EventSourcingHandler
    void on(io.lethe.core.request.RequestNoteAddedEvent event) {
        notes.add(event.noteId());
    }

    @EventSourcingHandler
    void on(RequestAcknowledgedEvent event) {
        acknowledged = true;
    }

    @EventSourcingHandler
    void on(RequestNoticeSentEvent event) {
        noticesSent.add(event.kind());
    }

    @EventSourcingHandler
    void on(RequestAcknowledgementOverdueEvent event) {
        acknowledgementOverdue = true;
    }

    @EventSourcingHandler
    void on(RequestReminderRaisedEvent event) {
        reminded = true;
    }

    @EventSourcingHandler
    void on(RequestOverdueEvent event) {
        overdue = true;
    }

    @EventSourcingHandler
    void on(DeletionRequestedAtProcessorEvent event) {
        processorsAsked.put(event.processor(), event.confirmBy());
    }

    @EventSourcingHandler
    void on(CorrectionRequestedAtProcessorEvent event) {
        processorsAsked.put(event.processor(), event.confirmBy());
    }

    @EventSourcingHandler
    void on(ProcessorDeletionConfirmedEvent event) {
        processorsConfirmed.add(event.processor());
    }

    @EventSourcingHandler
    void on(ProcessorCorrectionConfirmedEvent event) {
        processorsConfirmed.add(event.processor());
    }

    @EventSourcingHandler
    void on(ProcessorDeletionOverdueEvent event) {
        processorsOverdue.add(event.processor());
    }

    @EventSourcingHandler
    void on(ProcessorCorrectionOverdueEvent event) {
        processorsOverdue.add(event.processor());
    }

    @EventSourcingHandler
    void on(RequestFulfilledEvent event) {
        status = RequestStatus.FULFILLED;
    }

    @EventSourcingHandler
    void on(RequestDeniedEvent event) {
        status = RequestStatus.DENIED;
    }

    /** Value equality, so that sourcing the same events twice yields equal state (the fixture checks this). */
    @Override
    public boolean equals(Object other) {
        return other instanceof PrivacyRequest that && requestId.equals(that.requestId) && subjectId.equals(that.subjectId)
                && type == that.type && jurisdiction == that.jurisdiction && receivedAt.equals(that.receivedAt)
                && clockStopsForIdentity == that.clockStopsForIdentity && status == that.status
                && feeOwed == that.feeOwed && Objects.equals(dueOn, that.dueOn) && extended == that.extended
                && overdue == that.overdue && reminded == that.reminded && acknowledged == that.acknowledged
                && Objects.equals(acknowledgeBy, that.acknowledgeBy) && acknowledgementOverdue == that.acknowledgementOverdue
                && processorsAsked.equals(that.processorsAsked) && processorsConfirmed.equals(that.processorsConfirmed)
                && processorsOverdue.equals(that.processorsOverdue) && correctedFields.equals(that.correctedFields)
                && noticesSent.equals(that.noticesSent);
    }

    @Override
    public int hashCode() {
        return requestId.hashCode();
    }
}
