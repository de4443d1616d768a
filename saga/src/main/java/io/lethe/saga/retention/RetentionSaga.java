package io.lethe.saga.retention;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.lethe.core.activity.ShredUsagePeriodCommand;
import io.lethe.core.jurisdiction.Jurisdiction;
import io.lethe.core.personaldata.RetentionClass;
import io.lethe.core.provision.ProvisionRecordsKeptLongerEvent;
import io.lethe.core.provision.ReceiptConfirmationRecordedEvent;
import io.lethe.core.provision.ReceiptRecordShreddedEvent;
import io.lethe.core.provision.ShredReceiptRecordCommand;
import io.lethe.core.subject.AccountRegisteredEvent;
import io.lethe.core.subject.AccountTerminatedEvent;
import io.lethe.core.subject.PersonalDataShreddedEvent;
import io.lethe.core.subject.RetentionExceptionRecordedEvent;
import io.lethe.core.subject.RetentionExceptions;
import io.lethe.core.subject.ShredPersonalDataCommand;
import io.lethe.core.subject.SubjectId;
import io.lethe.saga.SagaCommands;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One subject's retention, from registration to the last shredding. On termination it schedules,
 * per retention class, the end of that class's retention (Taiwan: every class, after the PDPA
 * deletion period); when a deadline comes, the class's key is shredded. A legal hold makes the
 * subject withhold the shredding; the subject itself remembers it and shreds, in the transaction
 * that releases the last hold on the class, unless a retention exception keeps it then. A Taiwan
 * retention exception keeps its classes until its review date, when it lapses unless a later
 * exception was recorded. The saga ends when every class is shredded. The rolling retention of usage
 * periods during the account's life is not this saga's: it runs as one job per period
 * ({@link UsagePeriodRetention}).
 *
 * <p>Deadlines live in PostgreSQL (db-scheduler), so a restart loses none.
 */
@Saga
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE, isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class RetentionSaga {

    static final String RETENTION_DUE = "retention-due";
    static final String EXCEPTION_REVIEW_DUE = "retention-exception-review-due";
    static final String USAGE_PERIOD_DUE = "usage-period-due";
    static final String RECEIPT_RECORD_DUE = "receipt-record-due";
    private static final String REFERENCE_PREFIX = "saga:retention:";
    private static final String PERIOD_REFERENCE = ":usage-period:";

    private SubjectId subjectId;
    private Jurisdiction jurisdiction;
    private boolean terminated;
    private final Set<RetentionClass> shredded = EnumSet.noneOf(RetentionClass.class);
    private final Set<RetentionClass> due = EnumSet.noneOf(RetentionClass.class);
    private final Map<RetentionClass, LocalDate> exceptedUntil = new EnumMap<>(RetentionClass.class);
    /** Receipt records whose own key waits for the end of their keeping period, with that deadline's id. */
    private final Map<String, String> receiptRecords = new TreeMap<>();

    @Autowired
    private transient CommandGateway commandGateway;
    @Autowired
    private transient DeadlineManager deadlineManager;
    @Autowired
    private transient RetentionPolicy retentionPolicy;

    @StartSaga
    @SagaEventHandler(associationProperty = "subjectId")
    void on(AccountRegisteredEvent event) {
        subjectId = event.subjectId();
        jurisdiction = event.jurisdiction();
    }

    @SagaEventHandler(associationProperty = "subjectId")
    void on(AccountTerminatedEvent event, @Timestamp Instant terminatedAt) {
        terminated = true;
        for (RetentionClass retentionClass : RetentionClass.values()) {
            var period = retentionPolicy.periodAfterTermination(jurisdiction, retentionClass);
            if (period != null && !shredded.contains(retentionClass)) {
                deadlineManager.schedule(period.after(terminatedAt, jurisdiction.zone()), RETENTION_DUE, new RetentionDue(retentionClass));
            }
        }
    }

    @DeadlineHandler(deadlineName = RETENTION_DUE)
    void on(RetentionDue retentionDue) {
        RetentionClass retentionClass = retentionDue.retentionClass();
        due.add(retentionClass);
        if (!shredded.contains(retentionClass) && !exceptedUntil.containsKey(retentionClass)) {
            shred(Set.of(retentionClass));
        }
    }

    @SagaEventHandler(associationProperty = "subjectId")
    void on(RetentionExceptionRecordedEvent event) {
        for (RetentionClass retentionClass : event.retentionClasses()) {
            exceptedUntil.put(retentionClass, event.reviewBy());
            deadlineManager.schedule(RetentionExceptions.lapsesAt(event.reviewBy()), EXCEPTION_REVIEW_DUE,
                    new ExceptionReviewDue(retentionClass, event.reviewBy()));
        }
    }

    /**
     * An exception lapses at its review date unless a later one was recorded since; if the class's
     * retention has already ended, it is shredded now, otherwise its own deadline still stands.
     */
    @DeadlineHandler(deadlineName = EXCEPTION_REVIEW_DUE)
    void on(ExceptionReviewDue review) {
        RetentionClass retentionClass = review.retentionClass();
        if (review.reviewBy().equals(exceptedUntil.get(retentionClass))) {
            exceptedUntil.remove(retentionClass);
            if (due.contains(retentionClass) && !shredded.contains(retentionClass)) {
                shred(Set.of(retentionClass));
            }
        }
    }

    /**
     * A usage period's own deadline, as scheduled before the rolling retention became one job per
     * period ({@link UsagePeriodRetention}); those still pending fire here, and the period's job may
     * send the same shredding as well, which changes nothing the second time.
     */
    @DeadlineHandler(deadlineName = USAGE_PERIOD_DUE)
    void on(UsagePeriodDue due) {
        if (!shredded.contains(RetentionClass.USAGE)) {
            shredPeriod(due.period());
        }
    }

    /**
     * A receipt record (APPI Art. 30) is kept for a period of its own, whatever becomes of the
     * subject's profile: its key is shredded the day after it is kept until, in Japan's calendar.
     */
    @StartSaga(forceNew = false)
    @SagaEventHandler(associationProperty = "subjectId")
    void on(ReceiptConfirmationRecordedEvent event) {
        // a receipt recorded after the subject's process ended (everything shredded) starts one for itself
        subjectId = event.subjectId();
        keepReceiptRecordUntil(event.receiptId(), event.keepUntil());
    }

    /** A later provision under the same contract carries the earlier records along. */
    @SagaEventHandler(associationProperty = "subjectId")
    void on(ProvisionRecordsKeptLongerEvent event) {
        event.recordIds().stream().filter(receiptRecords::containsKey)
                .forEach(receipt -> keepReceiptRecordUntil(receipt, event.keepUntil()));
    }

    private void keepReceiptRecordUntil(String receiptId, LocalDate keepUntil) {
        String scheduled = receiptRecords.get(receiptId);
        if (scheduled != null) {
            deadlineManager.cancelSchedule(RECEIPT_RECORD_DUE, scheduled);
        }
        // a receipt record is APPI's (Art. 30): its keeping period is counted in Japan, whatever the subject's law
        Instant due = keepUntil.plusDays(1).atStartOfDay(Jurisdiction.JP.zone()).toInstant();
        receiptRecords.put(receiptId, deadlineManager.schedule(due, RECEIPT_RECORD_DUE, new ReceiptRecordDue(receiptId)));
    }

    @DeadlineHandler(deadlineName = RECEIPT_RECORD_DUE)
    void on(ReceiptRecordDue due) {
        SagaCommands.send(commandGateway, new ShredReceiptRecordCommand(subjectId, due.receiptId(), reference()));
    }

    @SagaEventHandler(associationProperty = "subjectId")
    void on(ReceiptRecordShreddedEvent event) {
        receiptRecords.remove(event.receiptId());
        endWhenNothingIsLeft();
    }

    private void shredPeriod(String period) {
        SagaCommands.send(commandGateway, new ShredUsagePeriodCommand(subjectId, period,
                usagePeriodReference(subjectId.toString(), period)));
    }

    /** What a usage period's shredding by the rolling retention names as its ground in the evidence. */
    static String usagePeriodReference(String subject, String period) {
        return REFERENCE_PREFIX + subject + PERIOD_REFERENCE + period;
    }

    @SagaEventHandler(associationProperty = "subjectId")
    void on(PersonalDataShreddedEvent event) {
        shredded.add(event.retentionClass());
        endWhenNothingIsLeft();
    }

    /**
     * Every class shredded, and no receipt record still kept apart from them. A process started by a
     * receipt alone (the subject's own had ended) ends with its receipts.
     */
    private void endWhenNothingIsLeft() {
        boolean classesDone = jurisdiction == null || shredded.containsAll(EnumSet.allOf(RetentionClass.class));
        if (classesDone && receiptRecords.isEmpty()) {
            SagaLifecycle.end();
        }
    }

    private void shred(Set<RetentionClass> classes) {
        SagaCommands.send(commandGateway, new ShredPersonalDataCommand(subjectId, classes, RetentionPolicy.reason(jurisdiction), reference()));
    }

    private String reference() {
        return REFERENCE_PREFIX + subjectId;
    }
}
