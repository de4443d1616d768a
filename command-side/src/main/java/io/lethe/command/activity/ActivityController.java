package io.lethe.command.activity;

import io.lethe.command.NewIds;
import io.lethe.command.RetriedRequests;
import io.lethe.command.subject.SubjectFacing;
import io.lethe.core.activity.ActivityKind;
import io.lethe.core.activity.CommunicationKind;
import io.lethe.core.activity.RecordActivityCommand;
import io.lethe.core.activity.RecordCommunicationCommand;
import io.lethe.core.activity.RecordInferenceCommand;
import io.lethe.core.activity.UsageActivity;
import io.lethe.core.personaldata.DataCategory;
import io.lethe.core.personaldata.PersonalData;
import io.lethe.core.personaldata.Redaction;
import io.lethe.core.personaldata.RetentionClass;
import io.lethe.core.personaldata.SafeToString;
import io.lethe.core.refusal.Refusal;
import io.lethe.core.subject.SubjectId;
import io.lethe.core.validation.Lengths;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.Nullable;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import io.lethe.command.ApiCommands;
import org.axonframework.messaging.interceptors.JSR303ViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What product services report as subjects use the Service: network activity in batches at their
 * own volume (CCPA category D), inquiries and other communications (E), and inferences with what
 * they were drawn from (F). Role SERVICE.
 */
@RestController
@Tag(name = "Activity, communications, inferences",
        description = "Categories D, E and F, reported by product services")
class ActivityController {

    private static final Logger log = LoggerFactory.getLogger(ActivityController.class);

    private final ApiCommands commands;
    private final UsageRecording usageRecording;
    private final Validator validator;

    ActivityController(ApiCommands commands, UsageRecording usageRecording, Validator validator) {
        this.commands = commands;
        this.usageRecording = usageRecording;
        this.validator = validator;
    }

    @ApiResponse(responseCode = "200", description = "The pieces recorded, and each subject refused with its reason.")
    @ApiResponse(responseCode = "422", description = "`card-number-refused`: a full card number in any field; nothing of the request was stored.")
    @PostMapping("/api/activity")
    @Operation(summary = "Record network activity, for many subjects at once",
            description = "Up to " + RecordActivityCommand.MAX_PIECES + " pieces per request, of any number of "
                    + "subjects. The whole request is checked first: one malformed piece refuses it with 400 (a card "
                    + "number with 422), naming the piece by its index, and nothing is stored. Then each subject's "
                    + "pieces are recorded together, all or none: the answer counts the pieces recorded and lists the "
                    + "subjects refused with the reason (unknown subject, terminated account, processing restricted, "
                    + "a piece older than usage data is kept, or from the future). Their pieces are not stored and may "
                    + "be sent again once the reason is gone. A piece may carry `pieceId`, the service's own identifier "
                    + "of it (a reference, not personal data): a piece whose identifier the subject already has is not "
                    + "recorded again, and is counted under `alreadyRecorded`, so a batch retried after a lost answer "
                    + "counts nothing twice, with or without an `Idempotency-Key`. Pieces are kept by the rolling "
                    + "retention of usage data "
                    + "(`lethe.retention.usage`: monthly periods, each shredded 13 months after it ends).")
    ResponseEntity<ActivityRecorded> recordActivity(@RequestBody ActivityBatch batch) {
        Set<ConstraintViolation<Object>> violations = validator.validate((Object) batch);
        if (!violations.isEmpty()) {
            throw new JSR303ViolationException(violations);
        }
        Map<SubjectId, List<UsageActivity>> bySubject = new LinkedHashMap<>();
        for (ActivityPiece piece : batch.activities()) {
            bySubject.computeIfAbsent(new SubjectId(piece.subjectId()), subject -> new ArrayList<>()).add(piece.activity());
        }
        int recorded = 0;
        int alreadyRecorded = 0;
        List<SubjectRefused> refused = new ArrayList<>();
        for (Map.Entry<SubjectId, List<UsageActivity>> subject : bySubject.entrySet()) {
            int pieces = subject.getValue().size();
            try {
                int stored = usageRecording.record(new RecordActivityCommand(subject.getKey(), List.copyOf(subject.getValue())));
                recorded += stored;
                alreadyRecorded += pieces - stored;
            } catch (RuntimeException e) {
                refused.add(refusal(subject.getKey(), pieces, e));
            }
        }
        // a batch across many subjects is named by the history's position after it
        commands.callDone();
        return ResponseEntity.ok(new ActivityRecorded(recorded, alreadyRecorded, bySubject.size() - refused.size(), refused));
    }

    private static SubjectRefused refusal(SubjectId subject, int pieces, Throwable cause) {
        Refusal refusal = Refusal.of(cause).orElse(
                cause instanceof io.lethe.core.refusal.RefusedException refusedException ? refusedException.refusal() : null);
        if (refusal != null) {
            return new SubjectRefused(subject.toString(), pieces, refusal.code(), refusal.detail(), null);
        }
        String errorId = UUID.randomUUID().toString();
        RetriedRequests.answerIsTransient();
        // types only: a message may quote the input
        log.error("Recording a subject's activity failed with {} (error id {})", cause == null ? "?" : cause.getClass().getName(),
                errorId);
        return new SubjectRefused(subject.toString(), pieces, "internal-error",
                "Recording failed unexpectedly; nothing of this subject's pieces was stored. They may be sent again.",
                errorId);
    }

    @ApiResponse(responseCode = "201", description = "Kept; the communication's id.")
    @ApiResponse(responseCode = "404", description = "`subject-not-found`: no data subject with this id is known.")
    @ApiResponse(responseCode = "409", description = "`personal-data-erased`: COMMUNICATIONS was shredded; `communication-already-recorded`: one with this `communicationId` exists.")
    @ApiResponse(responseCode = "422", description = "`communication-without-content`: neither `content` nor `contentReference`; `activity-in-the-future`; `card-number-refused`: a full card number in any field; nothing of the request was stored.")
    @SubjectFacing
    @PostMapping("/api/subjects/{subjectId}/communications")
    @Operation(summary = "Keep an inquiry, voice record, message or file",
            description = "Category E, class COMMUNICATIONS. `content` (the text, a transcript) or `contentReference` "
                    + "(where the recording or file is stored), or both. The id makes a retry safe: a second one with "
                    + "the same `communicationId` is refused with 409.")
    ResponseEntity<Recorded> recordCommunication(@PathVariable SubjectId subjectId, @RequestBody CommunicationRequest request) {
        UUID id = request.communicationId() == null ? NewIds.uuid("communication") : request.communicationId();
        commands.sendAndWait(new RecordCommunicationCommand(subjectId, id, request.kind(), request.occurredAt(),
                request.topic(), request.content(), request.contentReference()));
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/api/subjects/{id}/communications/{communicationId}").buildAndExpand(subjectId, id).toUri())
                .body(new Recorded(subjectId.toString(), id));
    }

    @ApiResponse(responseCode = "201", description = "Recorded; the inference's id.")
    @ApiResponse(responseCode = "404", description = "`subject-not-found`: no data subject with this id is known.")
    @ApiResponse(responseCode = "409", description = "`account-terminated`; `personal-data-erased`: USAGE was shredded; `inference-already-recorded`: one with this `inferenceId` exists.")
    @ApiResponse(responseCode = "422", description = "`processing-restricted`, `objected-to`: a fulfilled request forbids profiling; `sensitive-use-limited`: a sensitive inference under a limit on sensitive use; `activity-past-retention`; `card-number-refused`: a full card number in any field; nothing of the request was stored.")
    @SubjectFacing
    @PostMapping("/api/subjects/{subjectId}/inferences")
    @Operation(summary = "Record an inference drawn about the subject",
            description = "Category F, usage data under the rolling retention. `drawnFrom` names the categories it was "
                    + "drawn from, `sources` the source records (a usage period, a communication id). Refused with 422 "
                    + "while a restriction, cessation of processing or objection is in force, and for a `sensitive` "
                    + "inference while a limit on the use of sensitive information is (CPRA 1798.121).")
    ResponseEntity<Recorded> recordInference(@PathVariable SubjectId subjectId, @RequestBody InferenceRequest request) {
        UUID id = request.inferenceId() == null ? NewIds.uuid("inference") : request.inferenceId();
        usageRecording.record(new RecordInferenceCommand(subjectId, id, request.characteristic(), request.value(),
                request.drawnFrom(), request.sources(), request.inferredBy(), Boolean.TRUE.equals(request.sensitive())));
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/api/subjects/{id}/inferences/{inferenceId}").buildAndExpand(subjectId, id).toUri())
                .body(new Recorded(subjectId.toString(), id));
    }

    /** A batch of activity pieces, each naming its subject. */
    record ActivityBatch(@NotEmpty @Size(max = RecordActivityCommand.MAX_PIECES) List<@NotNull @Valid ActivityPiece> activities) {
    }

    /** One piece of activity of one subject, as a product service sends it. */
    record ActivityPiece(@NotNull UUID subjectId,
                         @NotNull Instant occurredAt,
                         @NotNull ActivityKind kind,
                         @PersonalData(RetentionClass.USAGE) @Schema(maxLength = Lengths.ACTION) String action,
                         @PersonalData(RetentionClass.USAGE) @Schema(maxLength = Lengths.TARGET) String target,
                         @PersonalData(RetentionClass.USAGE) @Schema(maxLength = Lengths.DETAIL) String detail,
                         @PersonalData(RetentionClass.USAGE) @Schema(maxLength = Lengths.REGION) String region,
                         @Schema(maxLength = Lengths.REFERENCE) String pieceId) {

        UsageActivity activity() {
            return new UsageActivity(occurredAt, kind, action, target, detail, region, pieceId);
        }

        /**
         * Validated as the activity it becomes, so a violation names the same rule the command would
         * ({@code activities[3].piece.target}).
         */
        @Valid
        @com.fasterxml.jackson.annotation.JsonIgnore
        @io.swagger.v3.oas.annotations.media.Schema(hidden = true)
        public UsageActivity getPiece() {
            return activity();
        }

        @Override
        public String toString() {
            return SafeToString.of(this);
        }
    }

    /**
     * @param recorded        the pieces stored
     * @param alreadyRecorded the pieces not stored again: their {@code pieceId} was already recorded for the subject
     * @param subjects        the subjects whose pieces were stored (or were already)
     * @param refused         the subjects whose pieces were not, and why
     */
    record ActivityRecorded(int recorded, int alreadyRecorded, int subjects,
                            @ArraySchema(maxItems = RecordActivityCommand.MAX_PIECES) List<SubjectRefused> refused) {
    }

    /** A subject whose pieces were refused: the refusal's code and detail (or an error id), never a value. */
    record SubjectRefused(@Schema(format = "uuid") String subjectId, int pieces, @Schema(maxLength = CODE_LENGTH) String code,
                          @Size(max = Lengths.DETAIL) String detail, @Nullable @Schema(format = "uuid") String errorId) {

        /** A refusal's code: a few words in kebab case. */
        static final int CODE_LENGTH = 64;
    }

    record CommunicationRequest(UUID communicationId, @NotNull CommunicationKind kind, @NotNull Instant occurredAt,
                                @PersonalData(RetentionClass.COMMUNICATIONS) @Size(max = Lengths.TARGET) String topic,
                                @PersonalData(RetentionClass.COMMUNICATIONS) @Size(max = Lengths.CONTENT) String content,
                                @PersonalData(RetentionClass.COMMUNICATIONS) @Size(max = Lengths.DETAIL) String contentReference) {
        @Override
        public String toString() {
            return SafeToString.of(this);
        }
    }

    record InferenceRequest(UUID inferenceId,
                            @PersonalData(RetentionClass.USAGE) @NotBlank @Size(min = 1, max = Lengths.TARGET) String characteristic,
                            @PersonalData(RetentionClass.USAGE) @NotBlank @Size(min = 1, max = Lengths.DETAIL) String value,
                            @NotEmpty Set<DataCategory> drawnFrom,
                            @PersonalData(value = RetentionClass.USAGE, redaction = Redaction.NULL)
                            @Size(max = RecordInferenceCommand.MAX_SOURCES) List<@Size(max = Lengths.TARGET) String> sources,
                            @NotBlank @Size(min = 1, max = Lengths.INFERRED_BY) String inferredBy,
                            Boolean sensitive) {
        @Override
        public String toString() {
            return SafeToString.of(this);
        }
    }

    record Recorded(@Schema(format = "uuid") String subjectId, UUID id) {
    }
}
