package io.lethe.query.request;

import java.util.Map;

import io.lethe.query.access.Disclosure;
import io.lethe.core.subject.SubjectId;
import io.lethe.core.subject.ProfileUpdatedEvent;
import io.lethe.core.request.RequestId;
import io.lethe.core.jurisdiction.Jurisdiction;
import io.lethe.core.refusal.Refusal;
import io.lethe.core.refusal.RefusedException;
import io.lethe.core.request.RequestType;
import io.lethe.core.validation.Lengths;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import jakarta.validation.constraints.Size;

import java.nio.charset.StandardCharsets;
import java.time.Year;
import java.util.List;
import java.util.UUID;

/** The request queue for privacy staff, and the deletion and correction work lists for processors. */
@RestController
@Validated
@Tag(name = "Request queue", description = "Open requests with their clocks; processors' deletion and correction work")
class RequestQueueController {

    /** The most requests a page of the queue holds. */
    static final int MAX_PAGE = 500;

    private final RequestQueue queue;
    private final RequestMetrics metrics;
    private final org.axonframework.eventsourcing.eventstore.EventStore eventStore;
    private final Disclosure disclosure;

    RequestQueueController(RequestQueue queue, RequestMetrics metrics,
                           org.axonframework.eventsourcing.eventstore.EventStore eventStore, Disclosure disclosure) {
        this.queue = queue;
        this.metrics = metrics;
        this.eventStore = eventStore;
        this.disclosure = disclosure;
    }

    /** The metrics operation's answer, described alike on its JSON and its CSV handler (one operation, two media types). */
    private static final String METRICS_ANSWER =
            "The year's metrics per request type: JSON, or with `Accept: text/csv` a CSV table with a header row.";

    @ApiResponse(responseCode = "200", description = METRICS_ANSWER, content = {
            @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/json", schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = RequestMetrics.YearMetrics.class))})
    @GetMapping(path = "/api/request-metrics", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "getRequestMetrics", summary = "A calendar year's request metrics (CCPA Regs §7102)",
            description = "Per request type: received, complied with in whole or in part, denied (by reason), still "
                    + "open, and the median and mean days from receipt to response, for the requests received in "
                    + "`year` in the jurisdiction's zone (default US-CA). Computed from the request log, so any past "
                    + "year can be reproduced. `Accept: text/csv` for the table.")
    RequestMetrics.YearMetrics metrics(@RequestParam @Min(2020) @Max(2100) int year,
                                       @RequestParam(defaultValue = "US-CA") Jurisdiction jurisdiction) {
        return metrics.of(Year.of(year), jurisdiction);
    }

    // the same operation as the JSON answer above, by content negotiation; described there, but for its body
    @ApiResponse(responseCode = "200", description = METRICS_ANSWER, content =
            @io.swagger.v3.oas.annotations.media.Content(mediaType = "text/csv", schema = @io.swagger.v3.oas.annotations.media.Schema(
                    type = "string", maxLength = RequestMetrics.CSV_MAX_LENGTH,
                    description = "CSV with a header row and a row per request type")))
    @GetMapping(path = "/api/request-metrics", produces = "text/csv")
    ResponseEntity<String> metricsCsv(@RequestParam @Min(2020) @Max(2100) int year,
                                      @RequestParam(defaultValue = "US-CA") Jurisdiction jurisdiction) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"request-metrics-" + year + "-"
                        + jurisdiction.code() + ".csv\"")
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .body(RequestMetrics.csv(metrics.of(Year.of(year), jurisdiction)));
    }

    @ApiResponse(responseCode = "200", description = "The requests, a page at a time.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE, array = @ArraySchema(schema = @Schema(implementation = RequestView.class), maxItems = MAX_PAGE)))
    @ApiResponse(responseCode = "422", description = "`invalid-state`: `state` is none of open, closed, all.")
    @GetMapping("/api/privacy-requests")
    @Operation(operationId = "listPrivacyRequests", summary = "The request queue",
            description = "Open requests overdue first, then by due time; `state=closed` or `all` for the request log "
                    + "(closed ones latest first). Filter by `jurisdiction` (JP, US-CA, EU, UK, TW, OTHER), `type` "
                    + "(e.g. know-specific-pieces) or `subjectId`. `sort=received` reads them earliest received first, "
                    + "`sort=-received` latest received first; `due` (the default) is the order above.")
    List<RequestView> list(@RequestParam(defaultValue = "open") @io.swagger.v3.oas.annotations.Parameter(schema = @io.swagger.v3.oas.annotations.media.Schema(allowableValues = {"open", "closed", "all"}, defaultValue = "open")) String state,
                           @RequestParam(required = false) Jurisdiction jurisdiction,
                           @RequestParam(required = false) RequestType type,
                           @RequestParam(required = false) UUID subjectId,
                           @RequestParam(defaultValue = "0") @Min(0) int page,
                           @RequestParam(defaultValue = "50") @Min(1) @Max(MAX_PAGE) int size,
                           @io.swagger.v3.oas.annotations.Parameter(description = "the order: `due` (default), `received`, `-received`",
                                   schema = @io.swagger.v3.oas.annotations.media.Schema(allowableValues = {"due", "received", "-received"},
                                           defaultValue = "due"))
                           @RequestParam(defaultValue = "due") String sort) {
        RequestQueue.Order order = switch (sort) {
            case "due" -> RequestQueue.Order.DUE;
            case "received" -> RequestQueue.Order.RECEIVED;
            case "-received" -> RequestQueue.Order.RECEIVED_DESC;
            default -> throw new io.lethe.core.validation.InvalidValueException("sort must be one of due, received, -received");
        };
        return queue.list(state(state), jurisdiction, type, subjectId, order, page, size);
    }

    @ApiResponse(responseCode = "200", description = "The open requests per law by due window, and the processors' work owed.")
    @GetMapping("/api/privacy-requests/overview")
    @Operation(operationId = "getRequestOverview", summary = "The open requests at a glance",
            description = "Per law with open requests: how many, overdue, due within 7 days, within 30 days, later, and "
                    + "waiting for identity with the clock stopped (UK) — each window counted in the law's own calendar. "
                    + "With the deletions and corrections processors have yet to confirm, and how many of them are late. "
                    + "No personal data.")
    RequestOverview overview() {
        return queue.overview();
    }

    @ApiResponse(responseCode = "200", description = "The request.")
    @ApiResponse(responseCode = "404", description = "`request-not-found`: no request with this id is known.")
    @GetMapping("/api/privacy-requests/{requestId}")
    @Operation(operationId = "getPrivacyRequest", summary = "One request with its processors and, for an erasure, its deletion certificate")
    RequestView find(@PathVariable UUID requestId) {
        return queue.find(requestId).orElseThrow(() -> RefusedException.because("request-not-found",
                Refusal.Kind.NOT_FOUND, "No request with this id is known."));
    }

    @ApiResponse(responseCode = "200", description = "The processor's deletions, oldest first.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE,
            array = @ArraySchema(schema = @Schema(implementation = RequestView.ProcessorWork.class), maxItems = RequestView.WORK_LIMIT)))
    @ApiResponse(responseCode = "403", description = "`forbidden`: the role does not admit the request; `another-processors-queue`: a processor names another's queue.")
    @GetMapping("/api/processor-deletions")
    @Operation(operationId = "listProcessorDeletions", summary = "Deletions asked of downstream processors",
            description = "A processor's integration (role PROCESSOR) polls its own pending work and confirms each "
                    + "through the request's processor-confirmations endpoint; it sees only its own, and naming another "
                    + "processor is forbidden. Privacy staff see every processor's, or one's with `processor=<key>`. "
                    + "`pending=false` includes confirmed ones. A page at a time, soonest due first: `size` items "
                    + "(at most and by default " + RequestView.WORK_LIMIT + ") from page `page`.")
    List<RequestView.ProcessorWork> processorDeletions(@RequestParam(required = false) @Size(max = Lengths.PROCESSOR) String processor,
                                                       @RequestParam(defaultValue = "true") boolean pending,
                                                       @Parameter(description = "the page, from 0") @RequestParam(defaultValue = "0")
                                                       @Min(0) @Max(1_000_000) int page,
                                                       @Parameter(description = "items per page") @RequestParam(defaultValue = "" + RequestView.WORK_LIMIT)
                                                       @Min(1) @Max(RequestView.WORK_LIMIT) int size,
                                                       HttpServletRequest request) {
        return queue.processorWork(ownQueue(processor, request), "DELETE", pending, null, page, size);
    }

    @ApiResponse(responseCode = "200", description = "The processor's corrections, oldest first.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE,
            array = @ArraySchema(schema = @Schema(implementation = RequestView.ProcessorWork.class), maxItems = RequestView.WORK_LIMIT)))
    @ApiResponse(responseCode = "403", description = "`forbidden`: the role does not admit the request; `another-processors-queue`: a processor names another's queue.")
    @GetMapping("/api/processor-corrections")
    @Operation(operationId = "listProcessorCorrections", summary = "Corrections asked of downstream processors",
            description = "Like the deletions: each correction fulfilled with corrected values directs every processor "
                    + "to follow (CCPA Regs §7023(c), GDPR Art. 19), naming the fields changed. The processor reads the "
                    + "values at `GET /api/subjects/{id}/privacy-requests/{requestId}/correction` (the read is logged) "
                    + "and confirms through the request's processor-confirmations endpoint. Paged like the deletions.")
    List<RequestView.ProcessorWork> processorCorrections(@RequestParam(required = false) @Size(max = Lengths.PROCESSOR) String processor,
                                                         @RequestParam(defaultValue = "true") boolean pending,
                                                         @Parameter(description = "the page, from 0") @RequestParam(defaultValue = "0")
                                                         @Min(0) @Max(1_000_000) int page,
                                                         @Parameter(description = "items per page") @RequestParam(defaultValue = "" + RequestView.WORK_LIMIT)
                                                         @Min(1) @Max(RequestView.WORK_LIMIT) int size,
                                                         HttpServletRequest request) {
        return queue.processorWork(ownQueue(processor, request), "CORRECT", pending, null, page, size);
    }

    @ApiResponse(responseCode = "200", description = "The corrected fields and their new values (the read is logged).")
    @ApiResponse(responseCode = "403", description = "`forbidden`: the role does not admit the request; `not-directed-to-correct`: this processor was not directed to follow the correction.")
    @ApiResponse(responseCode = "404", description = "`request-not-found`; `correction-not-found`: no corrected values are recorded for the request.")
    @GetMapping("/api/subjects/{subjectId}/privacy-requests/{requestId}/correction")
    @Operation(operationId = "getCorrectedValues", summary = "The values a correction request was fulfilled with",
            description = "For a processor directed to follow the correction (role PROCESSOR, its own only) and for "
                    + "privacy staff: the corrected fields and their new values, read from the subject's history. The "
                    + "read is logged; values erased since read as erased.")
    CorrectedValues correction(@PathVariable SubjectId subjectId, @PathVariable RequestId requestId,
                               HttpServletRequest request) {
        if (queue.find(requestId.value()).filter(view -> view.subjectId().equals(subjectId.toString())).isEmpty()) {
            throw RefusedException.because("request-not-found", Refusal.Kind.NOT_FOUND, "No request with this id is known.");
        }
        if (request.isUserInRole("PROCESSOR") && !request.isUserInRole("PRIVACY_STAFF")
                && !queue.directedToCorrect(requestId.value(), request.getUserPrincipal().getName())) {
            throw RefusedException.because("not-directed-to-correct", Refusal.Kind.FORBIDDEN,
                    "This processor was not directed to follow this correction.");
        }
        var stream = eventStore.readEvents(subjectId.toString(), 0);
        while (stream.hasNext()) {
            var message = stream.next();
            if (ProfileUpdatedEvent.class.equals(message.getPayloadType())
                    && message.getPayload() instanceof ProfileUpdatedEvent updated
                    && requestId.equals(updated.correctionRequestId())) {
                return disclosure.disclose(request.getUserPrincipal(), "correction", subjectId,
                        new CorrectedValues(subjectId.toString(), requestId.toString(), message.getTimestamp(),
                                updated.changes()));
            }
        }
        throw RefusedException.because("correction-not-found", Refusal.Kind.NOT_FOUND,
                "No corrected values are recorded for this request.");
    }

    /**
     * A correction's new values, by field: {@code name}, {@code postalAddress} and {@code email} at most,
     * each as its command took it (or erased since).
     */
    record CorrectedValues(@Schema(format = "uuid") String subjectId, @Schema(format = "uuid") String requestId,
                           java.time.Instant correctedAt,
                           @Schema(additionalPropertiesSchema = CorrectedValue.class, maxProperties = 3) Map<String, String> values) {
        @Override
        public String toString() {
            return "CorrectedValues[requestId=" + requestId + ", fields=" + values.keySet() + "]";
        }
    }

    /** One corrected value: a name, a postal address or an e-mail address, the postal address the longest. */
    @Schema(type = "string", maxLength = Lengths.ADDRESS)
    interface CorrectedValue {
    }

    /** A processor reads only its own queue; staff read any one's, or all. */
    private static String ownQueue(String processor, HttpServletRequest request) {
        if (request.isUserInRole("PROCESSOR") && !request.isUserInRole("PRIVACY_STAFF")) {
            String caller = request.getUserPrincipal().getName();
            if (processor != null && !processor.equals(caller)) {
                throw RefusedException.because("another-processors-queue", Refusal.Kind.FORBIDDEN,
                        "A processor reads only its own queue.");
            }
            return caller;
        }
        return processor;
    }

    private static RequestQueue.State state(String state) {
        return switch (state) {
            case "open" -> RequestQueue.State.OPEN;
            case "closed" -> RequestQueue.State.CLOSED;
            case "all" -> RequestQueue.State.ALL;
            default -> throw RefusedException.because("invalid-state", Refusal.Kind.UNPROCESSABLE,
"state must be one of open, closed, all.");
        };
    }
}
