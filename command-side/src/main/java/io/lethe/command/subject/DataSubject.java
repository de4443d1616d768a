package io.lethe.command.subject;

import io.lethe.command.CachedCommandTargetResolver;
import io.lethe.core.consent.ConsentGrantedEvent;
import io.lethe.core.consent.ConsentType;
import io.lethe.core.consent.ConsentWithdrawnEvent;
import io.lethe.core.consent.GrantConsentCommand;
import io.lethe.core.consent.OptOutOfSaleSharingCommand;
import io.lethe.core.consent.OptedOutOfSaleSharingEvent;
import io.lethe.core.consent.RecordSensitiveInformationCommand;
import io.lethe.core.consent.SensitiveInformationRecordedEvent;
import io.lethe.core.consent.WithdrawConsentCommand;
import io.lethe.core.activity.ActivityRefusals;
import io.lethe.core.activity.CommunicationRecordedEvent;
import io.lethe.core.activity.OpenUsagePeriodCommand;
import io.lethe.core.activity.RecordCommunicationCommand;
import io.lethe.core.activity.ShredUsagePeriodCommand;
import io.lethe.core.activity.UsagePeriodOpenedEvent;
import io.lethe.core.activity.UsagePeriodShreddedEvent;
import io.lethe.core.crypto.DataKeys;
import io.lethe.core.personaldata.UsagePeriods;
import io.lethe.core.provision.ReceiptConfirmationRecordedEvent;
import io.lethe.core.provision.RecordKeeping;
import io.lethe.core.provision.RecordReceiptConfirmationCommand;
import io.lethe.core.provision.RecordThirdPartyProvisionCommand;
import io.lethe.core.provision.ReceiptRecordShreddedEvent;
import io.lethe.core.provision.ShredReceiptRecordCommand;
import io.lethe.core.provision.ThirdPartyProvisionRecordedEvent;
import io.lethe.core.request.CompleteErasureCommand;
import io.lethe.core.request.ErasureCertificateReissuedEvent;
import io.lethe.core.request.PrivacyRequestSubmittedEvent;
import io.lethe.core.request.RequestChannel;
import io.lethe.core.request.RequestFulfilledEvent;
import io.lethe.core.request.RequestId;
import io.lethe.core.request.RequestRefusals;
import io.lethe.core.request.RequestRules;
import io.lethe.core.request.RequestType;
import io.lethe.core.request.ResponseRule;
import io.lethe.core.request.SubmitPrivacyRequestCommand;
import io.lethe.core.purpose.ConfirmPurposeChangeNoticeCommand;
import io.lethe.core.purpose.PurposeChangeNoticeOwedEvent;
import io.lethe.core.purpose.PurposeChangeNotifiedEvent;
import io.lethe.core.purpose.RecordPurposeChangeNoticeCommand;
import io.lethe.core.provision.ProvisionRecordsKeptLongerEvent;
import io.lethe.core.provision.RecipientCategory;
import io.lethe.core.request.CorrectProfileCommand;
import io.lethe.core.subject.ChildRules;
import io.lethe.core.subject.ProfileUpdatedEvent;
import io.lethe.core.subject.UpdateProfileCommand;
import io.lethe.core.subject.ReportUnderageSubjectCommand;
import io.lethe.core.subject.Requester;
import io.lethe.core.subject.ShreddingReason;
import io.lethe.core.subject.SubjectFoundUnderageEvent;
import io.lethe.core.subject.TerminationReason;
import io.lethe.core.personaldata.RetentionClass;
import io.lethe.core.jurisdiction.Jurisdiction;
import io.lethe.core.subject.AccountAdoptedEvent;
import io.lethe.core.subject.AccountRegisteredEvent;
import io.lethe.core.subject.AdoptAccountCommand;
import io.lethe.core.subject.AdoptNewAccountCommand;
import io.lethe.core.subject.OccurredAt;
import org.axonframework.messaging.MetaData;
import io.lethe.core.subject.LegalHoldPlacedEvent;
import io.lethe.core.subject.LegalHoldReleasedEvent;
import io.lethe.core.subject.PlaceLegalHoldCommand;
import io.lethe.core.subject.RecordRetentionExceptionCommand;
import io.lethe.core.subject.RecordLostShreddingCommand;
import io.lethe.core.subject.ReleaseLegalHoldCommand;
import io.lethe.core.subject.RetentionExceptionRecordedEvent;
import io.lethe.core.subject.ShreddingOutcome;
import io.lethe.core.subject.ShreddingWithheldEvent;
import io.lethe.core.subject.AccountTerminatedEvent;
import io.lethe.core.subject.LinkSocialLoginCommand;
import io.lethe.core.subject.PersonalDataShreddedEvent;
import io.lethe.core.subject.PublishUsageGovernanceCommand;
import io.lethe.core.subject.UsageGovernance;
import io.lethe.core.subject.PurchaseId;
import io.lethe.core.subject.PurchaseRecordedEvent;
import io.lethe.core.subject.RecordPurchaseCommand;
import io.lethe.core.subject.RegisterAccountCommand;
import io.lethe.core.subject.ShredPersonalDataCommand;
import io.lethe.core.subject.SocialLoginLinkedEvent;
import io.lethe.core.subject.SubjectId;
import io.lethe.core.subject.SubjectRefusals;
import io.lethe.core.subject.SubjectStatus;
import io.lethe.core.subject.TerminateAccountCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateEntityNotFoundException;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateMember;
import org.axonframework.modelling.command.CommandHandlerInterceptor;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.modelling.command.ForwardMatchingInstances;
import org.axonframework.spring.stereotype.Aggregate;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.lethe.core.personaldata.DataSubjectId;
import io.lethe.core.personaldata.PersonalData;
import io.lethe.core.personaldata.Redaction;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.EnumSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One data subject's account lifecycle, consents, provision records, data-subject requests, holds and
 * shredding, and what governs its usage data. The usage data itself (activity, inferences) is filed
 * with each usage period's own aggregate ({@code UsagePeriod}); the subject opens each period and
 * publishes, in every command that changes it, what the periods must respect ({@link UsageGovernance},
 * ADR 0019). It
 * keeps only what its decisions need — status, linked provider keys, purchase ids, consents, the
 * requests — and never stores a personal field; those live, sealed, in the events. The
 * exceptions are the birth date and an EU subject's member state, held in memory while the aggregate
 * is loaded because the rules for children and minors ({@link ChildRules}; policy §13, §16) depend on
 * them. A snapshot is taken every {@code lethe.snapshots.subject-every} events (100 by default); in it
 * those two are sealed under the subject's PROFILE key like the events' fields, so a snapshot holds
 * nothing readable once the profile is shredded, and a snapshot of an earlier revision is ignored.
 *
 * <p>Each request is a {@link PrivacyRequest} entity of this aggregate, and a request's own rules
 * (identity, fee, extension, acknowledgement, fulfilment, denial, the clock, the processors) are in
 * that class: Axon routes commands to it by their {@code requestId}. Here stays what decides for the
 * subject as well: opening a request (it needs the subject's jurisdiction, age and open erasure, and
 * creates the entity), a correction (it changes the profile) and the completion of an erasure (it
 * destroys the subject's keys in the transaction that fulfils the request).
 */
@Aggregate(commandTargetResolver = CachedCommandTargetResolver.BEAN_NAME, snapshotTriggerDefinition = DataSubject.SNAPSHOTS)
@org.axonframework.serialization.Revision("2")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
class DataSubject {

    /** The trigger of a subject's snapshots: purchases, consents and requests add up over an account's life. */
    static final String SNAPSHOTS = "subjectSnapshots";

    private static final String JAPAN = "JP";
    /** How far ahead of this node's clock a product service's timestamp may be. */
    private static final java.time.Duration CLOCK_SKEW = java.time.Duration.ofMinutes(5);

    @AggregateIdentifier
    @DataSubjectId
    private SubjectId subjectId;
    private SubjectStatus status;
    private Jurisdiction jurisdiction;
    private final Map<String, Set<RetentionClass>> legalHolds = new LinkedHashMap<>();
    private final Set<String> linkedProviders = new HashSet<>();
    private final Set<PurchaseId> purchases = new HashSet<>();
    private final Set<RetentionClass> shredded = EnumSet.noneOf(RetentionClass.class);
    @PersonalData(value = RetentionClass.PROFILE, redaction = Redaction.NULL)
    private LocalDate dateOfBirth;
    @PersonalData(value = RetentionClass.PROFILE, redaction = Redaction.NULL)
    private String memberState;
    private boolean foundUnderage;
    /** Each standing consent and who gave it. */
    private final Map<ConsentType, Requester> consents = new EnumMap<>(ConsentType.class);
    /** Every type ever granted, withdrawn since or not: adopting the account again never grants one anew. */
    private final Set<ConsentType> consentsEverGranted = EnumSet.noneOf(ConsentType.class);
    /**
     * The fingerprint of the account an adopted subject came from ({@link AccountAdoptedEvent}); null
     * otherwise, and once the profile is erased. Sealed in a snapshot like the birth date.
     */
    @PersonalData(value = RetentionClass.PROFILE, redaction = Redaction.NULL)
    private String adoptedFrom;
    private boolean optedOutOfSaleSharing;
    private final Set<String> provisionRecords = new HashSet<>();
    /** Receipt records whose own key still lives (their keeping period has not ended). */
    private final Set<String> receiptRecords = new HashSet<>();
    /** Contract records by their contract (APPI: kept from the last provision under it). */
    private final Map<String, ContractRecords> contractRecords = new HashMap<>();
    /** Commands reach a request by its {@code requestId}; a request is sourced only from events carrying its id. */
    @AggregateMember(eventForwardingMode = ForwardMatchingInstances.class)
    private final Map<RequestId, PrivacyRequest> requests = new LinkedHashMap<>();
    private final Map<String, Boolean> purposeChangeNotices = new LinkedHashMap<>();
    /** Fulfilled requests whose effect lasts: restriction, objection, cessation, limitation (policy §10, §16–§18). */
    private final Set<RequestType> limitsInForce = EnumSet.noneOf(RequestType.class);
    /**
     * Usage periods opened, and those the rolling retention shredded. Their data lives in each
     * period's own aggregate ({@code UsagePeriod}); histories written before it have it here, and
     * this aggregate has no handler for it, so loading it never reads those pieces.
     */
    private final Set<String> usagePeriods = new HashSet<>();
    private final Set<String> shreddedUsagePeriods = new HashSet<>();
    private final Set<UUID> communications = new HashSet<>();
    /** Shreddings a legal hold kept back, done as soon as no hold keeps them. */
    private final WithheldShreddings withheldShreddings = new WithheldShreddings();

    DataSubject() {
        // for Axon: created empty, then sourced from events or handed a creation command
    }

    /**
     * A new subject's stream begins here, unread: there is nothing to read, and a subject that exists
     * after all is refused when the first event is stored ({@link io.lethe.core.refusal.BeginsItsStream}).
     * Its keys are made without a lookup first, and its word is published without reading the old one.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    void handle(RegisterAccountCommand command, DataKeys dataKeys) {
        register(command, MetaData.emptyInstance());
        keysOfANewSubject(dataKeys);
    }

    /**
     * Makes a new subject's keys without looking for them first — last, once nothing in the command can
     * refuse any more: under a savepoint (a command an import or a saga sends in its transaction) a
     * refusal after it would roll the keys back while this transaction's view kept them (ADR 0017).
     */
    private void keysOfANewSubject(DataKeys dataKeys) {
        dataKeys.createKeys(subjectId.toString());
    }

    private void register(RegisterAccountCommand command, MetaData metaData) {
        if (command.memberState() != null) {
            if (command.jurisdiction() != Jurisdiction.EU) {
                throw SubjectRefusals.memberStateOutsideTheEu();
            }
            if (ChildRules.memberStateAge(command.memberState()).isEmpty()) {
                throw SubjectRefusals.unknownMemberState(ChildRules.memberStates());
            }
        }
        boolean child = ageOn(command.dateOfBirth(), today(command.jurisdiction()))
                < ChildRules.parentalConsentAge(command.jurisdiction(), command.memberState());
        if (child && command.parentalConsentReference() == null) {
            throw SubjectRefusals.childWithoutParentalConsent();
        }
        apply(new AccountRegisteredEvent(command.subjectId(), command.jurisdiction(), command.name(),
                command.dateOfBirth(), command.postalAddress(), command.email(),
                command.profilePictureRef(), command.bankAccountNumber(), command.memberState()), metaData);
        if (child) {
            apply(new ConsentGrantedEvent(subjectId, ConsentType.PARENTAL, Requester.PARENT_OR_GUARDIAN,
                    command.parentalConsentReference()), metaData);
        }
    }

    /**
     * An account of the system Lethe replaces, with its history, each part by its own rules and dated
     * by when it happened (ADR 0020). Adopting it again completes the subject with what it lacks — a
     * login of another provider, a purchase not recorded, a consent of a type never granted (one the
     * subject withdrew since is not given again) — and only where the subject came from the same account.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    AdoptAccountCommand.Outcome handle(AdoptAccountCommand command, DataKeys dataKeys) {
        if (!command.registration().subjectId().equals(command.subjectId())) {
            throw SubjectRefusals.adoptionOfAnotherSubject();
        }
        boolean adopting = status == null;
        if (adopting) {
            register(command.registration(), dated(command.registeredAt()));
            apply(new AccountAdoptedEvent(command.subjectId(), command.origin()), dated(command.registeredAt()));
        } else if (!command.origin().equals(adoptedFrom)) {
            throw SubjectRefusals.adoptedFromAnotherAccount();
        }
        int added = 0;
        for (AdoptAccountCommand.DatedLogin login : command.logins()) {
            if (!linkedProviders.contains(login.login().provider())) {
                link(login.login(), dated(login.at()));
                added++;
            }
        }
        for (AdoptAccountCommand.DatedPurchase purchase : command.purchases()) {
            if (!purchases.contains(purchase.purchase().purchaseId())) {
                purchase(purchase.purchase(), dated(purchase.at()));
                added++;
            }
        }
        for (AdoptAccountCommand.DatedConsent consent : command.consents()) {
            if (!consentsEverGranted.contains(consent.consent().type())) {
                grant(consent.consent(), dated(consent.at()));
                added++;
            }
        }
        if (adopting) {
            keysOfANewSubject(dataKeys);
            return AdoptAccountCommand.Outcome.ADOPTED;
        }
        return added > 0 ? AdoptAccountCommand.Outcome.COMPLETED : AdoptAccountCommand.Outcome.PRESENT;
    }

    /** An adoption of an account whose subject has no stream, begun unread (ADR 0023). */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    AdoptAccountCommand.Outcome handle(AdoptNewAccountCommand command, DataKeys dataKeys) {
        if (!command.adoption().subjectId().equals(command.subjectId())) {
            throw SubjectRefusals.adoptionOfAnotherSubject();
        }
        return handle(command.adoption(), dataKeys);
    }

    private static MetaData dated(Instant occurredAt) {
        return MetaData.from(OccurredAt.metaData(occurredAt));
    }

    @CommandHandler
    void handle(LinkSocialLoginCommand command) {
        link(command, MetaData.emptyInstance());
    }

    private void link(LinkSocialLoginCommand command, MetaData metaData) {
        requireActive();
        requireNotShredded(RetentionClass.PROFILE);
        if (linkedProviders.contains(command.provider())) {
            throw SubjectRefusals.socialLoginAlreadyLinked();
        }
        if (linkedProviders.size() >= LinkSocialLoginCommand.MAX_LINKED) {
            throw SubjectRefusals.tooManySocialLogins();
        }
        if (command.profilePhotoRef() != null) {
            requireNotShredded(RetentionClass.COMMUNICATIONS);
        }
        apply(new SocialLoginLinkedEvent(subjectId, command.provider(), command.externalId(),
                command.username(), command.email(), command.profilePhotoRef()), metaData);
    }

    /** New profile values the subject gave; the old ones stay in the history, sealed under the same key. */
    @CommandHandler
    void handle(UpdateProfileCommand command) {
        requireActive();
        requireNotShredded(RetentionClass.PROFILE);
        requireSomethingToChange(command.name(), command.postalAddress(), command.email());
        apply(new ProfileUpdatedEvent(subjectId, command.name(), command.postalAddress(), command.email(), null));
    }

    /** A correction fulfilled with its corrected values: the values change and the request is fulfilled together. */
    @CommandHandler
    void handle(CorrectProfileCommand command) {
        PrivacyRequest request = request(command.requestId());
        request.requireCorrectable();
        requireNotShredded(RetentionClass.PROFILE);
        requireSomethingToChange(command.name(), command.postalAddress(), command.email());
        apply(new ProfileUpdatedEvent(subjectId, command.name(), command.postalAddress(), command.email(),
                command.requestId()));
        apply(new RequestFulfilledEvent(subjectId, command.requestId(), request.type(), command.responseReference(), null));
    }

    private static void requireSomethingToChange(String name, String postalAddress, String email) {
        if (name == null && postalAddress == null && email == null) {
            throw RequestRefusals.nothingToChange();
        }
    }

    @CommandHandler
    void handle(RecordPurchaseCommand command) {
        purchase(command, MetaData.emptyInstance());
    }

    private void purchase(RecordPurchaseCommand command, MetaData metaData) {
        requireActive();
        requireNotShredded(RetentionClass.FINANCIAL);
        if (purchases.contains(command.purchaseId())) {
            throw SubjectRefusals.purchaseAlreadyRecorded();
        }
        apply(new PurchaseRecordedEvent(subjectId, command.purchaseId(), command.item(), command.amount(),
                command.card()), metaData);
    }

    // --- usage data (CCPA categories D, F; policy §16, §17): filed by period, the subject decides ---

    /**
     * Opens a usage period before its first usage data is filed with the period's own aggregate
     * ({@code UsagePeriod}): the period gets its key and its rolling retention, and the subject knows
     * it (to destroy its key with the USAGE class, and to find its stream for a report). Refused where
     * usage data may not be collected: a terminated account, erased usage data, restricted processing
     * (GDPR Art. 18, PDPA Art. 11, APPI Art. 35), a period past what is kept. Idempotent.
     */
    @CommandHandler
    void handle(OpenUsagePeriodCommand command, UsagePeriods periods, DataKeys dataKeys) {
        usageGovernance().requireCollectable();
        requireUsagePeriodKept(command.period(), periods, now());
        if (!usagePeriods.contains(command.period())) {
            // the period's key is made here, with the opening, not by its first filing under the subject's word
            dataKeys.keyForEncryption(UsagePeriods.keyHolder(subjectId.toString(), command.period()), RetentionClass.USAGE);
        }
        openUsagePeriod(command.period(), periods);
    }

    /** Publishes what governs the subject's usage data where it never was (a history begun before). */
    @CommandHandler
    void handle(PublishUsageGovernanceCommand command, UsageGovernance governance) {
        governance.publish(subjectId, usageGovernance());
    }

    /**
     * Every command that changes what governs the subject's usage data publishes it in its own
     * transaction, where the usage periods read it (ADR 0019).
     */
    @CommandHandlerInterceptor
    Object publishUsageGovernance(InterceptorChain chain, UsageGovernance governance) throws Exception {
        // a subject beginning here (registered, or adopted with no stream before) has no word to compare
        boolean beginning = subjectId == null;
        if (!beginning) {
            // before anything else this command locks: filings take the word first too
            governance.lockForChange(subjectId);
        }
        Object result = chain.proceed();
        if (subjectId == null) {
            return result;
        }
        UsageGovernance.State after = usageGovernance();
        if (beginning) {
            governance.publishIfAbsent(subjectId, after);
        } else {
            // against what is published, not what this command began with: where the events are stored
            // apart from the database (Axon Server), a command whose events were lost may have left it stale
            governance.publishIfChanged(subjectId, after);
        }
        return result;
    }

    private UsageGovernance.State usageGovernance() {
        return new UsageGovernance.State(status == SubjectStatus.TERMINATED, shredded, restricted(),
                limitsInForce.contains(RequestType.OBJECTION), limitsInForce.contains(RequestType.LIMIT_SENSITIVE_USE),
                usagePeriods);
    }

    /**
     * Keeps an inquiry, voice record, message or file (class COMMUNICATIONS). A terminated account's
     * inquiries are still kept (a subject may write about their erasure); an erased class is not.
     */
    @CommandHandler
    void handle(RecordCommunicationCommand command) {
        requireNotShredded(RetentionClass.COMMUNICATIONS);
        if (command.content() == null && command.contentReference() == null) {
            throw ActivityRefusals.communicationWithoutContent();
        }
        if (command.occurredAt().isAfter(now().plus(CLOCK_SKEW))) {
            throw ActivityRefusals.activityInTheFuture();
        }
        if (communications.contains(command.communicationId())) {
            throw ActivityRefusals.communicationAlreadyRecorded();
        }
        apply(new CommunicationRecordedEvent(subjectId, command.communicationId(), command.kind(), command.occurredAt(),
                command.topic(), command.content(), command.contentReference()));
    }

    /**
     * The rolling retention of one usage period ended: its key is destroyed, unless a legal hold on
     * USAGE keeps it (reported, and tried again when the hold is released). Idempotent.
     */
    @CommandHandler
    void handle(ShredUsagePeriodCommand command, DataKeys dataKeys) {
        if (!usagePeriods.contains(command.period()) || shredded.contains(RetentionClass.USAGE)) {
            return;
        }
        if (!withheldByHolds(RetentionClass.USAGE, ShreddingReason.ROLLING_RETENTION, command.reference(), command.period(), null)) {
            shredPeriod(command.period(), command.reference(), dataKeys);
        }
    }

    /**
     * Whether a hold on {@code retentionClass} keeps back the shredding of one usage period's or one
     * receipt record's key; if so, it is reported (and done when the last such hold is released).
     */
    private boolean withheldByHolds(RetentionClass retentionClass, ShreddingReason reason, String reference, String usagePeriod,
                                    String receiptRecord) {
        List<String> holds = holdsOn(retentionClass);
        if (holds.isEmpty()) {
            return false;
        }
        apply(new ShreddingWithheldEvent(subjectId, EnumSet.of(retentionClass), holds, reason, reference, usagePeriod,
                receiptRecord));
        return true;
    }

    private void shredPeriod(String period, String reference, DataKeys dataKeys) {
        dataKeys.shred(UsagePeriods.keyHolder(subjectId.toString(), period), EnumSet.of(RetentionClass.USAGE),
                ShreddingReason.ROLLING_RETENTION.name(), reference);
        apply(new UsagePeriodShreddedEvent(subjectId, period, reference));
    }

    private void requireUsagePeriodKept(String period, UsagePeriods periods, Instant now) {
        if (shreddedUsagePeriods.contains(period) || !periods.keptAt(period, now)) {
            throw ActivityRefusals.pastRollingRetention(periods.keptFor());
        }
    }

    private void openUsagePeriod(String period, UsagePeriods periods) {
        if (!usagePeriods.contains(period)) {
            apply(new UsagePeriodOpenedEvent(subjectId, period, periods.shredAt(period)));
        }
    }

    @CommandHandler
    void handle(TerminateAccountCommand command) {
        requireActive();
        apply(new AccountTerminatedEvent(subjectId, command.reason()));
    }

    /**
     * Policy §13: a child under 13 without a parent's recorded consent is deactivated and all of
     * their personal data shredded (legal holds still apply and are reported).
     */
    @CommandHandler
    void handle(ReportUnderageSubjectCommand command, DataKeys dataKeys) {
        boolean parentalConsent = consents.containsKey(ConsentType.PARENTAL);
        apply(new SubjectFoundUnderageEvent(subjectId, command.findingReference(), parentalConsent));
        if (!parentalConsent) {
            deactivateChild(command.findingReference(), dataKeys);
        }
    }

    /**
     * Destroys the data keys of the classes not yet shredded, each recorded by an event. The key
     * goes in the same transaction that stores the event, so neither happens without the other.
     * Shredding a class twice changes nothing. Classes under a legal hold are kept, and one
     * {@link ShreddingWithheldEvent} reports them with the holds that kept them; they are shredded on
     * the same ground once no hold keeps them. The answer says which was which.
     */
    @CommandHandler
    ShreddingOutcome handle(ShredPersonalDataCommand command, DataKeys dataKeys) {
        return shred(EnumSet.copyOf(command.retentionClasses()), command.reason(), command.reference(), dataKeys);
    }

    private ShreddingOutcome shred(Set<RetentionClass> retentionClasses, ShreddingReason reason, String reference,
                                   DataKeys dataKeys) {
        ShreddingOutcome outcome = shredClasses(retentionClasses, reason, reference, dataKeys);
        if (!outcome.destroyed().isEmpty()) {
            reissueCertificates();
        }
        return outcome;
    }

    private ShreddingOutcome shredClasses(Set<RetentionClass> retentionClasses, ShreddingReason reason, String reference,
                                          DataKeys dataKeys) {
        Set<RetentionClass> withheld = EnumSet.noneOf(RetentionClass.class);
        Set<RetentionClass> destroyed = EnumSet.noneOf(RetentionClass.class);
        Set<RetentionClass> before = EnumSet.noneOf(RetentionClass.class);
        List<String> holds = new ArrayList<>();
        for (RetentionClass retentionClass : retentionClasses) {
            if (shredded.contains(retentionClass)) {
                before.add(retentionClass);
                continue;
            }
            List<String> holding = holdsOn(retentionClass);
            if (!holding.isEmpty()) {
                withheld.add(retentionClass);
                holding.stream().filter(hold -> !holds.contains(hold)).forEach(holds::add);
                continue;
            }
            destroyed.add(retentionClass);
        }
        dataKeys.shred(subjectId.toString(), destroyed, reason.name(), reference);
        if (destroyed.contains(RetentionClass.USAGE)) {
            // the usage periods' own keys go with their class
            for (String period : usagePeriods) {
                dataKeys.shred(UsagePeriods.keyHolder(subjectId.toString(), period), EnumSet.of(RetentionClass.USAGE),
                        reason.name(), reference);
            }
        }
        for (RetentionClass retentionClass : destroyed) {
            apply(new PersonalDataShreddedEvent(subjectId, retentionClass, reason, reference));
        }
        if (!withheld.isEmpty()) {
            apply(new ShreddingWithheldEvent(subjectId, withheld, holds, reason, reference));
        }
        return new ShreddingOutcome(destroyed, before, withheld, holds);
    }

    /**
     * The shred ledger holds a destruction whose event was lost: it is recorded now, once. No key is
     * touched (it is gone already) and no hold is consulted (none can bring it back).
     */
    @CommandHandler
    void handle(RecordLostShreddingCommand command) {
        if (command.usagePeriod() != null) {
            // a period's key destroyed with its whole class is recorded by the class's event
            if (!shreddedUsagePeriods.contains(command.usagePeriod()) && !shredded.contains(RetentionClass.USAGE)) {
                apply(new UsagePeriodShreddedEvent(subjectId, command.usagePeriod(), command.reference()));
            }
        } else if (command.receiptRecord() != null) {
            if (receiptRecords.contains(command.receiptRecord())) {
                apply(new ReceiptRecordShreddedEvent(subjectId, command.receiptRecord(), command.reference()));
            }
        } else if (!shredded.contains(command.retentionClass())) {
            apply(new PersonalDataShreddedEvent(subjectId, command.retentionClass(), command.reason(), command.reference()));
            reissueCertificates();
        }
    }

    /** Every erasure certificate that named a class as kept, and the class is destroyed now, is reissued. */
    private void reissueCertificates() {
        withheldShreddings.reissued(shredded, this::holdsOn, now()).forEach((requestId, certificate) ->
                apply(new ErasureCertificateReissuedEvent(subjectId, requestId, certificate)));
    }

    /**
     * The shreddings a hold kept back and no hold keeps any more are done now, on their own grounds,
     * in this transaction: whole classes (a staff decision, an erasure request, an underage finding, a
     * retention deadline no exception now covers) and usage periods past their rolling retention.
     */
    private void shredWhatNoHoldKeeps(DataKeys dataKeys) {
        Set<RetentionClass> before = shredded.isEmpty() ? EnumSet.noneOf(RetentionClass.class) : EnumSet.copyOf(shredded);
        withheldShreddings.due(retentionClass -> shredded.contains(retentionClass) || !holdsOn(retentionClass).isEmpty(), now())
                .forEach((ground, classes) -> shredClasses(classes, ground.reason(), ground.reference(), dataKeys));
        if (!before.containsAll(shredded)) {
            reissueCertificates();
        }
        if (!shredded.contains(RetentionClass.USAGE) && holdsOn(RetentionClass.USAGE).isEmpty()) {
            withheldShreddings.periods().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .filter(period -> usagePeriods.contains(period.getKey()))
                    .forEach(period -> shredPeriod(period.getKey(), period.getValue(), dataKeys));
        }
        if (holdsOn(RetentionClass.PROFILE).isEmpty()) {
            withheldShreddings.receiptRecords().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .filter(record -> receiptRecords.contains(record.getKey()))
                    .forEach(record -> shredReceiptRecord(record.getKey(), record.getValue(), dataKeys));
        }
    }

    private void deactivateChild(String reference, DataKeys dataKeys) {
        if (status == SubjectStatus.ACTIVE) {
            apply(new AccountTerminatedEvent(subjectId, TerminationReason.UNDERAGE));
        }
        shred(EnumSet.allOf(RetentionClass.class), ShreddingReason.UNDERAGE_WITHOUT_PARENTAL_CONSENT, reference, dataKeys);
    }

    @CommandHandler
    void handle(PlaceLegalHoldCommand command) {
        if (legalHolds.containsKey(command.holdId())) {
            throw SubjectRefusals.legalHoldExists();
        }
        if (legalHolds.size() >= PlaceLegalHoldCommand.MAX_HOLDS_AT_ONCE) {
            throw SubjectRefusals.tooManyLegalHolds();
        }
        apply(new LegalHoldPlacedEvent(subjectId, command.holdId(), command.retentionClasses(), command.caseReference()));
    }

    /** Releasing a hold lets through, at once, every shredding it was the last to keep back. */
    @CommandHandler
    void handle(ReleaseLegalHoldCommand command, DataKeys dataKeys) {
        if (!legalHolds.containsKey(command.holdId())) {
            throw SubjectRefusals.noSuchLegalHold();
        }
        apply(new LegalHoldReleasedEvent(subjectId, command.holdId()));
        shredWhatNoHoldKeeps(dataKeys);
    }

    /** Taiwan (PDPA §18): only a terminated TW account's data can be kept on a recorded ground. */
    @CommandHandler
    void handle(RecordRetentionExceptionCommand command) {
        if (!RecordRetentionExceptionCommand.appliesTo(jurisdiction, status)) {
            throw SubjectRefusals.exceptionNeedsTerminatedTaiwanAccount();
        }
        requireNotShredded(command.retentionClasses());
        apply(new RetentionExceptionRecordedEvent(subjectId, command.retentionClasses(), command.ground(),
                command.justificationReference(), command.reviewBy()));
    }

    // --- consents, opt-out, sensitive information (policy §5, §7, §13, §16) ---

    @CommandHandler
    void handle(GrantConsentCommand command) {
        grant(command, MetaData.emptyInstance());
    }

    private void grant(GrantConsentCommand command, MetaData metaData) {
        requireActive();
        if (consents.containsKey(command.type())) {
            throw SubjectRefusals.consentAlreadyGranted();
        }
        boolean byParent = command.grantedBy() == Requester.PARENT_OR_GUARDIAN;
        if (command.type() == ConsentType.PARENTAL && !byParent) {
            throw SubjectRefusals.consentNeedsParent();
        }
        if (command.type() == ConsentType.SALE_SHARING_OPT_IN && !byParent && onlyAParentOptsIn()) {
            throw SubjectRefusals.consentNeedsParent();
        }
        apply(new ConsentGrantedEvent(subjectId, command.type(), command.grantedBy(), command.evidenceReference()), metaData);
    }

    /** Withdrawing a child's parental consent deactivates the child's account and shreds its data (§13). */
    @CommandHandler
    void handle(WithdrawConsentCommand command, DataKeys dataKeys) {
        if (!consents.containsKey(command.type())) {
            throw SubjectRefusals.consentNotGranted();
        }
        apply(new ConsentWithdrawnEvent(subjectId, command.type()));
        if (command.type() == ConsentType.PARENTAL && child()) {
            deactivateChild("consent-withdrawn:parental", dataKeys);
        }
    }

    /** Idempotent: a Global Privacy Control signal on every request records the opt-out once. */
    @CommandHandler
    void handle(OptOutOfSaleSharingCommand command) {
        if (!optedOutOfSaleSharing) {
            apply(new OptedOutOfSaleSharingEvent(subjectId, command.channel()));
        }
    }

    @CommandHandler
    void handle(RecordSensitiveInformationCommand command) {
        requireActive();
        requireNotShredded(RetentionClass.PROFILE);
        if (command.exception() == null && !consents.containsKey(ConsentType.SENSITIVE_PERSONAL_INFORMATION)) {
            throw SubjectRefusals.sensitiveDataWithoutConsent();
        }
        if (command.exception() == null && (limitsInForce.contains(RequestType.LIMIT_SENSITIVE_USE) || restricted())) {
            throw SubjectRefusals.sensitiveUseLimited();
        }
        apply(new SensitiveInformationRecordedEvent(subjectId, command.itemId(), command.category(), command.content(),
                command.exception()));
    }

    // --- purpose changes (policy §3) ---

    /** Idempotent; a subject whose profile is erased can no longer be told and is owed nothing. */
    @CommandHandler
    void handle(RecordPurposeChangeNoticeCommand command) {
        if (!purposeChangeNotices.containsKey(command.changeId()) && !shredded.contains(RetentionClass.PROFILE)) {
            apply(new PurposeChangeNoticeOwedEvent(subjectId, command.changeId()));
        }
    }

    @CommandHandler
    void handle(ConfirmPurposeChangeNoticeCommand command) {
        Boolean notified = purposeChangeNotices.get(command.changeId());
        if (notified == null) {
            throw SubjectRefusals.noPurposeChangeNoticeOwed();
        }
        if (!notified) {
            apply(new PurposeChangeNotifiedEvent(subjectId, command.changeId(), command.channel()));
        }
    }

    // --- third-party provision and receipt records (APPI Arts. 28–30, CCPA 1798.120) ---

    @CommandHandler
    void handle(RecordThirdPartyProvisionCommand command) {
        if (provisionRecords.contains(command.provisionId())) {
            throw SubjectRefusals.provisionAlreadyRecorded();
        }
        String contract = contractOf(command.contractRecord(), command.contractReference());
        requireProvisionAllowed(command.recipient().category(), command.saleOrSharing());
        if (command.saleOrSharing()) {
            if (optedOutOfSaleSharing) {
                throw SubjectRefusals.optedOutOfSaleSharing();
            }
            if (minor() && !optedInToSaleSharing()) {
                throw SubjectRefusals.minorSaleSharing();
            }
        }
        boolean foreign = !JAPAN.equals(command.recipient().country());
        boolean appi = jurisdiction == Jurisdiction.JP || jurisdiction == Jurisdiction.OTHER;
        if (appi && foreign && !command.recipient().equivalentSystem()
                && !consents.containsKey(ConsentType.FOREIGN_THIRD_PARTY_PROVISION)) {
            throw SubjectRefusals.foreignProvisionWithoutConsent();
        }
        ContractRecords before = contractRecords.get(contract);
        LocalDate keepUntil = keepUntil(before, command.providedOn(), command.contractRecord());
        apply(new ThirdPartyProvisionRecordedEvent(subjectId, command.provisionId(), command.recipient(),
                command.categories(), command.saleOrSharing(), foreign, command.providedOn(), keepUntil, contract));
        carryAlong(contract, before, keepUntil);
    }

    @CommandHandler
    void handle(RecordReceiptConfirmationCommand command) {
        if (provisionRecords.contains(command.receiptId())) {
            throw SubjectRefusals.provisionAlreadyRecorded();
        }
        String contract = contractOf(command.contractRecord(), command.contractReference());
        ContractRecords before = contractRecords.get(contract);
        LocalDate keepUntil = keepUntil(before, command.receivedOn(), command.contractRecord());
        apply(new ReceiptConfirmationRecordedEvent(subjectId, command.receiptId(), command.provider(),
                command.backgroundOfAcquisition(), command.categories(), command.receivedOn(), keepUntil, contract));
        carryAlong(contract, before, keepUntil);
    }

    /**
     * A receipt record's keeping period ended: its own key, sealing the background of the acquisition,
     * is destroyed — unless a legal hold on PROFILE keeps it (reported, and done when the hold is
     * released). Idempotent.
     */
    @CommandHandler
    void handle(ShredReceiptRecordCommand command, DataKeys dataKeys) {
        if (!receiptRecords.contains(command.receiptId())) {
            return;
        }
        if (!withheldByHolds(RetentionClass.PROFILE, ShreddingReason.RETENTION_EXPIRED, command.reference(), null,
                command.receiptId())) {
            shredReceiptRecord(command.receiptId(), command.reference(), dataKeys);
        }
    }

    private void shredReceiptRecord(String receiptId, String reference, DataKeys dataKeys) {
        dataKeys.shred(UsagePeriods.recordHolder(subjectId.toString(), receiptId), EnumSet.of(RetentionClass.PROFILE),
                ShreddingReason.RETENTION_EXPIRED.name(), reference);
        apply(new ReceiptRecordShreddedEvent(subjectId, receiptId, reference));
    }

    /**
     * What a fulfilled restriction, objection or cessation forbids. A restriction (GDPR Art. 18, PDPA
     * Art. 11 cessation of processing) leaves only what the law demands; a cessation of provision
     * (APPI Art. 35(3)) stops provision to third parties, not entrustment to service providers
     * (APPI Art. 27(5)(i)); an objection (GDPR Art. 21(3)) stops sale, sharing and advertising.
     */
    private void requireProvisionAllowed(RecipientCategory recipient, boolean saleOrSharing) {
        boolean requiredByLaw = recipient == RecipientCategory.LEGAL_AUTHORITY;
        if (restricted() && !requiredByLaw) {
            throw SubjectRefusals.processingRestricted();
        }
        if (limitsInForce.contains(RequestType.CESSATION_OF_PROVISION) && !requiredByLaw
                && recipient != RecipientCategory.SERVICE_PROVIDER) {
            throw SubjectRefusals.provisionCeased();
        }
        if (limitsInForce.contains(RequestType.OBJECTION)
                && (saleOrSharing || recipient == RecipientCategory.ADVERTISING_PARTNER)) {
            throw SubjectRefusals.objectedTo();
        }
    }

    private boolean restricted() {
        return limitsInForce.contains(RequestType.RESTRICTION) || limitsInForce.contains(RequestType.CESSATION_OF_PROCESSING);
    }

    /** The contract a contract record is made under; a standalone record has none. */
    private static String contractOf(boolean contractRecord, String contractReference) {
        if (!contractRecord) {
            return null;
        }
        if (contractReference == null) {
            throw SubjectRefusals.contractReferenceRequired();
        }
        return contractReference;
    }

    /** Kept from the last provision under the contract (the later of this one and those before it). */
    private static LocalDate keepUntil(ContractRecords before, LocalDate on, boolean contractRecord) {
        LocalDate last = before == null || on.isAfter(before.lastOn()) ? on : before.lastOn();
        return RecordKeeping.keepUntil(last, contractRecord);
    }

    /** The earlier records under the contract are kept as long as the newest. */
    private void carryAlong(String contract, ContractRecords before, LocalDate keepUntil) {
        if (before != null && keepUntil.isAfter(RecordKeeping.keepUntil(before.lastOn(), true))) {
            apply(new ProvisionRecordsKeptLongerEvent(subjectId, contract, List.copyOf(before.recordIds()), keepUntil));
        }
    }

    /** The records made under one contract and the day of the last provision under it. */
    private record ContractRecords(LocalDate lastOn, List<String> recordIds) {
        ContractRecords with(String recordId, LocalDate on) {
            List<String> ids = new java.util.ArrayList<>(recordIds);
            ids.add(recordId);
            return new ContractRecords(on.isAfter(lastOn) ? on : lastOn, ids);
        }
    }

    private void recordUnderContract(String contract, String recordId, LocalDate on) {
        if (contract != null) {
            contractRecords.merge(contract, new ContractRecords(on, List.of(recordId)),
                    (existing, added) -> existing.with(recordId, on));
        }
    }

    // --- data-subject requests ---

    /**
     * Accepted after termination and after erasure too: a former user keeps their rights. The due
     * date is fixed from the rule table now. An opt-out of sale/sharing takes effect at once and is
     * fulfilled by being recorded.
     */
    @CommandHandler
    void handle(SubmitPrivacyRequestCommand command, RequestRules rules) {
        if (requests.containsKey(command.requestId())) {
            throw RequestRefusals.alreadySubmitted();
        }
        ResponseRule rule = rules.rule(jurisdiction, command.type())
                .orElseThrow(() -> RequestRefusals.typeNotGranted(jurisdiction, rules.granted(jurisdiction)));
        Instant now = now();
        Instant receivedAt = command.receivedAt() == null ? now : command.receivedAt();
        if (receivedAt.isAfter(now)) {
            throw RequestRefusals.receivedInTheFuture();
        }
        if (command.requester() == Requester.PARENT_OR_GUARDIAN && ageOn(dateOfBirth, today(jurisdiction)) >= ChildRules.ADULT_AGE
                && !foundUnderage) {
            throw SubjectRefusals.parentForAnAdult();
        }
        if (command.type().kind() == RequestType.Kind.ERASURE && requests.values().stream()
                .anyMatch(request -> request.erasure() && request.open())) {
            throw SubjectRefusals.erasureAlreadyRequested();
        }
        LocalDate receivedOn = LocalDate.ofInstant(receivedAt, jurisdiction.zone());
        LocalDate dueOn = rule.dueOn(receivedOn);
        apply(new PrivacyRequestSubmittedEvent(subjectId, command.requestId(), jurisdiction, command.type(),
                command.requester(), command.channel(), receivedAt, rule.identityVerified(), dueOn,
                ResponseRule.endOf(dueOn, jurisdiction.zone()), rule.acknowledgeBy(receivedOn).orElse(null),
                rule.fee().orElse(null), rule.identityVerified() && rule.clockStartsOnIdentity()));
        if (command.type().kind() == RequestType.Kind.OPT_OUT) {
            handle(new OptOutOfSaleSharingCommand(subjectId, command.channel()));
            apply(new RequestFulfilledEvent(subjectId, command.requestId(), command.type(), "opt-out-recorded", null));
        }
        if (command.type().kind() == RequestType.Kind.LIMIT) {
            apply(new RequestFulfilledEvent(subjectId, command.requestId(), command.type(), "limit-recorded", null));
        }
    }

    /**
     * A command for a request the subject does not have finds no entity to go to: it is refused as an
     * unknown request, as any request command for an unknown id always was.
     */
    @CommandHandlerInterceptor(commandNamePattern = "io\\.lethe\\.core\\.request\\..*")
    Object refuseUnknownRequest(InterceptorChain chain) throws Exception {
        try {
            return chain.proceed();
        } catch (AggregateEntityNotFoundException unknown) {
            throw RequestRefusals.notFound();
        }
    }

    /**
     * Destroys the keys of every class not under a legal hold and fulfils the request with its
     * certificate, in one transaction. Idempotent: completing a closed request records nothing.
     */
    @CommandHandler
    void handle(CompleteErasureCommand command, DataKeys dataKeys) {
        PrivacyRequest request = request(command.requestId());
        if (!request.erasureToComplete()) {
            return;
        }
        String reference = "request:" + command.requestId();
        ShreddingOutcome outcome = shred(EnumSet.allOf(RetentionClass.class), ShreddingReason.ERASURE_REQUEST, reference,
                dataKeys);
        request.fulfilByErasure(reference, outcome);
    }

    private PrivacyRequest request(RequestId requestId) {
        PrivacyRequest request = requests.get(requestId);
        if (request == null) {
            throw RequestRefusals.notFound();
        }
        return request;
    }

    /** Under the age at which the law of the subject's residence asks for a parent's consent. */
    private boolean child() {
        return foundUnderage
                || ageOn(dateOfBirth, today(jurisdiction)) < ChildRules.parentalConsentAge(jurisdiction, memberState);
    }

    /** Under 16: no sale or sharing without an opt-in (CCPA 1798.120(c)). */
    private boolean minor() {
        return foundUnderage || ageOn(dateOfBirth, today(jurisdiction)) < ChildRules.SALE_SHARING_OPT_IN_AGE;
    }

    /**
     * An opt-in counts when the subject gave it at 13 or older, or a parent gave it; one the child
     * gave under 13 (recorded before this was refused at the grant) does not (CCPA 1798.120(c)).
     */
    private boolean optedInToSaleSharing() {
        Requester grantedBy = consents.get(ConsentType.SALE_SHARING_OPT_IN);
        if (grantedBy == null) {
            return false;
        }
        return grantedBy == Requester.PARENT_OR_GUARDIAN || !onlyAParentOptsIn();
    }

    /** Under 13 (or found to be a child): only a parent opts in to sale or sharing (CCPA 1798.120(c)). */
    private boolean onlyAParentOptsIn() {
        return foundUnderage || ageOn(dateOfBirth, today(jurisdiction)) < ChildRules.SALE_SHARING_PARENT_AGE;
    }

    /** Age in whole years; an unknown (or erased) birth date counts as adult. */
    private static int ageOn(LocalDate dateOfBirth, LocalDate day) {
        return dateOfBirth == null ? Integer.MAX_VALUE : Period.between(dateOfBirth, day).getYears();
    }

    private static Instant now() {
        return GenericEventMessage.clock.instant();
    }

    private static LocalDate today(Jurisdiction jurisdiction) {
        return LocalDate.ofInstant(now(), jurisdiction.zone());
    }

    private List<String> holdsOn(RetentionClass retentionClass) {
        return legalHolds.entrySet().stream()
                .filter(hold -> hold.getValue().contains(retentionClass))
                .map(Map.Entry::getKey)
                .toList();
    }

    private void requireNotShredded(Set<RetentionClass> retentionClasses) {
        for (RetentionClass retentionClass : retentionClasses) {
            requireNotShredded(retentionClass);
        }
    }

    private void requireNotShredded(RetentionClass retentionClass) {
        if (shredded.contains(retentionClass)) {
            throw SubjectRefusals.personalDataErased(retentionClass);
        }
    }

    private void requireActive() {
        if (status == SubjectStatus.TERMINATED) {
            throw SubjectRefusals.accountTerminated();
        }
    }

    @EventSourcingHandler
    void on(AccountRegisteredEvent event) {
        subjectId = event.subjectId();
        jurisdiction = event.jurisdiction();
        dateOfBirth = event.dateOfBirth();
        memberState = event.memberState();
        status = SubjectStatus.ACTIVE;
    }

    @EventSourcingHandler
    void on(SocialLoginLinkedEvent event) {
        linkedProviders.add(event.provider());
    }

    @EventSourcingHandler
    void on(PurchaseRecordedEvent event) {
        purchases.add(event.purchaseId());
    }

    @EventSourcingHandler
    void on(UsagePeriodOpenedEvent event) {
        usagePeriods.add(event.period());
    }

    @EventSourcingHandler
    void on(CommunicationRecordedEvent event) {
        communications.add(event.communicationId());
    }

    @EventSourcingHandler
    void on(UsagePeriodShreddedEvent event) {
        usagePeriods.remove(event.period());
        shreddedUsagePeriods.add(event.period());
        withheldShreddings.periodShredded(event.period());
    }

    @EventSourcingHandler
    void on(ReceiptRecordShreddedEvent event) {
        receiptRecords.remove(event.receiptId());
        withheldShreddings.receiptRecordShredded(event.receiptId());
    }

    @EventSourcingHandler
    void on(ShreddingWithheldEvent event) {
        withheldShreddings.withheld(event);
    }

    @EventSourcingHandler
    void on(RetentionExceptionRecordedEvent event) {
        withheldShreddings.exceptionRecorded(event.retentionClasses(), event.reviewBy());
    }

    @EventSourcingHandler
    void on(ErasureCertificateReissuedEvent event) {
        withheldShreddings.certified(event.requestId(), event.certificate());
    }

    @EventSourcingHandler
    void on(AccountTerminatedEvent event) {
        status = SubjectStatus.TERMINATED;
    }

    @EventSourcingHandler
    void on(SubjectFoundUnderageEvent event) {
        foundUnderage = true;
    }

    @EventSourcingHandler
    void on(ConsentGrantedEvent event) {
        consents.put(event.type(), event.grantedBy());
        consentsEverGranted.add(event.type());
    }

    @EventSourcingHandler
    void on(AccountAdoptedEvent event) {
        adoptedFrom = event.origin();
    }

    @EventSourcingHandler
    void on(ConsentWithdrawnEvent event) {
        consents.remove(event.type());
    }

    @EventSourcingHandler
    void on(OptedOutOfSaleSharingEvent event) {
        optedOutOfSaleSharing = true;
    }

    @EventSourcingHandler
    void on(PurposeChangeNoticeOwedEvent event) {
        purposeChangeNotices.put(event.changeId(), false);
    }

    @EventSourcingHandler
    void on(PurposeChangeNotifiedEvent event) {
        purposeChangeNotices.put(event.changeId(), true);
    }

    @EventSourcingHandler
    void on(ThirdPartyProvisionRecordedEvent event) {
        provisionRecords.add(event.provisionId());
        recordUnderContract(event.contractReference(), event.provisionId(), event.providedOn());
    }

    @EventSourcingHandler
    void on(ReceiptConfirmationRecordedEvent event) {
        provisionRecords.add(event.receiptId());
        receiptRecords.add(event.receiptId());
        recordUnderContract(event.contractReference(), event.receiptId(), event.receivedOn());
    }

    /** Axon creates a request here; the request's own events then go to the request. */
    @EventSourcingHandler
    void on(PrivacyRequestSubmittedEvent event) {
        requests.put(event.requestId(), new PrivacyRequest(event));
    }

    @EventSourcingHandler
    void on(ProfileUpdatedEvent event) {
        if (event.correctionRequestId() != null && requests.containsKey(event.correctionRequestId())) {
            requests.get(event.correctionRequestId()).corrected(List.copyOf(event.changes().keySet()));
        }
    }

    @EventSourcingHandler
    void on(RequestFulfilledEvent event) {
        // the request marks itself fulfilled; what the fulfilment means for the subject is recorded here
        withheldShreddings.certified(event.requestId(), event.certificate());
        if (event.type().kind().limitsProcessing()) {
            limitsInForce.add(event.type());
        }
    }

    @EventSourcingHandler
    void on(PersonalDataShreddedEvent event) {
        shredded.add(event.retentionClass());
        withheldShreddings.shredded(event.retentionClass());
    }

    @EventSourcingHandler
    void on(LegalHoldPlacedEvent event) {
        legalHolds.put(event.holdId(), EnumSet.copyOf(event.retentionClasses()));
    }

    @EventSourcingHandler
    void on(LegalHoldReleasedEvent event) {
        legalHolds.remove(event.holdId());
    }
}
