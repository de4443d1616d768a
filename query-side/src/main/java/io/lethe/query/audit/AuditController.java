package io.lethe.query.audit;

import io.lethe.core.subject.SubjectId;
import io.lethe.core.subject.SubjectRefusals;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import io.lethe.query.access.Disclosure;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The event history for auditors (role AUDITOR), read-only: one subject's stream, the global
 * history by position, a subject as it stood at a moment, and an export for offline audit.
 */
@RestController
@RequestMapping("/api/audit")
@Validated
@Tag(name = "Audit", description = "The event history, read-only")
class AuditController {

    static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");
    /** The history's last position when an export began: the export goes that far and no further. */
    static final String HISTORY_HEAD = "Lethe-History-Head";
    private static final Logger log = LoggerFactory.getLogger(AuditController.class);
    /** Export lines whose subjects' reads are logged in one statement before they are written. */
    private static final int EXPORT_BATCH = 500;

    private final EventHistory history;
    private final JsonMapper json;
    private final Disclosure disclosure;

    AuditController(EventHistory history, JsonMapper json, Disclosure disclosure) {
        this.history = history;
        this.json = json;
        this.disclosure = disclosure;
    }

    /** The most entries one page of a subject's history holds. */
    static final int SUBJECT_PAGE_MAX = 1000;

    @ApiResponse(responseCode = "200", description = "A page of the subject's events, in order (the read is logged).",
            content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/json",
                    array = @io.swagger.v3.oas.annotations.media.ArraySchema(maxItems = SUBJECT_PAGE_MAX,
                            schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = HistoryEntry.class))),
            headers = @io.swagger.v3.oas.annotations.headers.Header(name = "X-Total-Count",
                    description = "How many events the subject's history holds in all (of those the filters ask for).",
                    schema = @io.swagger.v3.oas.annotations.media.Schema(type = "integer", format = "int32", minimum = "0",
                            maximum = "2147483647")))
    @ApiResponse(responseCode = "404", description = "`subject-not-found`: no data subject with this id is known.")
    @GetMapping("/subjects/{subjectId}/events")
    @Operation(operationId = "getSubjectHistory", summary = "A subject's event history, a page at a time",
            description = "The subject's events in order, with type, time, metadata and the principal that caused it, "
                    + "`size` at a time from the page `page` (a history only grows at its end, so the pages of what was "
                    + "read stay what they were); `X-Total-Count` says how many there are in all. `type`, `from`, "
                    + "`until` and `requestId` narrow it to some event types, a stretch of time, or one request's trail "
                    + "(its events, each step's principal, its internal notes); the pages and the count are then of "
                    + "those. Personal fields are decrypted where their key exists and redacted where it was shredded. "
                    + "Privacy staff read it too, answering the subject's requests; the read is logged.")
    ResponseEntity<List<HistoryEntry>> subjectEvents(
            @PathVariable SubjectId subjectId,
            @Parameter(description = "the page, from 0") @RequestParam(defaultValue = "0") @Min(0) @Max(Integer.MAX_VALUE) int page,
            @Parameter(description = "events per page") @RequestParam(defaultValue = "" + SUBJECT_PAGE_MAX) @Min(1)
            @Max(SUBJECT_PAGE_MAX) int size,
            @Parameter(description = "only events of these types (simple names, as `type` in an entry); repeat for more")
            @RequestParam(required = false) @jakarta.validation.constraints.Size(max = MAX_TYPES)
            List<@jakarta.validation.constraints.Pattern(regexp = "^[A-Z][A-Za-z0-9]{0,63}$",
                    message = "must be an event type's simple name") String> type,
            @Parameter(description = "only events stored at or after this instant")
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
            @Parameter(description = "only events stored at or before this instant")
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant until,
            @Parameter(description = "only the events about this request of the subject: its trail")
            @RequestParam(required = false) io.lethe.core.request.RequestId requestId,
            Principal principal) {
        if (from != null && until != null && until.isBefore(from)) {
            throw new io.lethe.core.validation.InvalidValueException("until must not be before from");
        }
        EventHistory.Filter filter = new EventHistory.Filter(type == null ? java.util.Set.of() : java.util.Set.copyOf(type),
                from, until, requestId == null ? null : requestId.toString());
        EventHistory.SubjectPage shown = history.ofSubject(subjectId, filter, (long) page * size, size);
        if (!shown.known()) {
            throw SubjectRefusals.notFound();
        }
        return ResponseEntity.ok().header("X-Total-Count", Integer.toString(shown.total()))
                .body(disclosure.disclose(principal, "audit-history", subjectId, shown.entries()));
    }

    /** The most event types one read of a subject's history filters on. */
    static final int MAX_TYPES = 20;

    @ApiResponse(responseCode = "200", description = "The subject as it stood at `at` (the read is logged).")
    @ApiResponse(responseCode = "404", description = "`subject-not-found`: no data subject with this id is known.")
    @GetMapping("/subjects/{subjectId}/as-of")
    @Operation(operationId = "getSubjectAsOf", summary = "What was held about a subject at a moment",
            description = "Folds the subject's events up to `at` (an ISO-8601 instant). Values are shown as readable "
                    + "today: data erased since shows its redaction value.")
    SubjectAsOf subjectAsOf(@PathVariable SubjectId subjectId,
                            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant at,
                            Principal principal) {
        List<HistoryEntry> events = history.ofSubject(subjectId);
        if (events.isEmpty()) {
            throw SubjectRefusals.notFound();
        }
        return disclosure.disclose(principal, "audit-as-of", subjectId, PointInTime.fold(subjectId.toString(), at, events));
    }

    @ApiResponse(responseCode = "200", description = "A page of the history.")
    @ApiResponse(responseCode = "503", description = "`history-stalled`: the event stream gave nothing, or a position below "
            + "the page's head stayed open (its writer neither committed nor ended), for longer than the stall timeout; "
            + "`messaging-unavailable`, `database-unavailable`.")
    @GetMapping("/events")
    @Operation(operationId = "listEvents", summary = "The global history, paged by position",
            description = "Events after position `after` (-1: from the beginning), at most `size`, up to `head`, the "
                    + "history's last position when the page was read. Continue with `after=nextAfter`; `nextAfter` is "
                    + "absent when the page reached `head`, and a page is empty only when `after` is at or past it. A "
                    + "stream that gives nothing for longer than the stall timeout is a 503 `history-stalled`, never a "
                    + "short page. The read of every subject whose personal data the page shows is logged.")
    HistoryPage events(@RequestParam(defaultValue = "-1") @Min(-1) long after,
                       @RequestParam(defaultValue = "100") @Min(1) @Max(HistoryPage.MAX_SIZE) int size, Principal principal) {
        HistoryPage page = history.page(after, size);
        disclosure.recordBulk(principal, "audit-events", HistoryEntry.subjectsShownIn(page.events()));
        return page;
    }

    @ApiResponse(responseCode = "200", description = "The history, one HistoryEntry per line, and a closing line "
            + "`{\"exportEnd\": …}` that says where it ended and whether it is complete.",
            content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/x-ndjson",
                    schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = HistoryEntry.class)))
    @ApiResponse(responseCode = "503", description = "`history-stalled`: the event stream gave nothing before the first "
            + "event for longer than the stall timeout; `messaging-unavailable`, `database-unavailable`.")
    @GetMapping(value = "/export", produces = "application/x-ndjson")
    @Operation(operationId = "exportHistory", summary = "Export the history as line-delimited JSON",
            description = "One HistoryEntry per line (see the README, \"History export\"), in global order, from "
                    + "position `after` to the history's last position when the export began (header "
                    + "`Lethe-History-Head`), never further. The last line is `{\"exportEnd\":{...}}`: `complete`, the "
                    + "`head`, the `lastPosition` written, the number of `events`, and `gaps` (positions no transaction "
                    + "committed). An export that cannot be finished ends with `complete: false` and the `error`; one "
                    + "that cannot begin is a 503 problem detail. The read of every subject whose personal data it "
                    + "shows is logged, batch by batch, before the batch is written.")
    ResponseEntity<StreamingResponseBody> export(
            @Parameter(description = "export events after this position; -1 for all") @RequestParam(defaultValue = "-1") @Min(-1) long after,
            Principal principal) {
        // the head is read and the first event awaited before the answer begins: a store that cannot be read
        // now is a problem detail, not an empty export
        EventHistory.Reading reading = history.read(after);
        Optional<HistoryEntry> first;
        try {
            first = reading.next();
        } catch (RuntimeException e) {
            reading.close();
            throw e;
        }
        StreamingResponseBody body = output -> {
            BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8));
            List<HistoryEntry> batch = new ArrayList<>(EXPORT_BATCH);
            String error = null;
            String detail = null;
            try (reading) {
                for (Optional<HistoryEntry> next = first; next.isPresent(); next = reading.next()) {
                    batch.add(next.get());
                    if (batch.size() == EXPORT_BATCH) {
                        write(batch, writer, principal);
                    }
                }
            } catch (HistoryStalledException stalled) {
                error = HistoryStalledException.TYPE;
                detail = stalled.getBody().getDetail();
            } catch (RuntimeException failure) {
                // the status line is sent: the closing line is the only place left to say it failed
                log.error("The history export after {} failed at position {}: {}", after, reading.lastPosition(),
                        failure.getClass().getName());
                error = "urn:problem-type:lethe:history-unreadable";
                detail = "The history could not be read further (" + failure.getClass().getSimpleName() + ").";
            }
            // what was read is written, and only then the line that says where it ended
            write(batch, writer, principal);
            boolean complete = error == null && reading.atHead();
            writer.write(json.writeValueAsString(new ExportEnd.Line(new ExportEnd(complete, after, reading.head(),
                    reading.lastPosition(), reading.events(), reading.gaps().stream().sorted().toList(),
                    error, detail))));
            writer.write('\n');
            writer.flush();
        };
        return ResponseEntity.ok()
                .contentType(NDJSON)
                .header("Content-Disposition", "attachment; filename=\"lethe-history.ndjson\"")
                .header(HISTORY_HEAD, Long.toString(reading.head()))
                .body(body);
    }

    private void write(List<HistoryEntry> batch, BufferedWriter writer, Principal principal) {
        if (batch.isEmpty()) {
            return;
        }
        disclosure.recordBulk(principal, "audit-export", HistoryEntry.subjectsShownIn(batch));
        try {
            for (HistoryEntry entry : batch) {
                writer.write(json.writeValueAsString(entry));
                writer.write('\n');
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        batch.clear();
    }
}
