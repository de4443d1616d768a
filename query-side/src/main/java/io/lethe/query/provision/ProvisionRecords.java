package io.lethe.query.provision;

import io.lethe.core.crypto.Sealed;
import io.lethe.core.personaldata.DataCategory;
import io.lethe.core.provision.RecipientCategory;
import io.lethe.core.validation.Lengths;
import io.lethe.core.subject.SubjectId;
import io.lethe.query.access.Disclosure;
import jakarta.annotation.Nullable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;
import java.util.UUID;

import static io.lethe.query.Columns.strings;

/**
 * The register of provision and receipt records for privacy staff. It is served on every node; their
 * expiry is {@link ProvisionRecordPurge}'s, a job that runs only where the query side does.
 */
@RestController
@Validated
@Tag(name = "Provision records", description = "APPI Art. 29/30 records")
class ProvisionRecords {

    private final JdbcClient jdbc;
    private final Disclosure disclosure;

    ProvisionRecords(JdbcClient jdbc, Disclosure disclosure) {
        this.jdbc = jdbc;
        this.disclosure = disclosure;
    }

    /** One record; the third party is an organisation and the subject appears by its pseudonymous id. */
    record ProvisionRecord(@Schema(format = "uuid") String subjectId, @Schema(maxLength = Lengths.REFERENCE) String recordId,
                           @Schema(allowableValues = {"PROVISION", "RECEIPT"}) String direction,
                           @Schema(maxLength = Lengths.ORGANISATION) String organisationName,
                           @Nullable @Schema(maxLength = Lengths.ADDRESS) String organisationAddress,
                           @Schema(maxLength = Lengths.COUNTRY) String country,
                           @Schema(implementation = RecipientCategory.class) String partyCategory, boolean equivalentSystem,
                           @ArraySchema(schema = @Schema(implementation = DataCategory.class), uniqueItems = true) List<String> categories,
                           boolean saleOrSharing, boolean foreign,
                           @Nullable @Schema(maxLength = Lengths.DESCRIPTION) String backgroundOfAcquisition,
                           LocalDate onDate, LocalDate keepUntil) {

        ProvisionRecord withBackground(String background) {
            return new ProvisionRecord(subjectId, recordId, direction, organisationName, organisationAddress, country,
                    partyCategory, equivalentSystem, categories, saleOrSharing, foreign, background, onDate, keepUntil);
        }

        @Override
        public String toString() {
            return "ProvisionRecord[subjectId=" + subjectId + ", recordId=" + recordId + ", direction=" + direction + "]";
        }
    }

    /** The most records a page holds. */
    static final int MAX_SIZE = 1000;

    @ApiResponse(responseCode = "200", description = "A page of the records, latest first.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE,
            array = @ArraySchema(schema = @Schema(implementation = ProvisionRecord.class), maxItems = MAX_SIZE)))
    @GetMapping("/api/provision-records")
    @Operation(operationId = "listProvisionRecords", summary = "Provision and receipt records still within their keeping period",
            description = "Filter by `subjectId` or `direction` (PROVISION, RECEIPT). Records past their period "
                    + "(1 year for contract records, 3 years otherwise) are purged daily and never listed. A receipt's "
                    + "background of acquisition may hold personal data: the read is recorded in the access log for "
                    + "every subject on the page, and it reads as erased once the record's keeping period has ended.")
    List<ProvisionRecord> list(@RequestParam(required = false) UUID subjectId,
                               @RequestParam(required = false) @io.swagger.v3.oas.annotations.Parameter(schema = @io.swagger.v3.oas.annotations.media.Schema(allowableValues = {"PROVISION", "RECEIPT"})) String direction,
                               @RequestParam(defaultValue = "0") @Min(0) int page,
                               @RequestParam(defaultValue = "100") @Min(1) @Max(MAX_SIZE) int size,
                               Principal principal) {
        List<Stored> rows = jdbc.sql("""
                        SELECT * FROM provision_record
                        WHERE keep_until >= current_date
                          AND (CAST(:subject AS uuid) IS NULL OR subject_id = :subject)
                          AND (CAST(:direction AS varchar) IS NULL OR direction = :direction)
                        ORDER BY on_date DESC, subject_id, record_id LIMIT :size OFFSET :offset""")
                .param("subject", subjectId)
                .param("direction", direction)
                .param("size", size)
                .param("offset", (long) page * size)
                .query((row, number) -> new Stored(new ProvisionRecord(row.getString("subject_id"), row.getString("record_id"),
                        row.getString("direction"), row.getString("organisation_name"),
                        row.getString("organisation_address"), row.getString("country"), row.getString("party_category"),
                        row.getBoolean("equivalent_system"), strings(row.getArray("categories")),
                        row.getBoolean("sale_or_sharing"), row.getBoolean("foreign_party"), null,
                        row.getDate("on_date").toLocalDate(), row.getDate("keep_until").toLocalDate()),
                        row.getString("background") == null ? null : new Sealed(row.getString("background"))))
                .list();
        Set<SubjectId> withBackground = new LinkedHashSet<>();
        rows.stream().filter(stored -> stored.background() != null)
                .forEach(stored -> withBackground.add(SubjectId.of(stored.record().subjectId())));
        if (withBackground.isEmpty()) {
            return rows.stream().map(Stored::record).toList();
        }
        return disclosure.disclose(principal, "provision-records", withBackground, opener -> rows.stream()
                .map(stored -> stored.background() == null ? stored.record() : stored.record().withBackground(
                        opener.openKept(SubjectId.of(stored.record().subjectId()), stored.record().recordId(),
                                ProvisionRecordProjection.BACKGROUND, stored.background())))
                .toList());
    }

    /** A row as stored: the record, and its background still sealed. */
    private record Stored(ProvisionRecord record, Sealed background) {
    }
}
