package io.lethe.command.request;

import io.lethe.command.NewIds;
import io.lethe.core.request.AcknowledgeRequestCommand;
import io.lethe.core.request.ConfirmProcessorCommand;
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
import io.lethe.core.personaldata.PersonalData;
import io.lethe.core.personaldata.RetentionClass;
import io.lethe.core.personaldata.SafeToString;
import io.lethe.core.request.CorrectProfileCommand;
import io.lethe.core.subject.Requester;
import io.lethe.core.subject.SubjectId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import io.lethe.command.subject.SubjectFacing;
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
@Tag(name = "Data-subject requests", description = "Intake (SERVICE, PRIVACY_STAFF) and handling (PRIVACY_STAFF) of requests")
class PrivacyRequestController {

    private final CommandGateway commandGateway;

    PrivacyRequestController(CommandGateway commandGateway) {
        this.commandGateway = commandGateway;
    }

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
                    + "`requestId` is optional and makes a retry safe. Roles SERVICE, PRIVACY_STAFF.")
    ResponseEntity<RequestAccepted> submit(@PathVariable SubjectId subjectId, @RequestBody SubmitRequest request) {
        RequestId requestId = request.requestId() == null ? new RequestId(NewIds.uuid("privacy-request")) : new RequestId(request.requestId());
        commandGateway.sendAndWait(new SubmitPrivacyRequestCommand(subjectId, requestId, request.type(),
                request.requester(), request.channel(), request.receivedAt()));
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentContextPath()
                        .path("/api/privacy-requests/{requestId}").buildAndExpand(requestId).toUri())
                .body(new RequestAccepted(subjectId, requestId));
    }

    @PostMapping("/{requestId}/acknowledgement")
    @Operation(summary = "Confirm receipt to the requester", description = "Idempotent. Role PRIVACY_STAFF.")
    ResponseEntity<Void> acknowledge(@PathVariable SubjectId subjectId, @PathVariable RequestId requestId) {
        commandGateway.sendAndWait(new AcknowledgeRequestCommand(subjectId, requestId));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{requestId}/identity-verification")
    @Operation(summary = "Record that the requester's identity was verified",
            description = "A request cannot be fulfilled before this, except an opt-out of sale/sharing, which needs "
                    + "no verification. `evidenceReceivedAt` is when the identity evidence arrived (default now; not "
                    + "before the request's receipt, not in the future). For UK requests the clock stands still "
                    + "until then (no reminder, no overdue escalation) and the one-month period runs from that day. "
                    + "Role PRIVACY_STAFF.")
    ResponseEntity<Void> verifyIdentity(@PathVariable SubjectId subjectId, @PathVariable RequestId requestId,
                                        @RequestBody IdentityRequest request) {
        commandGateway.sendAndWait(new VerifyIdentityCommand(subjectId, requestId, request.method(), request.reference(),
                request.evidenceReceivedAt()));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{requestId}/fee")
    @Operation(summary = "Record that the request's fee was paid or waived",
            description = "A Japanese disclosure request owes 1,000 JPY (APPI Art. 38) and is not fulfilled until it "
                    + "is paid or waived. Role PRIVACY_STAFF.")
    ResponseEntity<Void> settleFee(@PathVariable SubjectId subjectId, @PathVariable RequestId requestId,
                                   @RequestBody FeeRequest request) {
        commandGateway.sendAndWait(new SettleRequestFeeCommand(subjectId, requestId, request.settlement(),
                request.reference()));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{requestId}/extension")
    @Operation(summary = "Extend the deadline once",
            description = "By the period the law allows (US-CA +45 days, EU/UK +2 months, TW +15 or +30 days; Japan "
                    + "none, refused with 422). The notice with the reason must have been sent within the original "
                    + "period. Role PRIVACY_STAFF.")
    ResponseEntity<Void> extend(@PathVariable SubjectId subjectId, @PathVariable RequestId requestId,
                                @RequestBody ExtensionRequest request) {
        commandGateway.sendAndWait(new ExtendRequestDeadlineCommand(subjectId, requestId, request.reason(),
                request.noticeSentOn(), request.noticeReference()));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{requestId}/fulfilment")
    @Operation(summary = "Record that the request was answered or carried out",
            description = "Refused (409) before identity is verified or while a fee is owed. Erasure requests are "
                    + "fulfilled by the erasure process with a deletion certificate. Role PRIVACY_STAFF.")
    ResponseEntity<Void> fulfil(@PathVariable SubjectId subjectId, @PathVariable RequestId requestId,
                                @RequestBody FulfilmentRequest request) {
        commandGateway.sendAndWait(new FulfilRequestCommand(subjectId, requestId, request.responseReference()));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{requestId}/correction")
    @Operation(summary = "Fulfil a correction with the corrected values",
            description = "For `correction`, `rectification` and `supplement-or-correction` requests: the given fields "
                    + "(`name`, `postalAddress`, `email`; at least one) replace the subject's current values and the "
                    + "request is fulfilled, together. The summary, the access report and the portability export show "
                    + "the new values; the report keeps each value with when and how it was collected. Refused (409) "
                    + "for another type, before identity is verified or after the profile was erased. Role PRIVACY_STAFF.")
    ResponseEntity<Void> correct(@PathVariable SubjectId subjectId, @PathVariable RequestId requestId,
                                 @RequestBody CorrectionRequest request) {
        commandGateway.sendAndWait(new CorrectProfileCommand(subjectId, requestId, request.name(), request.postalAddress(),
                request.email(), request.responseReference()));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{requestId}/denial")
    @Operation(summary = "Deny the request with a reason from the closed list", description = "Role PRIVACY_STAFF.")
    ResponseEntity<Void> deny(@PathVariable SubjectId subjectId, @PathVariable RequestId requestId,
                              @RequestBody DenialRequest request) {
        commandGateway.sendAndWait(new DenyRequestCommand(subjectId, requestId, request.reason(), request.reference()));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{requestId}/processor-confirmations")
    @Operation(summary = "A downstream processor confirms its deletion",
            description = "For erasure requests: the processor asked by the erasure process confirms it deleted the "
                    + "subject's data. The processor is the authenticated caller, never a field of the body, so one "
                    + "processor cannot confirm for another. Idempotent. Role PROCESSOR.")
    ResponseEntity<Void> confirmProcessorDeletion(@PathVariable SubjectId subjectId, @PathVariable RequestId requestId,
                                                  @RequestBody ProcessorConfirmation request, Principal processor) {
        commandGateway.sendAndWait(new ConfirmProcessorCommand(subjectId, requestId, processor.getName(),
                request.reference()));
        return ResponseEntity.noContent().build();
    }

    record SubmitRequest(UUID requestId, RequestType type, Requester requester, RequestChannel channel,
                         Instant receivedAt) {
    }

    record RequestAccepted(SubjectId subjectId, RequestId requestId) {
    }

    record IdentityRequest(IdentityMethod method, String reference, Instant evidenceReceivedAt) {
    }

    record FeeRequest(FeeSettlement settlement, String reference) {
    }

    record ExtensionRequest(ExtensionReason reason, LocalDate noticeSentOn, String noticeReference) {
    }

    record FulfilmentRequest(String responseReference) {
    }

    record DenialRequest(DenialReason reason, String reference) {
    }

    record CorrectionRequest(@PersonalData(RetentionClass.PROFILE) String name,
                             @PersonalData(RetentionClass.PROFILE) String postalAddress,
                             @PersonalData(RetentionClass.PROFILE) String email,
                             String responseReference) {
        @Override
        public String toString() {
            return SafeToString.of(this);
        }
    }

    record ProcessorConfirmation(String reference) {
    }
}
