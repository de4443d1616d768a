package io.lethe.query.access;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.MediaType;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.UUID;

@RestController
@Validated
@Tag(name = "Audit")
class AccessLogController {

    private final StaffAccessLog log;

    AccessLogController(StaffAccessLog log) {
        this.log = log;
    }

    /** The most entries a page holds. */
    static final int MAX_SIZE = 1000;

    @ApiResponse(responseCode = "200", description = "Log entries after `after`, oldest first; or before `before`, newest first.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE,
            array = @ArraySchema(schema = @Schema(implementation = StaffAccessLog.Entry.class), maxItems = MAX_SIZE)))
    @GetMapping("/api/audit/access-log")
    @Operation(operationId = "listAccessLog", summary = "Who read which subject's personal data, when, through which view",
            description = "Every read of personal data by staff and auditors (summaries, access reports, portability "
                    + "exports, histories): oldest first from `after` (page on with `after` = the last id seen), or, "
                    + "with `before`, newest first from the entry before it (the newest with `before` = "
                    + "9223372036854775807; page back with `before` = the last id seen).")
    List<StaffAccessLog.Entry> entries(@RequestParam(required = false) UUID subjectId,
                                       @RequestParam(defaultValue = "0") @Min(0) long after,
                                       @RequestParam(required = false) @Min(1) Long before,
                                       @RequestParam(defaultValue = "100") @Min(1) @Max(MAX_SIZE) int size) {
        if (before != null && after > 0) {
            throw new io.lethe.core.validation.InvalidValueException(
                    "after and before: a page goes forwards (after) or backwards (before), not both at once");
        }
        return before == null ? log.entries(subjectId, after, size) : log.newest(subjectId, before, size);
    }
}
