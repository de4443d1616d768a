package io.lethe.command.request;

import io.lethe.command.NewIds;
import io.lethe.command.subject.SubjectFacing;
import io.lethe.core.personaldata.PersonalData;
import io.lethe.core.personaldata.RetentionClass;
import io.lethe.core.personaldata.SafeToString;
import io.lethe.core.request.AcknowledgeRequestCommand;
import io.lethe.core.request.ConfirmProcessorCommand;
import io.lethe.core.request.CorrectProfileCommand;
import io.lethe.core.request.DenialReason;
import io.lethe.core.request.DenyRequestCommand;
import io.lethe.core.request.ExtendRequestDeadlineCommand;
import io.lethe.core.request.ExtensionReason;
import io.lethe.core.request.FeeSettlement;
import io.lethe.core.request.FulfilRequestCommand;
import io.lethe.core.request.IdentityMethod;
import io.lethe.core.request.RequestChannel;
import io.lethe.core.request.RequestId;
import io.lethe.core.request.RequestType;
import io.lethe.core.request.SettleRequestFeeCommand;
import io.lethe.core.request.SubmitPrivacyRequestCommand;
import io.lethe.core.request.VerifyIdentityCommand;
import io.lethe.core.subject.Requester;
import io.lethe.core.subject.SubjectId;
import io.lethe.core.validation.Lengths;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import io.lethe.command.ApiCommands;
import io.lethe.core.request.AddRequestNoteCommand;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.security.Principal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A data-subject request from intake to its end: submitted by a product service or by privacy
 * staff (a letter, a call), then acknowledged, verified, paid for, extended, fulfilled or denied by
 * staff. Each step is a command on the subject; its rules are the rule table's.
 */
@RestController
@RequestMapping("/api/subjects/{subjectId}/privacy-requests")
@Tag(name = "Data-subject requests", description = "Intake and handling of requests")
class PrivacyRequestController {

    private final ApiCommands commands;

    PrivacyRequestController(ApiCommands commands) {
        this.commands = commands;
    }

    @ApiResponse(responseCode = "201", description = "Submitted; `Location` is the request in the queue.")
    @ApiResponse(responseCode = "404", description = "`subject-not-found`: no data subject with this id is known.")
    @ApiResponse(responseCode = "409", description = "`request-already-submitted`: a request with this `requestId` exists; `erasure-already-requested`: an erasure request is open.")
    @ApiResponse(responseCode = "422", description = "`request-type-not-granted`: the subject's law grants other types (named in the detail); `request-received-in-future`; `parent-for-adult`: a parent or guardian requests only for a minor.")
    @SubjectFacing
    @PostMapping
    @Operation(summary = "Submit a request",
            description = "The type must be one the subject's jurisdiction grants (JP: disclosure, correction, "
                    + "cessation-of-use-or-deletion, cessation-of-provision; US-CA: know-categories, "
                    + "know-specific-pieces, deletion, correction, opt-out-of-sale-sharing; EU/UK: access, "
                    + "rectification, erasure, restriction, portability, objection, withdrawal-of-consent; TW: "
                    + "query-or-review, copy, supplement-or-correction, cessation-of-processing, deletion); another is "
                    + "refused with 422 naming the granted ones. The due date is fixed at receipt from the rule table. "
                    + "`receivedAt` (optional, not in the future) is when the request reached the company. "
                    + "`requestId` is optional and makes a retry safe.")
    ResponseEntity<RequestAccepted> submit(@PathVariable SubjectId subjectId, @RequestBody SubmitRequest request) {
        RequestId requestId = request.requestId() == null ? new RequestId(NewIds.uuid("privacy-request")) : new RequestId(request.requestId());
        commands.sendAndWait(new SubmitPrivacyRequestCommand(subjectId, requestId, request.type(),
                request.requester(), request.channel(), request.receivedAt()));
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentContextPath()
                        .path("/api/privacy-requests/{requestId}").buildAndExpand(requestId).toUri())
                .body(new RequestAccepted(subjectId, requestId));
    }

    @ApiResponse(responseCode = "201", description = "Noted, or noted before: a note with the same `noteId` records "
            + "nothing more, whatever its text. `Location` is the request's trail, the note among its entries.")
    @ApiResponse(responseCode = "409", description = "`personal-data-erased`: the subject's communications are erased, "
            + "and a note, being their personal data, can no longer be kept.")
    @ApiResponse(responseCode = "404", description = "`subject-not-found`, `request-not-found`: no such subject, or no such request of it.")
    @ApiResponse(responseCode = "422", description = "`note-limit`: the request keeps " + AddRequestNoteCommand.MAX_NOTES
            + " notes already; `card-number-refused`.")
    @PostMapping("/{requestId}/notes")
    @Operation(summary = "Add an internal note to a request",
            description = "For the privacy team only, never part of the answer to the subject: a call back, a document "
                    + "asked for, why a step waits. Open or closed requests take notes. The note is the subject's "
                    + "personal data (sealed with their communications, erased with them, and listed in their access "
                    + "report as the law asks); who wrote it and when is "
                    + "the trail's (`GET /api/audit/subjects/{subjectId}/events?requestId=`). `noteId` is optional and "
                    + "makes a retry safe.")
    ResponseEntity<NoteAdded> addNote(@PathVariable SubjectId subjectId, @PathVariable RequestId requestId,
                                      @RequestBody NoteRequest request) {
        UUID noteId = request.noteId() == null ? NewIds.uuid("request-note") : request.noteId();
        commands.sendAndWait(new AddRequestNoteCommand(subjectId, requestId, noteId, request.text()));
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentContextPath()
                        .path("/api/audit/subjects/{subjectId}/events").queryParam("requestId", requestId)
                        .buildAndExpand(subjectId).toUri())
                .body(new NoteAdded(noteId));
    }

    @ApiResponse(responseCode = "204", description = "Acknowledged, or acknowledged before.")
    @ApiResponse(responseCode = "404", description = "`subject-not-found`, `request-not-found`: no such subject, or no such request of it.")
    @ApiResponse(responseCode = "409", description = "`request-closed`.")
    @PostMapping("/{requestId}/acknowledgement")
    @Operation(summary = "Confirm receipt to the requester", description = "Idempotent.")
    ResponseEntity<Void> acknowledge(@PathVariable SubjectId subjectId, @PathVariable RequestId requestId) {
        commands.sendAndWait(new AcknowledgeRequestCommand(subjectId, requestId));
        return ResponseEntity.noContent().build();
    }

    @ApiResponse(responseCode = "204", description = "Recorded; a stopped clock (UK) runs from `evidenceReceivedAt`.")
    @ApiResponse(responseCode = "404", description = "`subject-not-found`, `request-not-found`: no such subject, or no such request of it.")
    @ApiResponse(responseCode = "409", description = "`request-closed`; `identity-already-verified`.")
    @ApiResponse(responseCode = "422", description = "`identity-evidence-out-of-range`: `evidenceReceivedAt` before the receipt or in the future; `request-type-not-granted`.")
    @PostMapping("/{requestId}/identity-verification")
    @Operation(summary = "Record that the requester's identity was verified",
            description = "A request cannot be fulfilled before this, except an opt-out of sale/sharing, which needs "
                    + "no verification. `evidenceReceivedAt` is when the identity evidence arrived (default now; not "
                    + "before the request's receipt, not in the future). For UK requests the clock stands still "
                    + "until then (no reminder, no overdue escalation) and the one-month period runs from that day.")
    ResponseEntity<Void> verifyIdentity(@PathVariable SubjectId subjectId, @PathVariable RequestId requestId,
                                        @RequestBody IdentityRequest request) {
        commands.sendAndWait(new VerifyIdentityCommand(subjectId, requestId, request.method(), request.reference(),
                request.evidenceReceivedAt()));
        return ResponseEntity.noContent().build();
    }

    @ApiResponse(responseCode = "204", description = "Recorded.")
    @ApiResponse(responseCode = "404", description = "`subject-not-found`, `request-not-found`: no such subject, or no such request of it.")
    @ApiResponse(responseCode = "409", description = "`request-closed`; `no-fee-owed`.")
    @PostMapping("/{requestId}/fee")
    @Operation(summary = "Record that the request's fee was paid or waived",
            description = "A Japanese disclosure request owes 1,000 JPY (APPI Art. 38) and is not fulfilled until it "
                    + "is paid or waived.")
    ResponseEntity<Void> settleFee(@PathVariable SubjectId subjectId, @PathVariable RequestId requestId,
                                   @RequestBody FeeRequest request) {
        commands.sendAndWait(new SettleRequestFeeCommand(subjectId, requestId, request.settlement(),
                request.reference()));
        return ResponseEntity.noContent().build();
    }

    @ApiResponse(responseCode = "204", description = "Extended.")
    @ApiResponse(responseCode = "404", description = "`subject-not-found`, `request-not-found`: no such subject, or no such request of it.")
    @ApiResponse(responseCode = "409", description = "`request-closed`; `deadline-already-extended`; `clock-not-started`: "
            + "the clock waits for identity (UK), so there is no period to extend yet.")
    @ApiResponse(responseCode = "422", description = "`extension-not-granted`: the law allows none; `extension-notice-late`: the notice was not sent within the original period.")
    @PostMapping("/{requestId}/extension")
    @Operation(summary = "Extend the deadline once",
            description = "By the period the law allows (US-CA +45 days, EU/UK +2 months, TW +15 or +30 days; Japan "
                    + "none, refused with 422). The notice with the reason must have been sent within the original "
                    + "period.")
    ResponseEntity<Void> extend(@PathVariable SubjectId subjectId, @PathVariable RequestId requestId,
                                @RequestBody ExtensionRequest request) {
        commands.sendAndWait(new ExtendRequestDeadlineCommand(subjectId, requestId, request.reason(),
                request.noticeSentOn(), request.noticeReference()));
        return ResponseEntity.noContent().build();
    }

    @ApiResponse(responseCode = "204", description = "Fulfilled.")
    @ApiResponse(responseCode = "404", description = "`subject-not-found`, `request-not-found`: no such subject, or no such request of it.")
    @ApiResponse(responseCode = "409", description = "`request-closed`; `identity-not-verified`; `fee-unsettled`; `fulfilled-by-erasure-process`: an erasure is fulfilled by the erasure process.")
    @PostMapping("/{requestId}/fulfilment")
    @Operation(summary = "Record that the request was answered or carried out",
            description = "Refused (409) before identity is verified or while a fee is owed. Erasure requests are "
                    + "fulfilled by the erasure process with a deletion certificate.")
    ResponseEntity<Void> fulfil(@PathVariable SubjectId subjectId, @PathVariable RequestId requestId,
                                @RequestBody FulfilmentRequest request) {
        commands.sendAndWait(new FulfilRequestCommand(subjectId, requestId, request.responseReference()));
        return ResponseEntity.noContent().build();
    }

    @ApiResponse(responseCode = "204", description = "Corrected and fulfilled.")
    @ApiResponse(responseCode = "404", description = "`subject-not-found`, `request-not-found`: no such subject, or no such request of it.")
    @ApiResponse(responseCode = "409", description = "`not-a-correction-request`; `request-closed`; `identity-not-verified`; `fee-unsettled`; `personal-data-erased`: the profile was shredded.")
    @ApiResponse(responseCode = "422", description = "`nothing-to-change`: none of the fields was given; `card-number-refused`: a full card number in any field; nothing of the request was stored.")
    @PostMapping("/{requestId}/correction")
    @Operation(summary = "Fulfil a correction with the corrected values",
            description = "For `correction`, `rectification` and `supplement-or-correction` requests: the given fields "
                    + "(`name`, `postalAddress`, `email`; at least one) replace the subject's current values and the "
                    + "request is fulfilled, together. The summary, the access report and the portability export show "
                    + "the new values; the report keeps each value with when and how it was collected. Refused (409) "
                    + "for another type, before identity is verified or after the profile was erased.")
    ResponseEntity<Void> correct(@PathVariable SubjectId subjectId, @PathVariable RequestId requestId,
                                 @RequestBody CorrectionRequest request) {
        commands.sendAndWait(new CorrectProfileCommand(subjectId, requestId, request.name(), request.postalAddress(),
                request.email(), request.responseReference()));
        return ResponseEntity.noContent().build();
    }

    @ApiResponse(responseCode = "204", description = "Denied.")
    @ApiResponse(responseCode = "404", description = "`subject-not-found`, `request-not-found`: no such subject, or no such request of it.")
    @ApiResponse(responseCode = "409", description = "`request-closed`.")
    @PostMapping("/{requestId}/denial")
    @Operation(summary = "Deny the request with a reason from the closed list")
    ResponseEntity<Void> deny(@PathVariable SubjectId subjectId, @PathVariable RequestId requestId,
                              @RequestBody DenialRequest request) {
        commands.sendAndWait(new DenyRequestCommand(subjectId, requestId, request.reason(), request.reference()));
        return ResponseEntity.noContent().build();
    }

    @ApiResponse(responseCode = "204", description = "Confirmed, or confirmed before.")
    @ApiResponse(responseCode = "404", description = "`subject-not-found`, `request-not-found`; `processor-not-asked`: this processor was not directed to follow the request.")
    @ApiResponse(responseCode = "409", description = "`not-an-erasure-request`: the request directs no processor.")
    @PostMapping("/{requestId}/processor-confirmations")
    @Operation(summary = "A downstream processor confirms its deletion",
            description = "For erasure requests: the processor asked by the erasure process confirms it deleted the "
                    + "subject's data. The processor is the authenticated caller, never a field of the body, so one "
                    + "processor cannot confirm for another. Idempotent.")
    ResponseEntity<Void> confirmProcessorDeletion(@PathVariable SubjectId subjectId, @PathVariable RequestId requestId,
                                                  @RequestBody ProcessorConfirmation request, Principal processor) {
        commands.sendAndWait(new ConfirmProcessorCommand(subjectId, requestId, processor.getName(),
                request.reference()));
        return ResponseEntity.noContent().build();
    }

    record SubmitRequest(UUID requestId, @NotNull RequestType type, @NotNull Requester requester, @NotNull RequestChannel channel,
                         Instant receivedAt) {
    }

    record NoteRequest(UUID noteId,
                       @PersonalData(RetentionClass.COMMUNICATIONS) @NotBlank @Size(max = Lengths.NOTE) String text) {

        @Override
        public String toString() {
            return SafeToString.of(this);
        }
    }

    record NoteAdded(UUID noteId) {
    }

    record RequestAccepted(SubjectId subjectId, RequestId requestId) {
    }

    record IdentityRequest(@NotNull IdentityMethod method, @Size(max = Lengths.REFERENCE) String reference, Instant evidenceReceivedAt) {
    }

    record FeeRequest(@NotNull FeeSettlement settlement, @Size(max = Lengths.REFERENCE) String reference) {
    }

    record ExtensionRequest(@NotNull ExtensionReason reason, @NotNull LocalDate noticeSentOn, @Size(max = Lengths.REFERENCE) String noticeReference) {
    }

    record FulfilmentRequest(@Size(max = Lengths.REFERENCE) String responseReference) {
    }

    record DenialRequest(@NotNull DenialReason reason, @Size(max = Lengths.REFERENCE) String reference) {
    }

    record CorrectionRequest(@PersonalData(RetentionClass.PROFILE) @Size(max = Lengths.NAME) String name,
                             @PersonalData(RetentionClass.PROFILE) @Size(max = Lengths.ADDRESS) String postalAddress,
                             @PersonalData(RetentionClass.PROFILE) @Size(max = Lengths.EMAIL) String email,
                             @Size(max = Lengths.REFERENCE) String responseReference) {
        @Override
        public String toString() {
            return SafeToString.of(this);
        }
    }

    record ProcessorConfirmation(@Size(max = Lengths.REFERENCE) String reference) {
    }
}
