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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;
import java.util.List;

/**
 * Staff reads of subjects, answered by the subject-summary projection through the query gateway with
 * the name and e-mail still sealed; they are opened at the edge, which records the read.
 */
@RestController
@Tag(name = "Subject queries", description = "Subject summaries for privacy staff")
@org.springframework.validation.annotation.Validated
class SubjectQueryController {

    private final QueryGateway queryGateway;
    private final Disclosure disclosure;
    private final SubjectSearch search;
    private final jakarta.validation.Validator validator;

    SubjectQueryController(QueryGateway queryGateway, Disclosure disclosure, SubjectSearch search,
                           jakarta.validation.Validator validator) {
        this.queryGateway = queryGateway;
        this.disclosure = disclosure;
        this.search = search;
        this.validator = validator;
    }

    /** A search by e-mail address: in the body, so the address is in no URL, access log or proxy's log. */
    record EmailSearch(@jakarta.validation.constraints.NotBlank
                       @jakarta.validation.constraints.Size(min = 1, max = io.lethe.core.validation.Lengths.EMAIL)
                       @jakarta.validation.constraints.Email(regexp = io.lethe.core.validation.Patterns.EMAIL,
                               message = "must be a valid email address") String email) {

        /** Without the spaces a pasted address brings along, before it is checked. */
        EmailSearch {
            email = email == null ? null : email.strip();
        }
    }

    @ApiResponse(responseCode = "200", description = "The subjects whose current address it is, newest registration first, "
            + "at most 20 (the reads are logged); none for an address no subject has, or had before its erasure.",
            content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/json",
                    array = @io.swagger.v3.oas.annotations.media.ArraySchema(
                            schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = SubjectView.class),
                            maxItems = SubjectSearch.MAX_MATCHES)))
    @org.springframework.web.bind.annotation.PostMapping(path = "/api/subject-searches", consumes = "application/json")
    @Operation(operationId = "searchSubjectsByEmail", summary = "Find subjects by e-mail address",
            description = "The address is matched as written, without surrounding space and in any case, against each "
                    + "subject's current address. Lethe keeps no address in plaintext: a keyed blind index narrows the "
                    + "subjects to a few candidates and each candidate's sealed address is compared, so an erased subject "
                    + "is never found. POST, so the address is in no URL; the read of every subject found is logged.")
    List<SubjectView> byEmail(@org.springframework.web.bind.annotation.RequestBody EmailSearch body, Principal principal) {
        // checked here, so a refusal is the platform's invalid-request naming the field, as for every other body
        var violations = validator.validate(body);
        if (!violations.isEmpty()) {
            throw new jakarta.validation.ConstraintViolationException(violations);
        }
        List<SubjectSummary> found = search.byEmail(body.email());
        return disclosure.disclose(principal, "subject-search", found.stream().map(SubjectSummary::subjectId).toList(),
                opener -> found.stream().map(summary -> SubjectView.of(summary, opener)).toList());
    }

    @ApiResponse(responseCode = "200", description = "The subject's summary (the read is logged).")
    @ApiResponse(responseCode = "404", description = "`subject-not-found`: no data subject with this id is known.")
    @GetMapping("/api/subjects/{subjectId}")
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
    @GetMapping("/api/subjects")
    @Operation(operationId = "listSubjects", summary = "A page of subject summaries, newest registration first",
            description = "`sort=registered` reads them oldest registration first, `sort=-last-activity` most recently "
                    + "active first; `-registered` (newest registration first) is the default. The read of every "
                    + "subject on the page is logged.")
    SubjectView.Page list(@RequestParam(defaultValue = "0") @jakarta.validation.constraints.Min(0) int page,
                          @RequestParam(defaultValue = "20") @jakarta.validation.constraints.Min(1)
                          @jakarta.validation.constraints.Max(io.lethe.core.subject.FindSubjectSummariesQuery.MAX_SIZE) int size,
                          @RequestParam(required = false)
                          @io.swagger.v3.oas.annotations.Parameter(schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = Jurisdiction.class))
                          String jurisdiction,
                          @RequestParam(required = false) SubjectStatus status,
                          @io.swagger.v3.oas.annotations.Parameter(description = "the order: `-registered` (default), `registered`, `-last-activity`",
                                  schema = @io.swagger.v3.oas.annotations.media.Schema(
                                          allowableValues = {"-registered", "registered", "-last-activity"}, defaultValue = "-registered"))
                          @RequestParam(defaultValue = "-registered") String sort,
                          Principal principal) {
        Jurisdiction filter = jurisdiction == null ? null : Jurisdiction.fromCode(jurisdiction);
        FindSubjectSummariesQuery.Order order = switch (sort) {
            case "-registered" -> FindSubjectSummariesQuery.Order.REGISTERED_DESC;
            case "registered" -> FindSubjectSummariesQuery.Order.REGISTERED;
            case "-last-activity" -> FindSubjectSummariesQuery.Order.LAST_ACTIVITY_DESC;
            default -> throw new io.lethe.core.validation.InvalidValueException(
                    "sort must be one of -registered, registered, -last-activity");
        };
        SubjectSummaryPage result = queryGateway.query(new FindSubjectSummariesQuery(page, size, filter, status, order),
                ResponseTypes.instanceOf(SubjectSummaryPage.class)).join();
        return disclosure.disclose(principal, "subject-summaries",
                result.items().stream().map(SubjectSummary::subjectId).toList(),
                opener -> new SubjectView.Page(result.items().stream().map(summary -> SubjectView.of(summary, opener)).toList(),
                        result.page(), result.size(), result.totalItems()));
    }
}
