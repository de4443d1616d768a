package io.lethe.query.subject;

import io.lethe.core.jurisdiction.Jurisdiction;
import io.lethe.core.subject.FindSubjectSummariesQuery;
import io.lethe.core.subject.FindSubjectSummaryQuery;
import io.lethe.core.subject.SubjectId;
import io.lethe.core.subject.SubjectRefusals;
import io.lethe.core.subject.SubjectStatus;
import io.lethe.core.subject.SubjectSummary;
import io.lethe.core.subject.SubjectSummaryPage;
import io.lethe.query.access.Disclosure;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;
import java.util.List;

/**
 * Staff reads of subjects, answered by the subject-summary projection through the query gateway with
 * the name and e-mail still sealed; they are opened at the edge, which records the read.
 */
@RestController
@RequestMapping("/api/subjects")
@Tag(name = "Subject queries", description = "Subject summaries for privacy staff")
class SubjectQueryController {

    private final QueryGateway queryGateway;
    private final Disclosure disclosure;

    SubjectQueryController(QueryGateway queryGateway, Disclosure disclosure) {
        this.queryGateway = queryGateway;
        this.disclosure = disclosure;
    }

    @ApiResponse(responseCode = "200", description = "The subject's summary (the read is logged).")
    @ApiResponse(responseCode = "404", description = "`subject-not-found`: no data subject with this id is known.")
    @GetMapping("/{subjectId}")
    @Operation(operationId = "getSubject", summary = "One subject's summary", description = "The read is logged.")
    SubjectView get(@PathVariable SubjectId subjectId, Principal principal) {
        SubjectSummary summary = queryGateway.query(new FindSubjectSummaryQuery(subjectId),
                        ResponseTypes.optionalInstanceOf(SubjectSummary.class))
                .join()
                .orElseThrow(SubjectRefusals::notFound);
        return disclosure.disclose(principal, "subject-summary", List.of(subjectId),
                opener -> SubjectView.of(summary, opener));
    }

    @ApiResponse(responseCode = "200", description = "A page of summaries (the reads are logged).")
    @GetMapping
    @Operation(operationId = "listSubjects", summary = "A page of subject summaries, newest registration first",
            description = "The read of every subject on the page is logged.")
    SubjectView.Page list(@RequestParam(defaultValue = "0") int page,
                          @RequestParam(defaultValue = "20") int size,
                          @RequestParam(required = false)
                          @io.swagger.v3.oas.annotations.Parameter(schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = Jurisdiction.class))
                          String jurisdiction,
                          @RequestParam(required = false) SubjectStatus status, Principal principal) {
        Jurisdiction filter = jurisdiction == null ? null : Jurisdiction.fromCode(jurisdiction);
        SubjectSummaryPage result = queryGateway.query(new FindSubjectSummariesQuery(page, size, filter, status),
                ResponseTypes.instanceOf(SubjectSummaryPage.class)).join();
        return disclosure.disclose(principal, "subject-summaries",
                result.items().stream().map(SubjectSummary::subjectId).toList(),
                opener -> new SubjectView.Page(result.items().stream().map(summary -> SubjectView.of(summary, opener)).toList(),
                        result.page(), result.size(), result.totalItems()));
    }
}
