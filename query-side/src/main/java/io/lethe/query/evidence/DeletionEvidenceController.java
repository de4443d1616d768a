package io.lethe.query.evidence;

import io.lethe.core.subject.DeletionEvidence;
import io.lethe.core.subject.FindDeletionEvidenceQuery;
import io.lethe.core.subject.SubjectId;
import io.lethe.core.subject.SubjectRefusals;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The deletion evidence record of a subject, for privacy staff and auditors. */
@RestController
@Tag(name = "Deletion evidence", description = "What became of a subject's data after termination")
@org.springframework.validation.annotation.Validated
class DeletionEvidenceController {

    private final QueryGateway queryGateway;

    DeletionEvidenceController(QueryGateway queryGateway) {
        this.queryGateway = queryGateway;
    }

    @ApiResponse(responseCode = "200", description = "The subject's deletion evidence.")
    @ApiResponse(responseCode = "404", description = "`subject-not-found`: no data subject with this id is known.")
    @GetMapping("/api/subjects/{subjectId}/deletion-evidence")
    @Operation(operationId = "getDeletionEvidence", summary = "A subject's deletion evidence record",
            description = "Per retention class: destroyed (when, on what ground, under which request or process), "
                    + "kept on a recorded exception (ground, justification, review date) or kept by a legal hold. "
                    + "Classes not listed are still held under their normal retention. Per usage period (the rolling "
                    + "retention during the account's life): destroyed or kept by a legal hold, 1,000 periods a page, "
                    + "oldest first (`page`; `pages` says how many there are). No personal data.")
    DeletionEvidence get(@PathVariable SubjectId subjectId,
                         @io.swagger.v3.oas.annotations.Parameter(description = "the page of usage periods, from 0")
                         @org.springframework.web.bind.annotation.RequestParam(defaultValue = "0")
                         @jakarta.validation.constraints.Min(0) @jakarta.validation.constraints.Max(Integer.MAX_VALUE / 1000) int page) {
        return queryGateway.query(new FindDeletionEvidenceQuery(subjectId, page), ResponseTypes.optionalInstanceOf(DeletionEvidence.class))
                .join()
                .orElseThrow(SubjectRefusals::notFound);
    }
}
