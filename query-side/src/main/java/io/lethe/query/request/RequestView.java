package io.lethe.query.request;

import io.lethe.core.jurisdiction.Jurisdiction;
import io.lethe.core.personaldata.RetentionClass;
import io.lethe.core.request.DenialReason;
import io.lethe.core.request.ExtensionReason;
import io.lethe.core.request.FeeSettlement;
import io.lethe.core.request.RequestChannel;
import io.lethe.core.request.RequestStatus;
import io.lethe.core.request.RequestType;
import io.lethe.core.subject.Requester;
import io.lethe.core.validation.Lengths;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
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
public record RequestView(
        @Schema(format = "uuid") String requestId,
        @Schema(format = "uuid") String subjectId,
        @Schema(implementation = Jurisdiction.class) String jurisdiction,
        @Schema(implementation = RequestType.class) String type,
        @Schema(implementation = RequestType.Kind.class) String kind,
        @Schema(implementation = Requester.class) String requester,
        @Schema(implementation = RequestChannel.class) String channel,
        @Schema(implementation = RequestStatus.class) String status,
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
        @Nullable @Schema(implementation = DenialReason.class) String denialReason,
        @Nullable @Schema(maxLength = Lengths.REFERENCE) String responseReference,
        @Nullable Certificate certificate,
        // the staff steps the request takes now (RequestStep), in the order they are usually taken
        @ArraySchema(schema = @Schema(implementation = RequestStep.class), uniqueItems = true, maxItems = 7) List<String> steps,
        // one request's work, read as the work lists are (RequestQueue#processorWork: LIMIT 1000); empty in a listing
        @ArraySchema(maxItems = WORK_LIMIT) List<ProcessorWork> processors) {

    /** The most processor work one read gives: RequestQueue#processorWork reads with {@code LIMIT 1000}. */
    static final int WORK_LIMIT = 1000;

    record Fee(@Schema(maxLength = Lengths.CURRENCY) String currency, long minorUnits,
               @Nullable @Schema(implementation = FeeSettlement.class) String settlement) {
    }

    public record Extension(Instant extendedAt, @Schema(implementation = ExtensionReason.class) String reason) {
    }

    /**
     * The deletion certificate of a fulfilled erasure request: no personal data. {@code withheldBy}: the
     * holds that kept a class (as many as a subject carries at once), and {@code processorsConfirmed}: the
     * processors, each once (as many as a deployment directs).
     */
    public record Certificate(@Schema(maxLength = METHOD_LENGTH) String method,
                       @ArraySchema(schema = @Schema(implementation = RetentionClass.class), uniqueItems = true) List<String> erasedClasses,
                       @ArraySchema(schema = @Schema(implementation = RetentionClass.class), uniqueItems = true) List<String> withheldClasses,
                       @ArraySchema(schema = @Schema(maxLength = Lengths.REFERENCE), uniqueItems = true,
                               maxItems = io.lethe.core.subject.PlaceLegalHoldCommand.MAX_HOLDS_AT_ONCE) List<String> withheldBy,
                       @ArraySchema(schema = @Schema(maxLength = Lengths.PROCESSOR), uniqueItems = true,
                               maxItems = io.lethe.core.request.DirectProcessorsCommand.MAX_PROCESSORS) List<String> processorsConfirmed,
                       Instant completedAt) {

        /** How the data was made unrecoverable: the request log keeps it in 100 ({@code privacy_request.erasure_method}). */
        static final int METHOD_LENGTH = 100;
    }

    /**
     * What a downstream processor was directed to do for a request: {@code DELETE} (an erasure) or
     * {@code CORRECT} (a correction; {@code fields} names what changed, the values are read at the
     * request's correction endpoint).
     */
    record ProcessorWork(@Schema(format = "uuid") String requestId, @Schema(format = "uuid") String subjectId,
                         @Schema(maxLength = Lengths.PROCESSOR) String processor,
                         @Schema(allowableValues = {"DELETE", "CORRECT"}) String action,
                         // the profile's fields a correction changed, each once (a list of plain strings: generated
                         // clients mishandle a set of inline enum values)
                         @Nullable @ArraySchema(arraySchema = @Schema(nullable = true), schema = @Schema(maxLength = 13,
                                 description = "`name`, `postalAddress` or `email`"),
                                 uniqueItems = true, maxItems = 3) List<String> fields,
                         Instant requestedAt, Instant confirmBy, @Nullable Instant confirmedAt,
                         @Nullable @Schema(maxLength = Lengths.REFERENCE) String reference, @Nullable Instant overdueSince,
                         // the request's law, whose calendar and zone its dates are read in (absent only while the
                         // request's own row is being rebuilt)
                         @Nullable @Schema(implementation = Jurisdiction.class) String jurisdiction) {
    }
}
