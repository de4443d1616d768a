package io.lethe.command.breach;

import io.lethe.command.CachedCommandTargetResolver;
import io.lethe.core.breach.AssessBreachCommand;
import io.lethe.core.breach.BreachAssessedEvent;
import io.lethe.core.breach.BreachClosedEvent;
import io.lethe.core.breach.BreachDutyOverdueEvent;
import io.lethe.core.breach.BreachDutyRescheduledEvent;
import io.lethe.core.breach.BreachFacts;
import io.lethe.core.breach.BreachFactsClarifiedEvent;
import io.lethe.core.breach.BreachId;
import io.lethe.core.breach.BreachMailingIssuedEvent;
import io.lethe.core.breach.BreachNotificationSentEvent;
import io.lethe.core.breach.BreachRefusals;
import io.lethe.core.breach.BreachReportedEvent;
import io.lethe.core.breach.BreachRisk;
import io.lethe.core.breach.BreachRules;
import io.lethe.core.breach.CloseBreachCommand;
import io.lethe.core.breach.DutyKind;
import io.lethe.core.breach.EscalateBreachDutyCommand;
import io.lethe.core.breach.MailAffectedPeopleCommand;
import io.lethe.core.breach.NotificationDuty;
import io.lethe.core.breach.RecordBreachClarifiedCommand;
import io.lethe.core.breach.RecordBreachNotificationCommand;
import io.lethe.core.breach.Recipient;
import io.lethe.core.breach.ReportBreachCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One personal-data breach: reported with its facts, assessed, notified under each duty the law
 * gives rise to, closed. The duties and their deadlines come from {@link BreachRules}; this
 * aggregate keeps which are open, met, lifted or overdue.
 */
@Aggregate(commandTargetResolver = CachedCommandTargetResolver.BEAN_NAME)
class Breach {

    /** Where a breach stands. */
    enum Status {
        REPORTED, ASSESSED, NOTIFIED, CLOSED
    }

    @AggregateIdentifier
    private BreachId breachId;
    private Status status;
    private Instant awareAt;
    private BreachFacts facts;
    private BreachRisk risk;
    private boolean clarified;
    private final Map<String, NotificationDuty> open = new LinkedHashMap<>();
    private final Map<String, NotificationDuty> overdue = new LinkedHashMap<>();
    private final Set<String> met = new HashSet<>();
    private final Set<String> mailing = new HashSet<>();
    private boolean subjectsNamed;

    Breach() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(ReportBreachCommand command, BreachRules rules) {
        if (status != null) {
            throw BreachRefusals.alreadyReported();
        }
        if (command.awareAt().isAfter(now())) {
            throw BreachRefusals.awareInTheFuture();
        }
        apply(new BreachReportedEvent(command.breachId(), command.awareAt(), command.facts(), command.summaryReference(),
                command.affectedSubjects() == null ? java.util.Set.of() : command.affectedSubjects(),
                rules.onReport(command.facts(), command.awareAt())));
    }

    /**
     * A re-assessment is allowed: a risk can turn out higher (or lower) as the facts emerge. Each
     * assessment decides the GDPR duties again ({@link BreachRules#onAssessment}); a duty already
     * met is not owed twice.
     */
    @CommandHandler
    void handle(AssessBreachCommand command, BreachRules rules) {
        requireOpen();
        List<NotificationDuty> owed = rules.onAssessment(facts, awareAt, command.risk());
        Set<String> owedIds = owed.stream().map(NotificationDuty::dutyId).collect(Collectors.toSet());
        List<NotificationDuty> added = owed.stream()
                .filter(duty -> !open.containsKey(duty.dutyId()) && !met.contains(duty.dutyId())).toList();
        List<String> lifted = open.values().stream()
                .filter(duty -> BreachRules.decidedByAssessment().contains(duty.kind()) && !owedIds.contains(duty.dutyId()))
                .map(NotificationDuty::dutyId).toList();
        apply(new BreachAssessedEvent(breachId, command.risk(), command.assessmentReference(), added, lifted));
    }

    @CommandHandler
    void handle(RecordBreachClarifiedCommand command, BreachRules rules) {
        requireOpen();
        if (clarified) {
            throw BreachRefusals.alreadyClarified();
        }
        List<NotificationDuty> scheduled = open.values().stream()
                .filter(duty -> duty.kind() == DutyKind.PDPA_INDIVIDUALS)
                .map(duty -> new NotificationDuty(duty.dutyId(), duty.kind(), rules.taiwanDue(command.clarifiedAt())))
                .toList();
        apply(new BreachFactsClarifiedEvent(breachId, command.clarifiedAt(), scheduled));
    }

    @CommandHandler
    void handle(RecordBreachNotificationCommand command) {
        requireOpen();
        NotificationDuty duty = open.get(command.dutyId());
        if (duty == null) {
            throw BreachRefusals.noSuchDuty();
        }
        if (command.sentAt().isAfter(now()) || command.sentAt().isBefore(awareAt)) {
            throw BreachRefusals.notYetSent();
        }
        apply(new BreachNotificationSentEvent(breachId, duty.dutyId(), duty.kind(), command.sentAt(), command.reference()));
        if (duty.kind() == DutyKind.CCPA_RESIDENTS) {
            open.values().stream().filter(other -> other.kind() == DutyKind.CCPA_ATTORNEY_GENERAL).findFirst()
                    .ifPresent(sample -> apply(new BreachDutyRescheduledEvent(breachId, new NotificationDuty(sample.dutyId(),
                            sample.kind(), command.sentAt().plus(BreachRules.CCPA_ATTORNEY_GENERAL_AFTER_RESIDENTS)))));
        }
    }

    /**
     * The platform mails the people affected under an individuals' duty, once per duty; the duty is
     * met when the mailing is done ({@link RecordBreachNotificationCommand} from the notice delivery).
     * Refused when the report named no subject: then nobody can be mailed and staff notify by other means.
     */
    @CommandHandler
    void handle(MailAffectedPeopleCommand command) {
        requireOpen();
        NotificationDuty duty = open.get(command.dutyId());
        if (duty == null) {
            throw BreachRefusals.noSuchDuty();
        }
        if (duty.kind().recipient() != Recipient.INDIVIDUALS) {
            throw BreachRefusals.notToIndividuals();
        }
        if (mailing.contains(duty.dutyId())) {
            throw BreachRefusals.alreadyMailing();
        }
        if (!subjectsNamed) {
            throw BreachRefusals.nobodyToMail();
        }
        apply(new BreachMailingIssuedEvent(breachId, duty.dutyId(), duty.kind(), duty.kind().jurisdiction().language(),
                command.letter()));
    }

    /** From the saga; a no-op once the duty is met, lifted, already escalated, or not yet due. */
    @CommandHandler
    void handle(EscalateBreachDutyCommand command) {
        NotificationDuty duty = open.get(command.dutyId());
        if (status == Status.CLOSED || duty == null || overdue.containsKey(duty.dutyId()) || duty.dueAt() == null
                || now().isBefore(duty.dueAt())) {
            return;
        }
        apply(new BreachDutyOverdueEvent(breachId, duty.dutyId(), duty.kind(), duty.dueAt()));
    }

    @CommandHandler
    void handle(CloseBreachCommand command) {
        requireOpen();
        if (!open.isEmpty()) {
            throw BreachRefusals.dutiesOpen();
        }
        apply(new BreachClosedEvent(breachId, command.reference()));
    }

    private void requireOpen() {
        if (status == Status.CLOSED) {
            throw BreachRefusals.closed();
        }
    }

    private static Instant now() {
        return GenericEventMessage.clock.instant();
    }

    @EventSourcingHandler
    void on(BreachReportedEvent event) {
        breachId = event.breachId();
        awareAt = event.awareAt();
        facts = event.facts();
        status = Status.REPORTED;
        subjectsNamed = event.affectedSubjects() != null && !event.affectedSubjects().isEmpty();
        event.duties().forEach(duty -> open.put(duty.dutyId(), duty));
        settle();
    }

    @EventSourcingHandler
    void on(BreachAssessedEvent event) {
        risk = event.risk();
        status = Status.ASSESSED;
        event.addedDuties().forEach(duty -> open.put(duty.dutyId(), duty));
        event.liftedDutyIds().forEach(open::remove);
        event.liftedDutyIds().forEach(overdue::remove);
        settle();
    }

    @EventSourcingHandler
    void on(BreachFactsClarifiedEvent event) {
        clarified = true;
        event.scheduledDuties().forEach(duty -> open.put(duty.dutyId(), duty));
    }

    @EventSourcingHandler
    void on(BreachNotificationSentEvent event) {
        open.remove(event.dutyId());
        overdue.remove(event.dutyId());
        met.add(event.dutyId());
        settle();
    }

    @EventSourcingHandler
    void on(BreachMailingIssuedEvent event) {
        mailing.add(event.dutyId());
    }

    @EventSourcingHandler
    void on(BreachDutyRescheduledEvent event) {
        open.put(event.duty().dutyId(), event.duty());
    }

    @EventSourcingHandler
    void on(BreachDutyOverdueEvent event) {
        overdue.put(event.dutyId(), open.get(event.dutyId()));
    }

    @EventSourcingHandler
    void on(BreachClosedEvent event) {
        status = Status.CLOSED;
    }

    /** Assessed (or reported) with nothing left to send: notified. */
    private void settle() {
        if (open.isEmpty() && status == Status.ASSESSED) {
            status = Status.NOTIFIED;
        }
    }
}
