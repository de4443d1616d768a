package io.lethe.command.imports;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.Nullable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.security.Principal;
import java.util.List;
import java.util.UUID;

/** Imports of the accounts that exist before Lethe: created, uploaded (and resumed), followed. */
@RestController
@RequestMapping("/api/imports")
@Validated
@Tag(name = "Account imports", description = "Adopting the accounts of the system Lethe replaces, with their history")
class AccountImportController {

    static final String NDJSON = "application/x-ndjson";

    private final AccountImports imports;

    AccountImportController(AccountImports imports) {
        this.imports = imports;
    }

    @ApiResponse(responseCode = "201", description = "Created, empty (`Location`: its status).")
    @PostMapping
    @Operation(summary = "Create an import",
            description = "An import takes the accounts of one file, uploaded in one go or resumed over several uploads "
                    + "(`PUT …/accounts`); its status and its report of refused lines stay readable.")
    ResponseEntity<AccountImports.Status> create(Principal principal) {
        AccountImports.Status created = imports.create(principal.getName());
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/api/imports/{id}").buildAndExpand(created.importId()).toUri()).body(created);
    }

    @ApiResponse(responseCode = "200", description = "Where the import stands.")
    @ApiResponse(responseCode = "404", description = "`import-not-found`: no import with this id is known.")
    @GetMapping("/{importId}")
    @Operation(summary = "Follow an import",
            description = "`linesDone`: every line up to it is imported, completed, found present or refused (and reported); "
                    + "`uploading`: an upload is running.")
    AccountImports.Status status(@PathVariable UUID importId) {
        return imports.status(importId).orElseThrow(ImportRefusals::notFound);
    }

    @ApiResponse(responseCode = "200", description = "The lines were read to the end; where the import stands now.")
    @ApiResponse(responseCode = "404", description = "`import-not-found`: no import with this id is known.")
    @ApiResponse(responseCode = "409", description = "`import-busy`: another upload of this import is running; "
            + "`import-lines-missing`: `firstLine` lies beyond the line after `linesDone`.")
    @PutMapping(path = "/{importId}/accounts", consumes = NDJSON)
    @Operation(summary = "Upload an import's accounts",
            description = "The body is NDJSON, one account a line, read as it streams: lines split at LF (a CR before it "
                    + "is dropped), UTF-8, at most 16 MiB each. Every `lethe.import.batch-size` lines (50) commit together, "
                    + "with the import's progress. Each account is adopted whole or not at all: registered, its logins "
                    + "linked, its purchases and consents recorded, by the same rules as the single operations and sealed "
                    + "like them; each part is dated by its day (`registeredOn`, `linkedOn`, `purchasedOn`, `grantedOn`, "
                    + "the registration's when absent) in the event metadata `occurredAt`, which the access report's "
                    + "lookback counts by. A line that breaks a rule is refused as a whole and reported (`GET …/errors`: "
                    + "field and rule, never a value); the others go on. `subjectId`, when absent, is derived from "
                    + "`accountRef`: Java's `UUID.nameUUIDFromBytes` (version 3, MD5, no namespace) of the UTF-8 bytes of "
                    + "`lethe-import|` + `accountRef`. **Resumable:** `firstLine` numbers the body's first line in the "
                    + "file (1 by default); lines up to `linesDone` are read past, so after a broken upload send the file "
                    + "again, or the rest of it from `linesDone + 1`. **Idempotent:** an account adopted before (the same "
                    + "`accountRef`) is completed, not doubled: its logins (by provider), purchases (by `purchaseId`) and "
                    + "consents (by type; never one withdrawn since) are recorded only where missing (`completed`, else "
                    + "`alreadyPresent`); a subject that exists but came from elsewhere is refused "
                    + "(`subject-of-another-account`). An `Idempotency-Key` is not needed (and limits the body to 16 MiB).")
    AccountImports.Status upload(@PathVariable UUID importId,
                                 @Parameter(description = "The number, in the file, of the body's first line.")
                                 @RequestParam(defaultValue = "1") @Min(1) long firstLine,
                                 @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                                         content = @Content(mediaType = NDJSON, schema = @Schema(implementation = ImportedAccount.class)))
                                 InputStream body,
                                 Principal principal) throws IOException {
        return imports.upload(importId, firstLine, body, principal.getName(), done -> {
        });
    }

    @ApiResponse(responseCode = "200", description = "The faults of up to `lines` refused lines after `afterLine`, in line order.")
    @ApiResponse(responseCode = "404", description = "`import-not-found`: no import with this id is known.")
    @GetMapping("/{importId}/errors")
    @Operation(summary = "Read an import's report of refused lines",
            description = "Each fault names the line, the subject it would have been (where known), the problem type "
                    + "(`malformed-line`, `invalid-line`, `card-number-refused`, or the refusal of the operation, such as "
                    + "`child-without-parental-consent`), the field and the rule — never a value of the line. Page with "
                    + "`afterLine` = the last line read.")
    ErrorPage errors(@PathVariable UUID importId,
                     @RequestParam(defaultValue = "0") @Min(0) long afterLine,
                     @RequestParam(defaultValue = "500") @Min(1) @Max(MAX_LINES) int lines) {
        imports.status(importId).orElseThrow(ImportRefusals::notFound);
        List<AccountImports.LineError> errors = imports.errors(importId, afterLine, lines);
        long distinct = errors.stream().mapToLong(AccountImports.LineError::line).distinct().count();
        return new ErrorPage(errors, distinct < lines ? null : errors.get(errors.size() - 1).line());
    }

    /**
     * A page of the report.
     *
     * @param nextAfterLine where the next page starts ({@code afterLine}); null at the end. A page holds
     *                      whole lines, every fault of each
     */
    record ErrorPage(@io.swagger.v3.oas.annotations.media.ArraySchema(maxItems = MAX_LINES * AccountImports.MAX_FAULTS_PER_LINE)
                     List<AccountImports.LineError> errors, @Nullable Long nextAfterLine) {
    }

    /** The most refused lines one page of the report holds. */
    static final int MAX_LINES = 5000;
}
