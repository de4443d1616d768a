package io.lethe.command.subject;

import io.lethe.core.jurisdiction.Jurisdiction;
import io.lethe.core.request.RequestId;
import io.lethe.core.request.RequestRefusals;
import io.lethe.core.request.RequestStatus;
import io.lethe.core.request.RequestType;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One data-subject request, an entity of the {@link DataSubject} aggregate: its rules depend on the
 * subject's jurisdiction, and an erasure must destroy the subject's keys in the same transaction
 * that fulfils it. It holds what its decisions need: its type and jurisdiction, where the
 * clock stands, and which processors have confirmed.
 */
final class PrivacyRequest {

    private final RequestId requestId;
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

    PrivacyRequest(RequestId requestId, RequestType type, Jurisdiction jurisdiction, Instant receivedAt,
                   boolean identityRequired, boolean clockStopsForIdentity, boolean feeOwed, LocalDate dueOn,
                   LocalDate acknowledgeBy) {
        this.clockStopsForIdentity = clockStopsForIdentity;
        this.acknowledgeBy = acknowledgeBy;
        this.requestId = requestId;
        this.type = type;
        this.jurisdiction = jurisdiction;
        this.receivedAt = receivedAt;
        this.status = identityRequired ? RequestStatus.AWAITING_IDENTITY : RequestStatus.IN_PROGRESS;
        this.feeOwed = feeOwed;
        this.dueOn = dueOn;
    }

    RequestId id() {
        return requestId;
    }

    RequestType type() {
        return type;
    }

    boolean erasure() {
        return type.kind() == RequestType.Kind.ERASURE;
    }

    boolean open() {
        return !status.closed();
    }

    boolean awaitingIdentity() {
        return status == RequestStatus.AWAITING_IDENTITY;
    }

    boolean feeOwed() {
        return feeOwed;
    }

    boolean reminded() {
        return reminded;
    }

    boolean overdue() {
        return overdue;
    }

    LocalDate dueOn() {
        return dueOn;
    }

    Jurisdiction jurisdiction() {
        return jurisdiction;
    }

    Instant receivedAt() {
        return receivedAt;
    }

    /** Awaiting identity where the law stops the clock for it: no reminder, no escalation. */
    boolean clockStopped() {
        return clockStopsForIdentity && status == RequestStatus.AWAITING_IDENTITY;
    }

    LocalDate receivedOn() {
        return LocalDate.ofInstant(receivedAt, jurisdiction.zone());
    }

    boolean extended() {
        return extended;
    }

    void requireOpen() {
        if (status.closed()) {
            throw RequestRefusals.closed();
        }
    }

    /** Fulfilment needs verified identity (where the law asks for it) and a settled fee. */
    void requireFulfillable() {
        requireOpen();
        if (status == RequestStatus.AWAITING_IDENTITY) {
            throw RequestRefusals.identityNotVerified();
        }
        if (feeOwed) {
            throw RequestRefusals.feeUnsettled();
        }
    }

    boolean processorAsked(String processor) {
        return processorsAsked.containsKey(processor);
    }

    boolean processorConfirmed(String processor) {
        return processorsConfirmed.contains(processor);
    }

    boolean processorOverdue(String processor) {
        return processorsOverdue.contains(processor);
    }

    Instant confirmBy(String processor) {
        return processorsAsked.get(processor);
    }

    boolean allProcessorsConfirmed() {
        return processorsConfirmed.containsAll(processorsAsked.keySet());
    }

    List<String> confirmedProcessors() {
        return List.copyOf(processorsConfirmed);
    }

    /** A clock that starts again starts clean: its reminder and escalation are owed anew. */
    void identityVerified(LocalDate newDueOn) {
        status = RequestStatus.IN_PROGRESS;
        if (!newDueOn.equals(dueOn)) {
            overdue = false;
            reminded = false;
        }
        dueOn = newDueOn;
    }

    void feeSettled() {
        feeOwed = false;
    }

    void deadlineExtended(LocalDate newDueOn) {
        extended = true;
        dueOn = newDueOn;
        overdue = false;
        reminded = false;
    }

    boolean acknowledged() {
        return acknowledged;
    }

    LocalDate acknowledgeBy() {
        return acknowledgeBy;
    }

    boolean acknowledgementOverdue() {
        return acknowledgementOverdue;
    }

    void acknowledgementWentOverdue() {
        acknowledgementOverdue = true;
    }

    void acknowledgedReceipt() {
        acknowledged = true;
    }

    void reminderRaised() {
        reminded = true;
    }

    void becameOverdue() {
        overdue = true;
    }

    void recordProcessorAsked(String processor, Instant confirmBy) {
        processorsAsked.put(processor, confirmBy);
    }

    /** A correction's values were corrected (the fields named); processors may now be directed to follow. */
    void corrected(List<String> fields) {
        correctedFields.addAll(fields);
    }

    List<String> correctedFields() {
        return List.copyOf(correctedFields);
    }

    void recordProcessorConfirmed(String processor) {
        processorsConfirmed.add(processor);
    }

    void processorWentOverdue(String processor) {
        processorsOverdue.add(processor);
    }

    void fulfilled() {
        status = RequestStatus.FULFILLED;
    }

    void denied() {
        status = RequestStatus.DENIED;
    }

    /** Value equality, so that sourcing the same events twice yields equal state (the fixture checks this). */
    @Override
    public boolean equals(Object other) {
        return other instanceof PrivacyRequest that && requestId.equals(that.requestId) && type == that.type
                && jurisdiction == that.jurisdiction && receivedAt.equals(that.receivedAt)
                && clockStopsForIdentity == that.clockStopsForIdentity && status == that.status
                && feeOwed == that.feeOwed && Objects.equals(dueOn, that.dueOn) && extended == that.extended
                && overdue == that.overdue && reminded == that.reminded && acknowledged == that.acknowledged
                && Objects.equals(acknowledgeBy, that.acknowledgeBy) && acknowledgementOverdue == that.acknowledgementOverdue
                && processorsAsked.equals(that.processorsAsked) && processorsConfirmed.equals(that.processorsConfirmed)
                && processorsOverdue.equals(that.processorsOverdue) && correctedFields.equals(that.correctedFields);
    }

    @Override
    public int hashCode() {
        return requestId.hashCode();
    }
}
