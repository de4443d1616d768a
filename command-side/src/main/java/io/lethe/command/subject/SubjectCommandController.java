package io.lethe.command.subject;

import io.lethe.core.jurisdiction.Jurisdiction;
import io.lethe.core.personaldata.PersonalData;
import io.lethe.core.personaldata.Redaction;
import io.lethe.core.personaldata.RetentionClass;
import io.lethe.core.personaldata.SafeToString;
import io.lethe.core.subject.CardHint;
import io.lethe.core.subject.ErasureRequestId;
import io.lethe.core.subject.LinkSocialLoginCommand;
import io.lethe.core.subject.Money;
import io.lethe.core.subject.PurchaseId;
import io.lethe.core.subject.RecordPurchaseCommand;
import io.lethe.core.subject.RegisterAccountCommand;
import io.lethe.core.subject.RequestErasureCommand;
import io.lethe.core.subject.Requester;
import io.lethe.core.subject.PlaceLegalHoldCommand;
import io.lethe.core.subject.RecordRetentionExceptionCommand;
import io.lethe.core.subject.ReleaseLegalHoldCommand;
import io.lethe.core.subject.RetentionExceptionGround;
import io.lethe.core.subject.ShredPersonalDataCommand;
import io.lethe.core.subject.ShreddingReason;
import io.lethe.core.subject.SubjectId;
import io.lethe.core.subject.TerminateAccountCommand;
import io.lethe.core.subject.TerminationReason;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.net.URI;
import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;

/**
 * Commands from product services about a subject's account. Requests are mapped to commands and
 * sent through the command gateway; validation runs on dispatch, so a refused request never
 * reaches an aggregate and never writes an event.
 */
@RestController
@RequestMapping("/api/subjects")
@Tag(name = "Subject commands", description = "Account lifecycle commands sent by product services (role SERVICE)")
class SubjectCommandController {

    private final CommandGateway commandGateway;

    SubjectCommandController(CommandGateway commandGateway) {
        this.commandGateway = commandGateway;
    }

    @PostMapping
    @Operation(summary = "Register an account",
            description = "Records the data the subject provided at sign-up. `subjectId` is optional: "
                    + "Lethe generates one when it is absent; sending it makes a retry safe (a second "
                    + "registration of the same id is refused with 409).")
    ResponseEntity<SubjectCreated> register(@RequestBody RegisterAccountRequest request) {
        SubjectId subjectId = request.subjectId() == null ? SubjectId.random() : new SubjectId(request.subjectId());
        commandGateway.sendAndWait(new RegisterAccountCommand(subjectId, request.jurisdiction(), request.name(),
                request.dateOfBirth(), request.postalAddress(), request.email(), request.profilePictureRef(),
                request.bankAccountNumber()));
        return ResponseEntity.created(location("/api/subjects/{id}", subjectId)).body(new SubjectCreated(subjectId));
    }

    @PostMapping("/{subjectId}/social-logins")
    @Operation(summary = "Link a third-party login", description = "One login per provider and account.")
    ResponseEntity<SocialLoginLinked> linkSocialLogin(@PathVariable SubjectId subjectId,
                                                      @RequestBody LinkSocialLoginRequest request) {
        commandGateway.sendAndWait(new LinkSocialLoginCommand(subjectId, request.provider(), request.externalId(),
                request.username(), request.email(), request.profilePhotoRef()));
        return ResponseEntity.created(location("/api/subjects/{id}/social-logins/{provider}", subjectId, request.provider()))
                .body(new SocialLoginLinked(subjectId, request.provider()));
    }

    @PostMapping("/{subjectId}/purchases")
    @Operation(summary = "Record a purchase",
            description = "Only the card's expiry (MM/YY) and last four digits are accepted. A full card number "
                    + "anywhere in the request is refused with 422 and stored nowhere.")
    ResponseEntity<PurchaseRecorded> recordPurchase(@PathVariable SubjectId subjectId,
                                                    @RequestBody RecordPurchaseRequest request) {
        PurchaseId purchaseId = request.purchaseId() == null ? PurchaseId.random() : new PurchaseId(request.purchaseId());
        commandGateway.sendAndWait(new RecordPurchaseCommand(subjectId, purchaseId, request.item(), request.amount(),
                request.card()));
        return ResponseEntity.created(location("/api/subjects/{id}/purchases/{purchaseId}", subjectId, purchaseId))
                .body(new PurchaseRecorded(subjectId, purchaseId));
    }

    @PostMapping("/{subjectId}/termination")
    @Operation(summary = "Terminate the account")
    ResponseEntity<Void> terminate(@PathVariable SubjectId subjectId, @RequestBody TerminateAccountRequest request) {
        commandGateway.sendAndWait(new TerminateAccountCommand(subjectId, request.reason()));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{subjectId}/erasure-requests")
    @Operation(summary = "Request erasure of the subject's personal data",
            description = "Accepted also after termination. The erasure itself is carried out by the erasure process.")
    ResponseEntity<ErasureRequestAccepted> requestErasure(@PathVariable SubjectId subjectId,
                                                          @RequestBody RequestErasureRequest request) {
        ErasureRequestId requestId = ErasureRequestId.random();
        commandGateway.sendAndWait(new RequestErasureCommand(subjectId, requestId, request.requestedBy()));
        return ResponseEntity.accepted()
                .location(location("/api/subjects/{id}/erasure-requests/{requestId}", subjectId, requestId))
                .body(new ErasureRequestAccepted(subjectId, requestId));
    }

    @PostMapping("/{subjectId}/shredding")
    @Operation(summary = "Shred personal data (privacy staff)",
            description = "Destroys the subject's data keys of the given retention classes, which erases every "
                    + "stored copy of that data at once: events, replays, exports and projections read the "
                    + "redaction value from then on. Permanent. Classes already shredded are skipped. Role PRIVACY_STAFF.")
    ResponseEntity<Void> shred(@PathVariable SubjectId subjectId, @RequestBody ShredRequest request) {
        commandGateway.sendAndWait(new ShredPersonalDataCommand(subjectId, request.retentionClasses(), request.reason(),
                request.reference()));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{subjectId}/legal-holds")
    @Operation(summary = "Place a legal hold (privacy staff)",
            description = "Keeps the given classes whatever retention deadline or erasure comes, until released; "
                    + "a shredding that meets the hold is withheld and reported. Role PRIVACY_STAFF.")
    ResponseEntity<LegalHoldPlaced> placeLegalHold(@PathVariable SubjectId subjectId, @RequestBody LegalHoldRequest request) {
        String holdId = request.holdId() == null ? "hold-" + UUID.randomUUID() : request.holdId();
        commandGateway.sendAndWait(new PlaceLegalHoldCommand(subjectId, holdId, request.retentionClasses(),
                request.caseReference()));
        return ResponseEntity.created(location("/api/subjects/{id}/legal-holds/{holdId}", subjectId, holdId))
                .body(new LegalHoldPlaced(subjectId, holdId));
    }

    @DeleteMapping("/{subjectId}/legal-holds/{holdId}")
    @Operation(summary = "Release a legal hold (privacy staff)",
            description = "Retention deadlines the hold paused take effect at once. Role PRIVACY_STAFF.")
    ResponseEntity<Void> releaseLegalHold(@PathVariable SubjectId subjectId, @PathVariable String holdId) {
        commandGateway.sendAndWait(new ReleaseLegalHoldCommand(subjectId, holdId));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{subjectId}/retention-exceptions")
    @Operation(summary = "Record a Taiwan retention exception (privacy staff)",
            description = "PDPA §18: on one of its three grounds, the given classes of a terminated Taiwan account "
                    + "are kept beyond the deletion period until `reviewBy`, when the exception lapses unless a later "
                    + "one is recorded. Role PRIVACY_STAFF.")
    ResponseEntity<Void> recordRetentionException(@PathVariable SubjectId subjectId,
                                                  @RequestBody RetentionExceptionRequest request) {
        commandGateway.sendAndWait(new RecordRetentionExceptionCommand(subjectId, request.retentionClasses(),
                request.ground(), request.justificationReference(), request.reviewBy()));
        return ResponseEntity.noContent().build();
    }

    private static URI location(String path, Object... variables) {
        return ServletUriComponentsBuilder.fromCurrentContextPath().path(path).buildAndExpand(variables).toUri();
    }

    record RegisterAccountRequest(UUID subjectId, Jurisdiction jurisdiction,
                                  @PersonalData(RetentionClass.PROFILE) String name,
                                  @PersonalData(value = RetentionClass.PROFILE, redaction = Redaction.NULL) LocalDate dateOfBirth,
                                  @PersonalData(RetentionClass.PROFILE) String postalAddress,
                                  @PersonalData(RetentionClass.PROFILE) String email,
                                  @PersonalData(RetentionClass.COMMUNICATIONS) String profilePictureRef,
                                  @PersonalData(RetentionClass.FINANCIAL) String bankAccountNumber) {
        @Override
        public String toString() {
            return SafeToString.of(this);
        }
    }

    record LinkSocialLoginRequest(String provider,
                                  @PersonalData(RetentionClass.PROFILE) String externalId,
                                  @PersonalData(RetentionClass.PROFILE) String username,
                                  @PersonalData(RetentionClass.PROFILE) String email,
                                  @PersonalData(RetentionClass.COMMUNICATIONS) String profilePhotoRef) {
        @Override
        public String toString() {
            return SafeToString.of(this);
        }
    }

    record RecordPurchaseRequest(UUID purchaseId,
                                 @PersonalData(RetentionClass.FINANCIAL) String item,
                                 @PersonalData(value = RetentionClass.FINANCIAL, redaction = Redaction.NULL) Money amount,
                                 @PersonalData(value = RetentionClass.FINANCIAL, redaction = Redaction.NULL) CardHint card) {
        @Override
        public String toString() {
            return SafeToString.of(this);
        }
    }

    record TerminateAccountRequest(TerminationReason reason) {
    }

    record RequestErasureRequest(Requester requestedBy) {
    }

    record SubjectCreated(SubjectId subjectId) {
    }

    record SocialLoginLinked(SubjectId subjectId, String provider) {
    }

    record PurchaseRecorded(SubjectId subjectId, PurchaseId purchaseId) {
    }

    record ErasureRequestAccepted(SubjectId subjectId, ErasureRequestId requestId) {
    }

    record ShredRequest(Set<RetentionClass> retentionClasses, ShreddingReason reason, String reference) {
    }

    record LegalHoldRequest(String holdId, Set<RetentionClass> retentionClasses, String caseReference) {
    }

    record LegalHoldPlaced(SubjectId subjectId, String holdId) {
    }

    record RetentionExceptionRequest(Set<RetentionClass> retentionClasses, RetentionExceptionGround ground,
                                     String justificationReference, LocalDate reviewBy) {
    }
}
