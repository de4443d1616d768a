package io.lethe.query.report;

import tools.jackson.databind.json.JsonMapper;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import io.lethe.core.refusal.Refusal;
import io.lethe.core.refusal.RefusedException;
import io.lethe.core.request.RequestRules;
import io.lethe.core.subject.SubjectId;
import io.lethe.core.subject.SubjectRefusals;
import io.lethe.query.access.Disclosure;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Access reports and portability exports for privacy staff; every one of them is logged as a read. */
@RestController
@Tag(name = "Access reports", description = "What is held about a subject, for answering requests")
@org.springframework.validation.annotation.Validated
class ReportController {

    private final SubjectEvents subjectEvents;
    private final RequestRules rules;
    private final Disclosure disclosure;
    private final JsonMapper json;
    private final AccessReportDocuments documents;
    private final Clock clock = Clock.systemUTC();

    ReportController(SubjectEvents subjectEvents, RequestRules rules, Disclosure disclosure, JsonMapper json,
                     AccessReportDocuments documents) {
        this.subjectEvents = subjectEvents;
        this.rules = rules;
        this.disclosure = disclosure;
        this.json = json;
        this.documents = documents;
    }

    @ApiResponse(responseCode = "200", description = "The access report (the read is logged).")
    @ApiResponse(responseCode = "404", description = "`subject-not-found`: no data subject with this id is known.")
    @ApiResponse(responseCode = "422", description = "`asof-in-future`: `asOf` lies in the future; `lookback-too-early`: `since` before 2022-01-01.")
    @GetMapping("/api/subjects/{subjectId}/access-report")
    @Operation(operationId = "getAccessReport", summary = "Access report",
            description = "The categories (A–F) with the specific pieces, sources, purposes, third parties disclosed to, "
                    + "receipts, consents, retention criteria and rights, computed from the subject's history. US-CA: "
                    + "pieces collected in the 12 months before `asOf` (`since`, not before 2022-01-01, reaches further "
                    + "on the consumer's request); elsewhere all retained data. `asOf` (default now) gives the report as "
                    + "it was at a past moment; shredded data reads as erased in every report. The lists that grow with "
                    + "the account's life (each category's pieces, sources, third parties, receipts, sensitive "
                    + "information, erased usage periods) hold at most 1,000 items each: page `page` holds each list's "
                    + "items from `page` × 1,000, and `pages` says how many pages the longest fills, so pages 0 to "
                    + "`pages` − 1 give the whole report; the later pages pass page 0's `asOf` (and the same `since`), "
                    + "so that every page reads the same history. The read is logged.")
    AccessReport accessReport(@PathVariable SubjectId subjectId,
                              @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant asOf,
                              @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate since,
                              @Parameter(description = "the page, from 0") @RequestParam(defaultValue = "0") @Min(0)
                              @Max(MAX_PAGE) int page,
                              Principal principal) {
        Instant at = window(asOf, since);
        List<Recorded> events = events(subjectId);
        return disclosure.disclose(principal, "access-report", subjectId,
                AccessReports.build(subjectId.toString(), events, at, since, rules, page));
    }

    @ApiResponse(responseCode = "200", description = "The access report as one printable HTML document for the subject, "
            + "every page of it joined (the read is logged).",
            content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "text/html",
                    schema = @io.swagger.v3.oas.annotations.media.Schema(type = "string", maxLength = DOCUMENT_MAX)),
            headers = @io.swagger.v3.oas.annotations.headers.Header(name = "Content-Disposition",
                    description = "`attachment`, with a file name naming the subject's reference, the date and the language.",
                    schema = @io.swagger.v3.oas.annotations.media.Schema(type = "string", maxLength = 200)))
    @ApiResponse(responseCode = "404", description = "`subject-not-found`: no data subject with this id is known.")
    @ApiResponse(responseCode = "422", description = "`asof-in-future`: `asOf` lies in the future; `lookback-too-early`: `since` before 2022-01-01.")
    @GetMapping(path = "/api/subjects/{subjectId}/access-report/document", produces = MediaType.TEXT_HTML_VALUE)
    @Operation(operationId = "getAccessReportDocument", summary = "The access report as a document for the subject",
            description = "The answer the law owes the subject, as a document they can read: the same report as "
                    + "`getAccessReport` (same `asOf` and `since`), every page joined, in the subject's language — `en`, "
                    + "`ja` or `zh-TW`; by default Japanese for a Japanese subject, Traditional Chinese for a Taiwanese "
                    + "one, English otherwise — with dates in the law's zone and the policy's purposes, retention "
                    + "criteria and rights written out. A self-contained HTML page (no script, no outside resource), "
                    + "printable, served as a download. The download is logged as a read of the subject's data.")
    ResponseEntity<String> accessReportDocument(@PathVariable SubjectId subjectId,
                                                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant asOf,
                                                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate since,
                                                @Parameter(description = "the document's language: `en`, `ja` or `zh-TW` (default: the subject's law's)",
                                                        schema = @io.swagger.v3.oas.annotations.media.Schema(allowableValues = {"en", "ja", "zh-TW"}))
                                                @RequestParam(required = false) String lang,
                                                Principal principal) {
        if (lang != null && !AccessReportDocuments.speaks(lang)) {
            throw new io.lethe.core.validation.InvalidValueException("lang must be one of en, ja, zh-TW");
        }
        AccessReportDocuments.Written document = disclosure.disclose(principal, "access-report-document", subjectId,
                documents.write(subjectId, window(asOf, since), since, lang));
        return ResponseEntity.ok()
                .contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                .header(org.springframework.http.HttpHeaders.CONTENT_DISPOSITION,
                        org.springframework.http.ContentDisposition.attachment().filename(document.fileName()).build().toString())
                .header(org.springframework.http.HttpHeaders.CONTENT_LANGUAGE, document.language())
                .body(document.html());
    }

    /** A document's bound: at most 1,000 items of each list per page, and as many pages as the longest list needs. */
    static final int DOCUMENT_MAX = Integer.MAX_VALUE;

    @ApiResponse(responseCode = "200", description = "Every piece of the window, oldest first, one JSON object per line (the read is logged).",
            content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/x-ndjson",
                    schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = AccessReport.Piece.class)))
    @ApiResponse(responseCode = "404", description = "`subject-not-found`: no data subject with this id is known.")
    @ApiResponse(responseCode = "422", description = "`asof-in-future`: `asOf` lies in the future; `lookback-too-early`: `since` before 2022-01-01.")
    @GetMapping(path = "/api/subjects/{subjectId}/access-report/activity", produces = "application/x-ndjson")
    @Operation(operationId = "streamAccessReportActivity", summary = "Every piece of network activity in an access report's window",
            description = "The access report lists the 500 most recent pieces of network activity (category D) and "
                    + "counts them all; this serves every one of them, oldest first, one JSON object per line "
                    + "(`field`, `value`, `collectedAt`, `source`), read one event at a time. Same `asOf` and `since` as "
                    + "the report. The read is logged.")
    ResponseEntity<StreamingResponseBody> activity(@PathVariable SubjectId subjectId,
                                                   @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant asOf,
                                                   @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate since,
                                                   Principal principal) {
        Instant at = window(asOf, since);
        List<Recorded> events = events(subjectId);
        AccessReports.ActivityWindow activity = AccessReports.ActivityWindow.of(events, at,
                AccessReports.collectedSince(AccessReports.jurisdiction(events), at, since));
        StreamingResponseBody body = disclosure.disclose(principal, "access-report-activity", subjectId, out -> {
            java.io.Writer writer = new java.io.BufferedWriter(new java.io.OutputStreamWriter(out, java.nio.charset.StandardCharsets.UTF_8));
            activity.forEach(piece -> {
                try {
                    writer.write(json.writeValueAsString(piece));
                    writer.write('\n');
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            writer.flush();
        });
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/x-ndjson"))
                .header("X-Total-Count", Integer.toString(activity.total())).body(body);
    }

    /** The highest page a document can be asked for: a million items in one list of one subject. */
    static final int MAX_PAGE = 999;

    @ApiResponse(responseCode = "200", description = "The export, format `lethe.portability/3` (the read is logged).")
    @ApiResponse(responseCode = "404", description = "`subject-not-found`: no data subject with this id is known.")
    @ApiResponse(responseCode = "422", description = "`asof-in-future`: `asOf` lies in the future.")
    @GetMapping("/api/subjects/{subjectId}/portability-export")
    @Operation(operationId = "getPortabilityExport", summary = "Portability export (GDPR Art. 20)",
            description = "The data the subject provided, as JSON in the `lethe.portability/3` format documented in the "
                    + "README. Its lists (logins aside) hold at most 1,000 items each: page `page` holds each list's "
                    + "items from `page` × 1,000, and `pages` says how many pages the longest fills, so pages 0 to "
                    + "`pages` − 1 give the whole export; the later pages pass page 0's `exportedAt` as `asOf`, so that "
                    + "every page reads the same history. The read is logged.")
    PortabilityExport portabilityExport(@PathVariable SubjectId subjectId,
                                        @Parameter(description = "the history up to this instant (default now); the later "
                                                + "pages of one export pass page 0's `exportedAt`")
                                        @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant asOf,
                                        @Parameter(description = "the page, from 0") @RequestParam(defaultValue = "0") @Min(0)
                                        @Max(MAX_PAGE) int page,
                                        Principal principal) {
        Instant at = window(asOf, null);
        List<Recorded> events = events(subjectId).stream().filter(event -> !event.at().isAfter(at)).toList();
        return disclosure.disclose(principal, "portability-export", subjectId,
                PortabilityExport.of(subjectId.toString(), events, at, page));
    }

    /**
     * How far another node's clock may be ahead of this one's: the later pages of a document pass back the
     * moment page 0 was read as of, and may reach a node whose clock is a little behind.
     */
    static final java.time.Duration CLOCK_TOLERANCE = java.time.Duration.ofSeconds(5);

    /** The moment a report is as of (now by default), after checking it and the lookback's start. */
    private Instant window(Instant asOf, LocalDate since) {
        Instant now = clock.instant();
        Instant at = asOf == null ? now : asOf;
        if (at.isAfter(now.plus(CLOCK_TOLERANCE))) {
            throw invalid("asof-in-future", "asOf must not lie in the future.");
        }
        if (since != null && since.isBefore(AccessReports.EARLIEST_EXTENDED_LOOKBACK)) {
            throw invalid("lookback-too-early", "since must not be before 2022-01-01 (CCPA Regs §7024(h)).");
        }
        return at;
    }

    private List<Recorded> events(SubjectId subjectId) {
        List<Recorded> events = subjectEvents.of(subjectId);
        if (events.isEmpty()) {
            throw SubjectRefusals.notFound();
        }
        return events;
    }

    private static RefusedException invalid(String code, String detail) {
        return RefusedException.because(code, Refusal.Kind.UNPROCESSABLE, detail);
    }
}
