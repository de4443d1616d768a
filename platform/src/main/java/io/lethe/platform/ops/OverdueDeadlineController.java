package io.lethe.platform.ops;

import io.lethe.core.refusal.Refusal;
import io.lethe.core.refusal.RefusedException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;
import java.util.List;

/** Process deadlines due but not done, for operators (role ADMIN). */
@RestController
@RequestMapping("/api/admin/overdue-deadlines")
@Validated
@Tag(name = "Overdue deadlines", description = "Shreddings, deletions, escalations and breach duties due but not done")
class OverdueDeadlineController {

    private static final Logger log = LoggerFactory.getLogger(OverdueDeadlineController.class);

    private final OverdueDeadlines deadlines;

    OverdueDeadlineController(OverdueDeadlines deadlines) {
        this.deadlines = deadlines;
    }

    /** The most deadlines a listing holds. */
    static final int MAX_LIMIT = 1000;

    @io.swagger.v3.oas.annotations.media.Schema(name = "OverdueDeadlinesRetried")
    record Retried(int rescheduled) {
    }

    @ApiResponse(responseCode = "200", description = "The overdue deadlines of this node.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE, array = @ArraySchema(
                    schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = OverdueDeadlines.Overdue.class),
                    maxItems = MAX_LIMIT)))
    @GetMapping
    @Operation(operationId = "listOverdueDeadlines", summary = "Deadlines more than a minute past their time that are not done",
            description = "Each with its process (saga type and id, and the subject, request or breach it is about), how "
                    + "often its handler failed and when last, and when it runs next. A failed one is retried every five "
                    + "minutes; one that never ran waits for a node with the saga role.")
    List<OverdueDeadlines.Overdue> list(@RequestParam(defaultValue = "100") @Min(1) @Max(MAX_LIMIT) int limit) {
        return deadlines.list(limit);
    }

    @ApiResponse(responseCode = "200", description = "How many failed deadlines were rescheduled to run now.")
    @ApiResponse(responseCode = "409", description = "`no-scheduler-here`: this node has no saga role.")
    @PostMapping("/retry")
    @Operation(operationId = "retryOverdueDeadlines", summary = "Run every failed deadline again now", description = "Only on a node with the saga role.")
    Retried retry(Principal principal) {
        int moved = deadlines.retryFailedNow().orElseThrow(() -> RefusedException.because("no-scheduler-here",
                Refusal.Kind.CONFLICT, "This node runs no deadline scheduler (it has no saga role)."));
        log.info("{} had {} failed deadlines run again now", principal.getName(), moved);
        return new Retried(moved);
    }
}
