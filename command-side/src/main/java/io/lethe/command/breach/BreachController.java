package io.lethe.command.breach;

import io.lethe.command.NewIds;
import io.lethe.core.breach.AssessBreachCommand;
import io.lethe.core.breach.BreachFacts;
import io.lethe.core.breach.BreachId;
import io.lethe.core.breach.BreachLetter;
import io.lethe.core.breach.BreachRisk;
import io.lethe.core.breach.CloseBreachCommand;
import io.lethe.core.breach.MailAffectedPeopleCommand;
import io.lethe.core.breach.RecordBreachClarifiedCommand;
import io.lethe.core.breach.RecordBreachNotificationCommand;
import io.lethe.core.breach.ReportBreachCommand;
import io.lethe.core.subject.SubjectId;
import io.lethe.core.validation.Lengths;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import io.lethe.command.ApiCommands;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** Breaches, reported and worked by privacy staff. */
@RestController
@RequestMapping("/api/breaches")
@Tag(name = "Breaches", description = "Report a breach and record its notifications")
class BreachController {

    private final ApiCommands commands;

    BreachController(ApiCommands commands) {
        this.commands = commands;
    }

    @ApiResponse(responseCode = "201", description = "Reported; its duties are derived.")
    @ApiResponse(responseCode = "409", description = "`breach-already-reported`: a breach with this `breachId` exists.")
    @ApiResponse(responseCode = "422", description = "`breach-aware-in-future`: `awareAt` lies in the future.")
    @PostMapping
    @Operation(operationId = "reportBreach", summary = "Report a breach",
            description = "The duties are derived at once from the facts: EU/UK authority 72 h after `awareAt`; JP "
                    + "preliminary (5 days) and final (30, or 60 when malicious) reports and the individuals when "
                    + "sensitive data, financial-damage risk, a wrongful purpose or more than 1,000 people are involved; "
                    + "TW subjects after the facts are clarified; US-CA residents within 30 days and the Attorney General "
                    + "for more than 500 residents. `breachId` is optional and makes a retry safe.")
    ResponseEntity<BreachReported> report(@RequestBody ReportRequest request) {
        BreachId breachId = request.breachId() == null ? new BreachId(NewIds.uuid("breach")) : new BreachId(request.breachId());
        commands.sendAndWait(new ReportBreachCommand(breachId, request.awareAt(), request.facts(),
                request.summaryReference(), request.affectedSubjects()));
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentContextPath().path("/api/breaches/{id}")
                .buildAndExpand(breachId).toUri()).body(new BreachReported(breachId));
    }

    @ApiResponse(responseCode = "204", description = "Recorded.")
    @ApiResponse(responseCode = "404", description = "`breach-not-found`: no breach with this id is known.")
    @ApiResponse(responseCode = "409", description = "`breach-closed`.")
    @PostMapping("/{breachId}/assessment")
    @Operation(operationId = "assessBreach", summary = "Record the risk assessment",
            description = "HIGH adds the EU/UK individuals' duties; UNLIKELY lifts the EU/UK authority duty (the breach "
                    + "stays documented).")
    ResponseEntity<Void> assess(@PathVariable BreachId breachId, @RequestBody AssessmentRequest request) {
        commands.sendAndWait(new AssessBreachCommand(breachId, request.risk(), request.assessmentReference()));
        return ResponseEntity.noContent().build();
    }

    @ApiResponse(responseCode = "204", description = "Recorded; Taiwan's notice clock starts.")
    @ApiResponse(responseCode = "404", description = "`breach-not-found`: no breach with this id is known.")
    @ApiResponse(responseCode = "409", description = "`breach-closed`; `breach-already-clarified`.")
    @PostMapping("/{breachId}/clarification")
    @Operation(operationId = "recordBreachClarified", summary = "Record that the facts were clarified", description = "Starts Taiwan's notice clock.")
    ResponseEntity<Void> clarify(@PathVariable BreachId breachId, @RequestBody ClarificationRequest request) {
        commands.sendAndWait(new RecordBreachClarifiedCommand(breachId, request.clarifiedAt()));
        return ResponseEntity.noContent().build();
    }

    @ApiResponse(responseCode = "204", description = "Recorded; the duty is met.")
    @ApiResponse(responseCode = "404", description = "`breach-not-found`; `breach-duty-not-found`: the breach has no open duty with this `dutyId`.")
    @ApiResponse(responseCode = "409", description = "`breach-closed`.")
    @ApiResponse(responseCode = "422", description = "`notification-in-future`: `sentAt` in the future or before awareness.")
    @PostMapping("/{breachId}/notifications")
    @Operation(operationId = "recordBreachNotification", summary = "Record a notification sent under a duty")
    ResponseEntity<Void> notify(@PathVariable BreachId breachId, @RequestBody NotificationRequest request) {
        commands.sendAndWait(new RecordBreachNotificationCommand(breachId, request.dutyId(),
                request.sentAt() == null ? Instant.now() : request.sentAt(), request.reference()));
        return ResponseEntity.noContent().build();
    }

    @ApiResponse(responseCode = "202", description = "Accepted: the notices go out; follow them at the `Location` given.")
    @ApiResponse(responseCode = "404", description = "`breach-not-found`; `breach-duty-not-found`: the breach has no open duty with this `dutyId`.")
    @ApiResponse(responseCode = "409", description = "`breach-closed`; `breach-mailing-exists`: this duty's people are already mailed.")
    @ApiResponse(responseCode = "422", description = "`breach-duty-not-to-individuals`: the duty is owed to an authority; "
            + "`breach-no-affected-subjects`: the report named no subject, so nobody can be mailed.")
    @PostMapping("/{breachId}/mailings")
    @Operation(operationId = "mailAffectedPeople", summary = "Mail the people affected under an individuals' duty",
            description = "Each subject the report named who lives under the duty's law gets the letter at the address the "
                    + "platform holds, in that law's language (Japanese for APPI, Traditional Chinese for PDPA, English "
                    + "otherwise), under California's prescribed title and headings. Write the letter's five sections in that "
                    + "language; they describe the incident and name no one. Each sending is an event; a failed one is "
                    + "retried, then reported undelivered. When every notice was attempted and at least one person was "
                    + "reached, the duty is recorded met (reference `mailing:sent-N:undelivered-M`); when nobody was, it "
                    + "stays open for a substitute or public notice.")
    ResponseEntity<Void> mail(@PathVariable BreachId breachId, @RequestBody MailingRequest request) {
        commands.sendAndWait(new MailAffectedPeopleCommand(breachId, request.dutyId(), request.letter()));
        return ResponseEntity.accepted().location(ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/api/breaches/{id}/mailings").buildAndExpand(breachId).toUri()).build();
    }

    @ApiResponse(responseCode = "204", description = "Closed.")
    @ApiResponse(responseCode = "404", description = "`breach-not-found`: no breach with this id is known.")
    @ApiResponse(responseCode = "409", description = "`breach-closed`; `breach-duties-open`: a duty is neither met nor lifted.")
    @PostMapping("/{breachId}/closure")
    @Operation(operationId = "closeBreach", summary = "Close the breach", description = "Refused while a duty is neither met nor lifted.")
    ResponseEntity<Void> close(@PathVariable BreachId breachId, @RequestBody ClosureRequest request) {
        commands.sendAndWait(new CloseBreachCommand(breachId, request.reference()));
        return ResponseEntity.noContent().build();
    }

    record ReportRequest(UUID breachId, @NotNull Instant awareAt, @NotNull BreachFacts facts, @Size(max = Lengths.REFERENCE) String summaryReference,
                         @Size(max = ReportBreachCommand.MAX_AFFECTED_SUBJECTS) Set<SubjectId> affectedSubjects) {
    }

    record BreachReported(BreachId breachId) {
    }

    record AssessmentRequest(@NotNull BreachRisk risk, @Size(max = Lengths.REFERENCE) String assessmentReference) {
    }

    record ClarificationRequest(@NotNull Instant clarifiedAt) {
    }

    record NotificationRequest(@NotBlank @Size(min = 1, max = Lengths.REFERENCE) String dutyId, Instant sentAt, @Size(max = Lengths.REFERENCE) String reference) {
    }

    record MailingRequest(@NotBlank @Size(max = Lengths.REFERENCE) String dutyId, @NotNull @Valid BreachLetter letter) {
    }

    record ClosureRequest(@Size(max = Lengths.REFERENCE) String reference) {
    }
}
