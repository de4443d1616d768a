package io.lethe.query.request;

import jakarta.annotation.Nullable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One request as privacy staff see it in the queue: its clock, where it stands, and how it ended.
 * {@code overdue} is computed against the current time, so it is true from the instant the due day
 * ends, before the clock's escalation is even recorded. {@code clockStopped}: the law stops the
 * clock until identity is known (UK); {@code dueOn} is then provisional and the request not overdue.
 */
record RequestView(
        String requestId,
        String subjectId,
        String jurisdiction,
        String type,
        String kind,
        String requester,
        String channel,
        String status,
        Instant receivedAt,
        LocalDate dueOn,
        Instant dueAt,
        boolean clockStopped,
        boolean overdue,
        @Nullable Instant escalatedAt,
        @Nullable LocalDate acknowledgeBy,
        @Nullable Instant acknowledgedAt,
        @Nullable Instant acknowledgementEscalatedAt,
        @Nullable Instant identityVerifiedAt,
        @Nullable Instant identityEvidenceReceivedAt,
        @Nullable Fee fee,
        @Nullable Extension extension,
        @Nullable Instant remindedAt,
        @Nullable Instant closedAt,
        @Nullable String denialReason,
        @Nullable String responseReference,
        @Nullable Certificate certificate,
        List<ProcessorWork> processors) {

    record Fee(String currency, long minorUnits, @Nullable String settlement) {
    }

    record Extension(Instant extendedAt, String reason) {
    }

    /** The deletion certificate of a fulfilled erasure request: no personal data. */
    record Certificate(String method, List<String> erasedClasses, List<String> withheldClasses, List<String> withheldBy,
                       List<String> processorsConfirmed, Instant completedAt) {
    }

    /**
     * What a downstream processor was directed to do for a request: {@code DELETE} (an erasure) or
     * {@code CORRECT} (a correction; {@code fields} names what changed, the values are read at the
     * request's correction endpoint).
     */
    record ProcessorWork(String requestId, String subjectId, String processor, String action, @Nullable List<String> fields,
                         Instant requestedAt, Instant confirmBy, @Nullable Instant confirmedAt, @Nullable String reference, @Nullable Instant overdueSince) {
    }
}
