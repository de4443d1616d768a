package io.lethe.query.purpose;

import io.lethe.core.personaldata.DataCategory;
import io.lethe.core.personaldata.Purpose;
import io.lethe.core.refusal.Refusal;
import io.lethe.core.refusal.RefusedException;
import io.lethe.core.request.RequestChannel;
import io.lethe.core.validation.Lengths;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.Nullable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import static io.lethe.query.Columns.instant;
import static io.lethe.query.Columns.strings;

@RestController
@Validated
@Tag(name = "Purpose changes", description = "Changes to the purposes of use and their notices (policy §3)")
class PurposeChanges {

    private final JdbcClient jdbc;

    PurposeChanges(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * {@code noticePages}: pages of affected subjects walked so far; {@code noticesAllOwedAt}: when the
     * last page was, so {@code noticesOwed} is final (null while the walk goes on, and for changes
     * announced before pages were recorded).
     */
    record PurposeChangeView(@Schema(maxLength = Lengths.REFERENCE) String changeId,
                             @ArraySchema(schema = @Schema(implementation = Purpose.class), uniqueItems = true) List<String> purposes,
                             @ArraySchema(schema = @Schema(implementation = DataCategory.class), uniqueItems = true) List<String> categories,
                             LocalDate effectiveOn,
                             @Schema(maxLength = Lengths.REFERENCE) String noticeReference, Instant announcedAt, long noticesOwed,
                             long noticesDelivered, int noticePages, @Nullable Instant noticesAllOwedAt) {
    }

    record Notice(@Schema(format = "uuid") String subjectId, Instant owedAt, @Nullable Instant notifiedAt,
                  @Nullable @Schema(implementation = RequestChannel.class) String channel) {
    }

    /** The most notices a page holds. */
    static final int MAX_NOTICES = 5000;

    /** The most purpose changes a page holds. */
    static final int MAX_PAGE = 200;

    @ApiResponse(responseCode = "200", description = "A page of the purpose changes, latest first.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE,
            array = @ArraySchema(schema = @Schema(implementation = PurposeChangeView.class), maxItems = MAX_PAGE)))
    @GetMapping("/api/purpose-changes")
    @Operation(operationId = "listPurposeChanges", summary = "Purpose changes with how many notices are owed and delivered",
            description = "Latest first, `size` at a time from page `page` (0 first); a page shorter than `size` is the last.")
    List<PurposeChangeView> list(@RequestParam(defaultValue = "0") @Min(0) int page,
                                 @RequestParam(defaultValue = "50") @Min(1) @Max(MAX_PAGE) int size) {
        return jdbc.sql("""
                        SELECT c.*, count(n.subject_id) AS owed, count(n.notified_at) AS delivered
                        FROM purpose_change c LEFT JOIN purpose_change_notice n ON n.change_id = c.change_id
                        GROUP BY c.change_id ORDER BY c.announced_at DESC, c.change_id LIMIT :size OFFSET :offset""")
                .param("size", size).param("offset", (long) page * size)
                .query((row, number) -> new PurposeChangeView(row.getString("change_id"), strings(row.getArray("purposes")),
                        strings(row.getArray("categories")), row.getDate("effective_on").toLocalDate(),
                        row.getString("notice_reference"), instant(row.getObject("announced_at", OffsetDateTime.class)),
                        row.getLong("owed"), row.getLong("delivered"), row.getInt("notice_pages"),
                        instant(row.getObject("notices_all_owed_at", OffsetDateTime.class))))
                .list();
    }

    @ApiResponse(responseCode = "200", description = "A page of the notices, by subject id.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE,
            array = @ArraySchema(schema = @Schema(implementation = Notice.class), maxItems = MAX_NOTICES)))
    @ApiResponse(responseCode = "404", description = "`purpose-change-not-found`: no purpose change with this id is known.")
    @GetMapping("/api/purpose-changes/{changeId}/notices")
    @Operation(operationId = "listPurposeChangeNotices", summary = "The subjects owed a purpose-change notice",
            description = "`pending=true` (default) lists those not yet notified, for the service that delivers them; "
                    + "page with `after` = the last subject id seen.")
    List<Notice> notices(@PathVariable @Size(max = Lengths.REFERENCE) String changeId, @RequestParam(defaultValue = "true") boolean pending,
                         @RequestParam(required = false) java.util.UUID after,
                         @RequestParam(defaultValue = "500") @Min(1) @Max(MAX_NOTICES) int size) {
        Long known = jdbc.sql("SELECT count(*) FROM purpose_change WHERE change_id = :id").param("id", changeId)
                .query(Long.class).single();
        if (known == 0) {
            throw RefusedException.because("purpose-change-not-found", Refusal.Kind.NOT_FOUND,
"No purpose change with this id is known.");
        }
        return jdbc.sql("""
                        SELECT subject_id, owed_at, notified_at, channel FROM purpose_change_notice
                        WHERE change_id = :id AND (NOT :pending OR notified_at IS NULL)
                          AND (CAST(:after AS uuid) IS NULL OR subject_id > :after)
                        ORDER BY subject_id LIMIT :size""")
                .param("id", changeId).param("pending", pending).param("after", after).param("size", size)
                .query((row, number) -> new Notice(row.getString("subject_id"),
                        instant(row.getObject("owed_at", OffsetDateTime.class)),
                        instant(row.getObject("notified_at", OffsetDateTime.class)), row.getString("channel")))
                .list();
    }
}
