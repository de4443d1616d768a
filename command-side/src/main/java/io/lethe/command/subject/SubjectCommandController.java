package io.lethe.command.subject;

import io.lethe.command.NewIds;
import io.lethe.core.consent.ConsentType;
import io.lethe.core.consent.GrantConsentCommand;
import io.lethe.core.consent.OptOutOfSaleSharingCommand;
import io.lethe.core.consent.RecordSensitiveInformationCommand;
import io.lethe.core.consent.SensitiveCategory;
import io.lethe.core.consent.SensitiveDataException;
import io.lethe.core.consent.WithdrawConsentCommand;
import io.lethe.core.jurisdiction.Jurisdiction;
import io.lethe.core.personaldata.DataCategory;
import io.lethe.core.personaldata.PersonalData;
import io.lethe.core.personaldata.Redaction;
import io.lethe.core.personaldata.RetentionClass;
import io.lethe.core.personaldata.SafeToString;
import io.lethe.core.provision.RecordReceiptConfirmationCommand;
import io.lethe.core.provision.RecordThirdPartyProvisionCommand;
import io.lethe.core.provision.ThirdParty;
import io.lethe.core.request.RequestChannel;
import io.lethe.core.subject.CardHint;
import io.lethe.core.subject.LinkSocialLoginCommand;
import io.lethe.core.subject.Money;
import io.lethe.core.subject.PlaceLegalHoldCommand;
import io.lethe.core.subject.PurchaseId;
import io.lethe.core.subject.RecordPurchaseCommand;
import io.lethe.core.subject.RecordRetentionExceptionCommand;
import io.lethe.core.subject.RegisterAccountCommand;
import io.lethe.core.subject.ReleaseLegalHoldCommand;
import io.lethe.core.subject.ReportUnderageSubjectCommand;
import io.lethe.core.subject.Requester;
import io.lethe.core.subject.RetentionExceptionGround;
import io.lethe.core.subject.ShredPersonalDataCommand;
import io.lethe.core.subject.ShreddingOutcome;
import io.lethe.core.subject.ShreddingReason;
import io.lethe.core.subject.SubjectId;
import io.lethe.core.subject.TerminateAccountCommand;
import io.lethe.core.subject.TerminationReason;
import io.lethe.core.subject.UpdateProfileCommand;
import io.lethe.core.validation.Lengths;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import io.lethe.command.ApiCommands;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
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
@Validated
@RestController
@RequestMapping("/api/subjects")
@Tag(name = "Subject commands", description = "Commands on a subject's account, consents and records, and staff's holds and shredding")
class SubjectCommandController {

    private final ApiCommands commands;

    SubjectCommandController(ApiCommands commands) {
        this.commands = commands;
    }

    @ApiResponse(responseCode = "201", description = "Registered; the subject's id (`Location`: its summary).")
    @ApiResponse(responseCode = "409", description = "`subject-already-registered`: a subject with this `subjectId` is registered already.")
    @ApiResponse(responseCode = "422", description = "`child-without-parental-consent`: a child without `parentalConsentReference`; `member-state-outside-eu`, `unknown-member-state`: a `memberState` outside the EU/EEA table; `card-number-refused`: a full card number in any field; nothing of the request was stored.")
    @SubjectFacing
    @PostMapping
    @Operation(summary = "Register an account",
            description = "Records the data the subject provided at sign-up. `subjectId` is optional: "
                    + "Lethe generates one when it is absent; sending it makes a retry safe (a second "
                    + "registration of the same id is refused with 409). A child needs "
                    + "`parentalConsentReference`: under 13 (policy §13; UK 13), in the EU under the age of digital "
                    + "consent of `memberState` (ISO 3166-1 alpha-2 of the EU/EEA state of residence; GDPR Art. 8, "
                    + "16 where it is not given). Without it the registration is refused with 422 and "
                    + "nothing is stored. `Sec-GPC: 1` on this or any other subject-facing command (sent by a "
                    + "SERVICE caller) records an opt-out of sale and sharing (CCPA Regs §7025); staff actions ignore it.")
    ResponseEntity<SubjectCreated> register(@RequestBody RegisterAccountRequest request,
                                            @RequestHeader(name = GlobalPrivacyControl.HEADER, required = false) String gpc) {
        SubjectId subjectId = request.subjectId() == null ? new SubjectId(NewIds.uuid("subject")) : new SubjectId(request.subjectId());
        commands.sendAndWait(new RegisterAccountCommand(subjectId, request.jurisdiction(), request.name(),
                request.dateOfBirth(), request.postalAddress(), request.email(), request.profilePictureRef(),
                request.bankAccountNumber(), request.parentalConsentReference(), request.memberState()));
        if (GlobalPrivacyControl.signalled(gpc)) {
            commands.sendAndWait(new OptOutOfSaleSharingCommand(subjectId, RequestChannel.GLOBAL_PRIVACY_CONTROL));
        }
        return ResponseEntity.created(location("/api/subjects/{id}", subjectId)).body(new SubjectCreated(subjectId));
    }

    @ApiResponse(responseCode = "201", description = "Linked.")
    @ApiResponse(responseCode = "404", description = "`subject-not-found`: no data subject with this id is known.")
    @ApiResponse(responseCode = "409", description = "`account-terminated`; `personal-data-erased`: the profile was shredded; `social-login-already-linked`: one login per provider; `social-login-limit`: the account links 16 providers already.")
    @ApiResponse(responseCode = "422", description = "`card-number-refused`: a full card number in any field; nothing of the request was stored.")
    @SubjectFacing
    @PostMapping("/{subjectId}/social-logins")
    @Operation(summary = "Link a third-party login", description = "One login per provider and account.")
    ResponseEntity<SocialLoginLinked> linkSocialLogin(@PathVariable SubjectId subjectId,
                                                      @RequestBody LinkSocialLoginRequest request) {
        commands.sendAndWait(new LinkSocialLoginCommand(subjectId, request.provider(), request.externalId(),
                request.username(), request.email(), request.profilePhotoRef()));
        return ResponseEntity.created(location("/api/subjects/{id}/social-logins/{provider}", subjectId, request.provider()))
                .body(new SocialLoginLinked(subjectId, request.provider()));
    }

    @ApiResponse(responseCode = "201", description = "Recorded; the purchase's id.")
    @ApiResponse(responseCode = "404", description = "`subject-not-found`: no data subject with this id is known.")
    @ApiResponse(responseCode = "409", description = "`account-terminated`; `personal-data-erased`: FINANCIAL was shredded; `purchase-already-recorded`: a purchase with this `purchaseId` exists.")
    @ApiResponse(responseCode = "422", description = "`card-number-refused`: a full card number in any field; nothing of the request was stored.")
    @SubjectFacing
    @PostMapping("/{subjectId}/purchases")
    @Operation(summary = "Record a purchase",
            description = "Only the card's expiry (MM/YY) and last four digits are accepted. A full card number "
                    + "anywhere in the request is refused with 422 and stored nowhere.")
    ResponseEntity<PurchaseRecorded> recordPurchase(@PathVariable SubjectId subjectId,
                                                    @RequestBody RecordPurchaseRequest request) {
        PurchaseId purchaseId = request.purchaseId() == null ? new PurchaseId(NewIds.uuid("purchase")) : new PurchaseId(request.purchaseId());
        commands.sendAndWait(new RecordPurchaseCommand(subjectId, purchaseId, request.item(), request.amount(),
                request.card()));
        return ResponseEntity.created(location("/api/subjects/{id}/purchases/{purchaseId}", subjectId, purchaseId))
                .body(new PurchaseRecorded(subjectId, purchaseId));
    }

    @ApiResponse(responseCode = "204", description = "Updated.")
    @ApiResponse(responseCode = "404", description = "`subject-not-found`: no data subject with this id is known.")
    @ApiResponse(responseCode = "409", description = "`account-terminated`; `personal-data-erased`: the profile was shredded.")
    @ApiResponse(responseCode = "422", description = "`nothing-to-change`: none of the fields was given; `card-number-refused`: a full card number in any field; nothing of the request was stored.")
    @SubjectFacing
    @PostMapping("/{subjectId}/profile")
    @Operation(summary = "Update the profile",
            description = "New values the subject gave (`name`, `postalAddress`, `email`; at least one, the others "
                    + "unchanged). Refused with 409 for a terminated account or an erased profile.")
    ResponseEntity<Void> updateProfile(@PathVariable SubjectId subjectId, @RequestBody ProfileRequest request) {
        commands.sendAndWait(new UpdateProfileCommand(subjectId, request.name(), request.postalAddress(),
                request.email()));
        return ResponseEntity.noContent().build();
    }

    @ApiResponse(responseCode = "204", description = "Terminated; the retention periods start.")
    @ApiResponse(responseCode = "404", description = "`subject-not-found`: no data subject with this id is known.")
    @ApiResponse(responseCode = "409", description = "`account-terminated`: terminated already.")
    @SubjectFacing
    @PostMapping("/{subjectId}/termination")
    @Operation(summary = "Terminate the account")
    ResponseEntity<Void> terminate(@PathVariable SubjectId subjectId, @RequestBody TerminateAccountRequest request) {
        commands.sendAndWait(new TerminateAccountCommand(subjectId, request.reason()));
        return ResponseEntity.noContent().build();
    }

    @ApiResponse(responseCode = "204", description = "Recorded.")
    @ApiResponse(responseCode = "404", description = "`subject-not-found`: no data subject with this id is known.")
    @ApiResponse(responseCode = "409", description = "`account-terminated`; `consent-already-granted`: a consent of this type stands.")
    @ApiResponse(responseCode = "422", description = "`consent-needs-parent`: only a parent or guardian gives this consent.")
    @SubjectFacing
    @PostMapping("/{subjectId}/consents")
    @Operation(summary = "Record a consent",
            description = "Sensitive information (§5), provision to a foreign third party (§7), a parent's consent "
                    + "for a child (§13), a minor's opt-in to sale or sharing (§16). One standing consent per type.")
    ResponseEntity<Void> grantConsent(@PathVariable SubjectId subjectId, @RequestBody ConsentRequest request) {
        commands.sendAndWait(new GrantConsentCommand(subjectId, request.type(), request.grantedBy(),
                request.evidenceReference()));
        return ResponseEntity.noContent().build();
    }

    @ApiResponse(responseCode = "204", description = "Withdrawn.")
    @ApiResponse(responseCode = "404", description = "`subject-not-found`: no data subject with this id is known.")
    @ApiResponse(responseCode = "409", description = "`consent-not-granted`: no consent of this type stands.")
    @DeleteMapping("/{subjectId}/consents/{type}")
    @Operation(summary = "Withdraw a consent",
            description = "What the consent allowed stops from now on. Withdrawing a child's parental consent "
                    + "deactivates the account and shreds its personal data.")
    ResponseEntity<Void> withdrawConsent(@PathVariable SubjectId subjectId, @PathVariable ConsentType type) {
        commands.sendAndWait(new WithdrawConsentCommand(subjectId, type));
        return ResponseEntity.noContent().build();
    }

    @ApiResponse(responseCode = "204", description = "Recorded, or recorded before.")
    @ApiResponse(responseCode = "404", description = "`subject-not-found`: no data subject with this id is known.")
    @SubjectFacing
    @PostMapping("/{subjectId}/sale-sharing-opt-out")
    @Operation(summary = "Opt out of sale and sharing",
            description = "Takes effect at once: later provisions for sale or cross-context advertising are refused. "
                    + "Idempotent. The same happens for `Sec-GPC: 1` on any subject-facing command a SERVICE caller sends (never on staff actions).")
    ResponseEntity<Void> optOut(@PathVariable SubjectId subjectId, @RequestBody OptOutRequest request) {
        commands.sendAndWait(new OptOutOfSaleSharingCommand(subjectId, request.channel()));
        return ResponseEntity.noContent().build();
    }

    @ApiResponse(responseCode = "204", description = "Recorded.")
    @ApiResponse(responseCode = "404", description = "`subject-not-found`: no data subject with this id is known.")
    @ApiResponse(responseCode = "409", description = "`account-terminated`; `personal-data-erased`: the profile was shredded.")
    @ApiResponse(responseCode = "422", description = "`sensitive-data-without-consent`: neither a recorded consent nor a named exception; `sensitive-use-limited`: a limit on sensitive use or a restriction is in force; `card-number-refused`: a full card number in any field; nothing of the request was stored.")
    @SubjectFacing
    @PostMapping("/{subjectId}/sensitive-information")
    @Operation(summary = "Record sensitive personal information",
            description = "Refused with 422 unless the subject's prior consent is recorded or one of the policy's "
                    + "exceptions (§4, §5) is named in `exception`.")
    ResponseEntity<Void> recordSensitive(@PathVariable SubjectId subjectId, @RequestBody SensitiveInformationRequest request) {
        commands.sendAndWait(new RecordSensitiveInformationCommand(subjectId, request.itemId(), request.category(),
                request.content(), request.exception()));
        return ResponseEntity.noContent().build();
    }

    @ApiResponse(responseCode = "201", description = "Recorded; `Location` names the record.")
    @ApiResponse(responseCode = "404", description = "`subject-not-found`: no data subject with this id is known.")
    @ApiResponse(responseCode = "409", description = "`provision-already-recorded`: a record with this id exists.")
    @ApiResponse(responseCode = "422", description = "`opted-out-of-sale-sharing`, `minor-sale-sharing`: a sale or sharing the subject did not allow; `foreign-provision-without-consent`; `processing-restricted`, `provision-ceased`, `objected-to`: a fulfilled request forbids it; `contract-reference-required`; `card-number-refused`: a full card number in any field; nothing of the request was stored.")
    @SubjectFacing
    @PostMapping("/{subjectId}/provisions")
    @Operation(summary = "Record a provision to a third party (APPI Art. 29)",
            description = "Refused with 422 for a sale or sharing the subject opted out of or, under 16, did not opt "
                    + "in to; and for a Japanese subject's data going abroad to a recipient without an equivalent "
                    + "system and without consent. A contract record (`contractRecord: true`, the contract or "
                    + "service delivery serves as the record) names its contract in `contractReference` and is kept "
                    + "1 year from the last provision under that contract (each new one carries the earlier ones "
                    + "along); any other record 3 years from its provision. Then expired.")
    ResponseEntity<Void> recordProvision(@PathVariable SubjectId subjectId, @RequestBody ProvisionRequest request) {
        commands.sendAndWait(new RecordThirdPartyProvisionCommand(subjectId, request.provisionId(),
                request.recipient(), request.categories(), request.saleOrSharing(), request.contractRecord(),
                request.providedOn(), request.contractReference()));
        return ResponseEntity.created(location("/api/subjects/{id}/provisions/{provisionId}", subjectId,
                request.provisionId())).build();
    }

    @ApiResponse(responseCode = "201", description = "Recorded; `Location` names the record.")
    @ApiResponse(responseCode = "404", description = "`subject-not-found`: no data subject with this id is known.")
    @ApiResponse(responseCode = "409", description = "`provision-already-recorded`: a record with this id exists.")
    @ApiResponse(responseCode = "422", description = "`contract-reference-required`; `card-number-refused`: a full card number in any field; nothing of the request was stored.")
    @SubjectFacing
    @PostMapping("/{subjectId}/receipts")
    @Operation(summary = "Record a receipt confirmation (APPI Art. 30)",
            description = "Who provided the subject's data and how they acquired it. Kept 1 year from the last "
                    + "receipt under the contract (`contractRecord`, `contractReference`) or 3 years, like provisions. "
                    + "`backgroundOfAcquisition` may hold personal data: it is sealed under the record's own key, which "
                    + "outlives an erasure of the profile and is destroyed when the record's keeping period ends.")
    ResponseEntity<Void> recordReceipt(@PathVariable SubjectId subjectId, @RequestBody ReceiptRequest request) {
        commands.sendAndWait(new RecordReceiptConfirmationCommand(subjectId, request.receiptId(),
                request.provider(), request.backgroundOfAcquisition(), request.categories(), request.contractRecord(),
                request.receivedOn(), request.contractReference()));
        return ResponseEntity.created(location("/api/subjects/{id}/receipts/{receiptId}", subjectId,
                request.receiptId())).build();
    }

    @ApiResponse(responseCode = "204", description = "Recorded; without a parent's consent the account is deactivated and its data shredded.")
    @ApiResponse(responseCode = "404", description = "`subject-not-found`: no data subject with this id is known.")
    @PostMapping("/{subjectId}/underage-findings")
    @Operation(summary = "Report that the subject is a child under 13 (privacy staff)",
            description = "Without a parent's recorded consent the account is deactivated and all its personal data "
                    + "shredded (policy §13); legal holds still apply and are reported.")
    ResponseEntity<Void> reportUnderage(@PathVariable SubjectId subjectId, @RequestBody UnderageFindingRequest request) {
        commands.sendAndWait(new ReportUnderageSubjectCommand(subjectId, request.findingReference()));
        return ResponseEntity.noContent().build();
    }

    @ApiResponse(responseCode = "200", description = "Every class asked for is destroyed (or already was): what was destroyed now.")
    @ApiResponse(responseCode = "202", description = "Some classes are kept by legal holds: they are named with the holds, "
            + "and shredded on the same ground as soon as no hold keeps them.")
    @ApiResponse(responseCode = "404", description = "`subject-not-found`: no data subject with this id is known.")
    @PostMapping("/{subjectId}/shredding")
    @Operation(summary = "Shred personal data (privacy staff)",
            description = "Destroys the subject's data keys of the given retention classes, which erases every "
                    + "stored copy of that data at once: events, replays, exports and projections read the "
                    + "redaction value from then on. Permanent. Classes already shredded are skipped. A class under a "
                    + "legal hold is kept: the answer is then 202 and names it with the holds that keep it, and it is "
                    + "shredded on the same ground as soon as no hold keeps it. 200 when everything asked is destroyed.")
    ResponseEntity<ShreddingOutcome> shred(@PathVariable SubjectId subjectId, @RequestBody ShredRequest request) {
        ShreddingOutcome outcome = commands.sendAndWait(new ShredPersonalDataCommand(subjectId,
                request.retentionClasses(), request.reason(), request.reference()));
        return ResponseEntity.status(outcome.partlyWithheld() ? HttpStatus.ACCEPTED : HttpStatus.OK).body(outcome);
    }

    @ApiResponse(responseCode = "201", description = "Placed; the hold's id.")
    @ApiResponse(responseCode = "404", description = "`subject-not-found`: no data subject with this id is known.")
    @ApiResponse(responseCode = "409", description = "`legal-hold-exists`: a hold with this `holdId` exists; `legal-hold-limit`: the subject carries 32 holds already.")
    @PostMapping("/{subjectId}/legal-holds")
    @Operation(summary = "Place a legal hold (privacy staff)",
            description = "Keeps the given classes whatever retention deadline or erasure comes, until released; "
                    + "a shredding that meets the hold is withheld and reported.")
    ResponseEntity<LegalHoldPlaced> placeLegalHold(@PathVariable SubjectId subjectId, @RequestBody LegalHoldRequest request) {
        String holdId = request.holdId() == null ? "hold-" + NewIds.uuid("legal-hold") : request.holdId();
        commands.sendAndWait(new PlaceLegalHoldCommand(subjectId, holdId, request.retentionClasses(),
                request.caseReference()));
        return ResponseEntity.created(location("/api/subjects/{id}/legal-holds/{holdId}", subjectId, holdId))
                .body(new LegalHoldPlaced(subjectId, holdId));
    }

    @ApiResponse(responseCode = "204", description = "Released.")
    @ApiResponse(responseCode = "404", description = "`subject-not-found`; `legal-hold-not-found`: the subject has no hold with this id.")
    @DeleteMapping("/{subjectId}/legal-holds/{holdId}")
    @Operation(summary = "Release a legal hold (privacy staff)",
            description = "Every shredding the hold was the last to keep back happens at once, in the same "
                    + "transaction, on its own ground: a staff shredding, an erasure request (whose certificate is "
                    + "reissued), an underage finding, a retention deadline (unless a Taiwan retention exception now "
                    + "keeps the class), a usage period past its rolling retention, a receipt record past its keeping period.")
    ResponseEntity<Void> releaseLegalHold(@PathVariable SubjectId subjectId, @PathVariable @Size(max = Lengths.REFERENCE) String holdId) {
        commands.sendAndWait(new ReleaseLegalHoldCommand(subjectId, holdId));
        return ResponseEntity.noContent().build();
    }

    @ApiResponse(responseCode = "204", description = "Recorded.")
    @ApiResponse(responseCode = "404", description = "`subject-not-found`: no data subject with this id is known.")
    @ApiResponse(responseCode = "409", description = "`personal-data-erased`: a class was shredded already.")
    @ApiResponse(responseCode = "422", description = "`retention-exception-not-applicable`: only a terminated Taiwan account's data is kept on an exception.")
    @PostMapping("/{subjectId}/retention-exceptions")
    @Operation(summary = "Record a Taiwan retention exception (privacy staff)",
            description = "PDPA §18: on one of its three grounds, the given classes of a terminated Taiwan account "
                    + "are kept beyond the deletion period until `reviewBy`, when the exception lapses unless a later "
                    + "one is recorded.")
    ResponseEntity<Void> recordRetentionException(@PathVariable SubjectId subjectId,
                                                  @RequestBody RetentionExceptionRequest request) {
        commands.sendAndWait(new RecordRetentionExceptionCommand(subjectId, request.retentionClasses(),
                request.ground(), request.justificationReference(), request.reviewBy()));
        return ResponseEntity.noContent().build();
    }

    private static URI location(String path, Object... variables) {
        return ServletUriComponentsBuilder.fromCurrentContextPath().path(path).buildAndExpand(variables).toUri();
    }

    record RegisterAccountRequest(UUID subjectId, @NotNull Jurisdiction jurisdiction,
                                  @PersonalData(RetentionClass.PROFILE) @NotBlank @Size(min = 1, max = Lengths.NAME) String name,
                                  @PersonalData(value = RetentionClass.PROFILE, redaction = Redaction.NULL) @NotNull LocalDate dateOfBirth,
                                  @PersonalData(RetentionClass.PROFILE) @Size(max = Lengths.ADDRESS) String postalAddress,
                                  @PersonalData(RetentionClass.PROFILE) @NotBlank @Size(min = 1, max = Lengths.EMAIL) String email,
                                  @PersonalData(RetentionClass.COMMUNICATIONS) @Size(max = Lengths.LINK) String profilePictureRef,
                                  @PersonalData(RetentionClass.FINANCIAL) @Size(max = Lengths.BANK_ACCOUNT) String bankAccountNumber,
                                  @Size(max = Lengths.REFERENCE) String parentalConsentReference,
                                  @PersonalData(value = RetentionClass.PROFILE, redaction = Redaction.NULL) @Size(max = Lengths.COUNTRY) String memberState) {
        @Override
        public String toString() {
            return SafeToString.of(this);
        }
    }

    record ProfileRequest(@PersonalData(RetentionClass.PROFILE) @Size(max = Lengths.NAME) String name,
                          @PersonalData(RetentionClass.PROFILE) @Size(max = Lengths.ADDRESS) String postalAddress,
                          @PersonalData(RetentionClass.PROFILE) @Size(max = Lengths.EMAIL) String email) {
        @Override
        public String toString() {
            return SafeToString.of(this);
        }
    }

    record LinkSocialLoginRequest(@NotBlank @Size(min = 1, max = Lengths.PROVIDER) String provider,
                                  @PersonalData(RetentionClass.PROFILE) @NotBlank @Size(min = 1, max = Lengths.LOGIN_ID) String externalId,
                                  @PersonalData(RetentionClass.PROFILE) @Size(max = Lengths.LOGIN_ID) String username,
                                  @PersonalData(RetentionClass.PROFILE) @Size(max = Lengths.EMAIL) String email,
                                  @PersonalData(RetentionClass.COMMUNICATIONS) @Size(max = Lengths.LINK) String profilePhotoRef) {
        @Override
        public String toString() {
            return SafeToString.of(this);
        }
    }

    record RecordPurchaseRequest(UUID purchaseId,
                                 @PersonalData(RetentionClass.FINANCIAL) @NotBlank @Size(min = 1, max = Lengths.DESCRIPTION) String item,
                                 @PersonalData(value = RetentionClass.FINANCIAL, redaction = Redaction.NULL) @NotNull Money amount,
                                 @PersonalData(value = RetentionClass.FINANCIAL, redaction = Redaction.NULL) @NotNull CardHint card) {
        @Override
        public String toString() {
            return SafeToString.of(this);
        }
    }

    record TerminateAccountRequest(@NotNull TerminationReason reason) {
    }

    record ConsentRequest(@NotNull ConsentType type, @NotNull Requester grantedBy, @Size(max = Lengths.REFERENCE) String evidenceReference) {
    }

    record OptOutRequest(@NotNull RequestChannel channel) {
    }

    record SensitiveInformationRequest(@NotBlank @Size(min = 1, max = Lengths.REFERENCE) String itemId, @NotNull SensitiveCategory category,
                                       @PersonalData(RetentionClass.PROFILE) @NotBlank @Size(min = 1, max = Lengths.SENSITIVE_CONTENT) String content,
                                       SensitiveDataException exception) {
        @Override
        public String toString() {
            return SafeToString.of(this);
        }
    }

    record ProvisionRequest(@NotBlank @Size(min = 1, max = Lengths.REFERENCE) String provisionId, @NotNull ThirdParty recipient, @NotEmpty Set<DataCategory> categories,
                            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) boolean saleOrSharing,
                            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) boolean contractRecord, @NotNull LocalDate providedOn,
                            @Size(max = Lengths.REFERENCE) String contractReference) {
    }

    record ReceiptRequest(@NotBlank @Size(min = 1, max = Lengths.REFERENCE) String receiptId, @NotNull ThirdParty provider,
                          @PersonalData(RetentionClass.PROFILE) @NotBlank @Size(min = 1, max = Lengths.DESCRIPTION) String backgroundOfAcquisition,
                          @NotEmpty Set<DataCategory> categories,
                          @Schema(requiredMode = Schema.RequiredMode.REQUIRED) boolean contractRecord, @NotNull LocalDate receivedOn,
                          @Size(max = Lengths.REFERENCE) String contractReference) {
        @Override
        public String toString() {
            return SafeToString.of(this);
        }
    }

    record UnderageFindingRequest(@NotBlank @Size(min = 1, max = Lengths.REFERENCE) String findingReference) {
    }

    record SubjectCreated(SubjectId subjectId) {
    }

    record SocialLoginLinked(SubjectId subjectId, @Size(max = Lengths.PROVIDER) String provider) {
    }

    record PurchaseRecorded(SubjectId subjectId, PurchaseId purchaseId) {
    }

    record ShredRequest(@NotEmpty Set<RetentionClass> retentionClasses, @NotNull ShreddingReason reason, @NotBlank @Size(min = 1, max = Lengths.REFERENCE) String reference) {
    }

    record LegalHoldRequest(@Size(max = Lengths.REFERENCE) String holdId, @NotEmpty Set<RetentionClass> retentionClasses, @NotBlank @Size(min = 1, max = Lengths.REFERENCE) String caseReference) {
    }

    record LegalHoldPlaced(SubjectId subjectId, @Size(max = Lengths.REFERENCE) String holdId) {
    }

    record RetentionExceptionRequest(@NotEmpty Set<RetentionClass> retentionClasses, @NotNull RetentionExceptionGround ground,
                                     @NotBlank @Size(min = 1, max = Lengths.REFERENCE) String justificationReference, @NotNull LocalDate reviewBy) {
    }
}
