package io.lethe.command.subject;

import io.lethe.core.crypto.DataKeys;
import io.lethe.core.personaldata.RetentionClass;
import io.lethe.core.jurisdiction.Jurisdiction;
import io.lethe.core.subject.AccountRegisteredEvent;
import io.lethe.core.subject.LegalHoldPlacedEvent;
import io.lethe.core.subject.LegalHoldReleasedEvent;
import io.lethe.core.subject.PlaceLegalHoldCommand;
import io.lethe.core.subject.RecordRetentionExceptionCommand;
import io.lethe.core.subject.ReleaseLegalHoldCommand;
import io.lethe.core.subject.RetentionExceptionRecordedEvent;
import io.lethe.core.subject.ShreddingWithheldEvent;
import io.lethe.core.subject.AccountTerminatedEvent;
import io.lethe.core.subject.ErasureRequestedEvent;
import io.lethe.core.subject.LinkSocialLoginCommand;
import io.lethe.core.subject.PersonalDataShreddedEvent;
import io.lethe.core.subject.PurchaseId;
import io.lethe.core.subject.PurchaseRecordedEvent;
import io.lethe.core.subject.RecordPurchaseCommand;
import io.lethe.core.subject.RegisterAccountCommand;
import io.lethe.core.subject.RequestErasureCommand;
import io.lethe.core.subject.ShredPersonalDataCommand;
import io.lethe.core.subject.SocialLoginLinkedEvent;
import io.lethe.core.subject.SubjectId;
import io.lethe.core.subject.SubjectRefusals;
import io.lethe.core.subject.SubjectStatus;
import io.lethe.core.subject.TerminateAccountCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.EnumSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One data subject's account lifecycle. It keeps only what its decisions need — status, linked
 * provider keys, purchase ids — and never a plaintext personal field; those live in the events.
 */
@Aggregate
class DataSubject {

    @AggregateIdentifier
    private SubjectId subjectId;
    private SubjectStatus status;
    private Jurisdiction jurisdiction;
    private final Map<String, Set<RetentionClass>> legalHolds = new LinkedHashMap<>();
    private final Set<String> linkedProviders = new HashSet<>();
    private final Set<PurchaseId> purchases = new HashSet<>();
    private boolean erasureRequested;
    private final Set<RetentionClass> shredded = EnumSet.noneOf(RetentionClass.class);

    DataSubject() {
        // for Axon: created empty, then sourced from events or handed a creation command
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RegisterAccountCommand command) {
        if (status != null) {
            throw SubjectRefusals.alreadyRegistered();
        }
        apply(new AccountRegisteredEvent(command.subjectId(), command.jurisdiction(), command.name(),
                command.dateOfBirth(), command.postalAddress(), command.email(),
                command.profilePictureRef(), command.bankAccountNumber()));
    }

    @CommandHandler
    void handle(LinkSocialLoginCommand command) {
        requireActive();
        requireNotShredded(RetentionClass.PROFILE);
        if (linkedProviders.contains(command.provider())) {
            throw SubjectRefusals.socialLoginAlreadyLinked();
        }
        apply(new SocialLoginLinkedEvent(subjectId, command.provider(), command.externalId(),
                command.username(), command.email(), command.profilePhotoRef()));
    }

    @CommandHandler
    void handle(RecordPurchaseCommand command) {
        requireActive();
        requireNotShredded(RetentionClass.FINANCIAL);
        if (purchases.contains(command.purchaseId())) {
            throw SubjectRefusals.purchaseAlreadyRecorded();
        }
        apply(new PurchaseRecordedEvent(subjectId, command.purchaseId(), command.item(), command.amount(),
                command.card()));
    }

    @CommandHandler
    void handle(TerminateAccountCommand command) {
        requireActive();
        apply(new AccountTerminatedEvent(subjectId, command.reason()));
    }

    /** Allowed after termination too: a former user may still ask for their data to be erased. */
    @CommandHandler
    void handle(RequestErasureCommand command) {
        if (erasureRequested) {
            throw SubjectRefusals.erasureAlreadyRequested();
        }
        apply(new ErasureRequestedEvent(subjectId, command.requestId(), command.requestedBy()));
    }

    /**
     * Destroys the data keys of the classes not yet shredded, each recorded by an event. The key
     * goes in the same transaction that stores the event, so neither happens without the other.
     * Shredding a class twice changes nothing. Classes under a legal hold are kept, and one
     * {@link ShreddingWithheldEvent} reports them with the holds that kept them.
     */
    @CommandHandler
    void handle(ShredPersonalDataCommand command, DataKeys dataKeys) {
        Set<RetentionClass> withheld = EnumSet.noneOf(RetentionClass.class);
        List<String> holds = new ArrayList<>();
        for (RetentionClass retentionClass : EnumSet.copyOf(command.retentionClasses())) {
            if (shredded.contains(retentionClass)) {
                continue;
            }
            List<String> holding = holdsOn(retentionClass);
            if (!holding.isEmpty()) {
                withheld.add(retentionClass);
                holding.stream().filter(hold -> !holds.contains(hold)).forEach(holds::add);
                continue;
            }
            dataKeys.shred(subjectId.toString(), retentionClass);
            apply(new PersonalDataShreddedEvent(subjectId, retentionClass, command.reason(), command.reference()));
        }
        if (!withheld.isEmpty()) {
            apply(new ShreddingWithheldEvent(subjectId, withheld, holds, command.reason(), command.reference()));
        }
    }

    @CommandHandler
    void handle(PlaceLegalHoldCommand command) {
        if (legalHolds.containsKey(command.holdId())) {
            throw SubjectRefusals.legalHoldExists();
        }
        apply(new LegalHoldPlacedEvent(subjectId, command.holdId(), command.retentionClasses(), command.caseReference()));
    }

    @CommandHandler
    void handle(ReleaseLegalHoldCommand command) {
        if (!legalHolds.containsKey(command.holdId())) {
            throw SubjectRefusals.noSuchLegalHold();
        }
        apply(new LegalHoldReleasedEvent(subjectId, command.holdId()));
    }

    /** Taiwan (PDPA §18): only a terminated TW account's data can be kept on a recorded ground. */
    @CommandHandler
    void handle(RecordRetentionExceptionCommand command) {
        if (jurisdiction != Jurisdiction.TW || status != SubjectStatus.TERMINATED) {
            throw SubjectRefusals.exceptionNeedsTerminatedTaiwanAccount();
        }
        requireNotShredded(command.retentionClasses());
        apply(new RetentionExceptionRecordedEvent(subjectId, command.retentionClasses(), command.ground(),
                command.justificationReference(), command.reviewBy()));
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
            throw SubjectRefusals.personalDataErased();
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
    void on(AccountTerminatedEvent event) {
        status = SubjectStatus.TERMINATED;
    }

    @EventSourcingHandler
    void on(ErasureRequestedEvent event) {
        erasureRequested = true;
    }

    @EventSourcingHandler
    void on(PersonalDataShreddedEvent event) {
        shredded.add(event.retentionClass());
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
