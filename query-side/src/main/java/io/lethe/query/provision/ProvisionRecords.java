package io.lethe.query.provision;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static io.lethe.query.Columns.strings;

/**
 * The register of provision and receipt records for privacy staff. It is served on every node; their
 * expiry is {@link ProvisionRecordPurge}'s, a job that runs only where the query side does.
 */
@RestController
@Validated
@Tag(name = "Provision records", description = "APPI Art. 29/30 records (role PRIVACY_STAFF)")
class ProvisionRecords {

    private final JdbcClient jdbc;

    ProvisionRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One record; the third party is an organisation and the subject appears by its pseudonymous id. */
    record ProvisionRecord(String subjectId, String recordId, String direction, String organisationName,
                           String organisationAddress, String country, String partyCategory, boolean equivalentSystem,
                           List<String> categories, boolean saleOrSharing, boolean foreign, String backgroundOfAcquisition,
                           LocalDate onDate, LocalDate keepUntil) {
    }

    @GetMapping("/api/provision-records")
    @Operation(summary = "Provision and receipt records still within their keeping period",
            description = "Filter by `subjectId` or `direction` (PROVISION, RECEIPT). Records past their period "
                    + "(1 year for contract records, 3 years otherwise) are purged daily and never listed. Role PRIVACY_STAFF.")
    List<ProvisionRecord> list(@RequestParam(required = false) UUID subjectId,
                               @RequestParam(required = false) String direction,
                               @RequestParam(defaultValue = "0") @Min(0) int page,
                               @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int size) {
        return jdbc.sql("""
                        SELECT * FROM provision_record
                        WHERE keep_until >= current_date
                          AND (CAST(:subject AS uuid) IS NULL OR subject_id = :subject)
                          AND (CAST(:direction AS varchar) IS NULL OR direction = :direction)
                        ORDER BY on_date DESC, subject_id, record_id LIMIT :size OFFSET :offset""")
                .param("subject", subjectId)
                .param("direction", direction)
                .param("size", size)
                .param("offset", (long) page * size)
                .query((row, number) -> new ProvisionRecord(row.getString("subject_id"), row.getString("record_id"),
                        row.getString("direction"), row.getString("organisation_name"),
                        row.getString("organisation_address"), row.getString("country"), row.getString("party_category"),
                        row.getBoolean("equivalent_system"), strings(row.getArray("categories")),
                        row.getBoolean("sale_or_sharing"), row.getBoolean("foreign_party"), row.getString("background"),
                        row.getDate("on_date").toLocalDate(), row.getDate("keep_until").toLocalDate()))
                .list();
    }
}
