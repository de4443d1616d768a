package io.lethe.command.subject;

import io.lethe.core.personaldata.RetentionClass;
import io.lethe.core.request.ErasureCertificate;
import io.lethe.core.request.RequestId;
import io.lethe.core.subject.RetentionExceptions;
import io.lethe.core.subject.ShreddingReason;
import io.lethe.core.subject.ShreddingWithheldEvent;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The shreddings a legal hold kept back, remembered on the subject until they can be done: each
 * withheld class with the grounds it was asked on (a staff decision, an erasure request, a retention
 * deadline, an underage finding), each usage period the rolling retention could not shred, each
 * receipt record whose keeping period ended, and each
 * erasure request whose certificate names classes still kept. When no hold keeps a class any more,
 * it is shredded on the first of its grounds that still stands — a retention deadline does not stand
 * while a Taiwan retention exception keeps the class; every other ground does — and every
 * certificate that listed it as kept is reissued.
 */
@com.fasterxml.jackson.annotation.JsonAutoDetect(fieldVisibility = com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.ANY,
        getterVisibility = com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.NONE)
final class WithheldShreddings {

    /** Why, and under which request or process, a shredding was asked. */
    record Ground(ShreddingReason reason, String reference) {
    }

    private final Map<RetentionClass, List<Ground>> classes = new EnumMap<>(RetentionClass.class);
    /** Usage periods the rolling retention could not shred, with the reference of the process that asked. */
    private final Map<String, String> periods = new TreeMap<>();
    /** Receipt records whose keeping period ended while a hold kept them, with the reference of the process that asked. */
    private final Map<String, String> receiptRecords = new TreeMap<>();
    /** Fulfilled erasure requests whose certificate still names kept classes. */
    private final Map<RequestId, ErasureCertificate> certificates = new LinkedHashMap<>();
    /** Taiwan retention exceptions, by the review date until which each keeps its class ({@link RetentionExceptions}). */
    private final Map<RetentionClass, LocalDate> exceptedUntil = new EnumMap<>(RetentionClass.class);

    void withheld(ShreddingWithheldEvent event) {
        if (event.usagePeriod() != null) {
            periods.put(event.usagePeriod(), event.reference());
            return;
        }
        if (event.receiptRecord() != null) {
            receiptRecords.put(event.receiptRecord(), event.reference());
            return;
        }
        Ground ground = new Ground(event.reason(), event.reference());
        for (RetentionClass retentionClass : event.retentionClasses()) {
            List<Ground> grounds = classes.computeIfAbsent(retentionClass, key -> new ArrayList<>());
            if (!grounds.contains(ground)) {
                grounds.add(ground);
            }
        }
    }

    void shredded(RetentionClass retentionClass) {
        classes.remove(retentionClass);
        if (retentionClass == RetentionClass.USAGE) {
            periods.clear();
        }
    }

    void periodShredded(String period) {
        periods.remove(period);
    }

    void receiptRecordShredded(String receiptId) {
        receiptRecords.remove(receiptId);
    }

    void certified(RequestId requestId, ErasureCertificate certificate) {
        if (certificate == null || certificate.withheldClasses().isEmpty()) {
            certificates.remove(requestId);
        } else {
            certificates.put(requestId, certificate);
        }
    }

    void exceptionRecorded(Set<RetentionClass> retentionClasses, LocalDate reviewBy) {
        retentionClasses.forEach(retentionClass -> exceptedUntil.put(retentionClass, reviewBy));
    }

    /**
     * The classes that may be shredded now, grouped by the ground they are shredded on: every
     * withheld class that {@code kept} no longer keeps, on its first ground that still stands.
     */
    Map<Ground, Set<RetentionClass>> due(Predicate<RetentionClass> kept, Instant now) {
        Map<Ground, Set<RetentionClass>> due = new LinkedHashMap<>();
        classes.forEach((retentionClass, grounds) -> {
            if (kept.test(retentionClass)) {
                return;
            }
            grounds.stream().filter(ground -> stands(ground, retentionClass, now)).findFirst().ifPresent(ground ->
                    due.computeIfAbsent(ground, key -> EnumSet.noneOf(RetentionClass.class)).add(retentionClass));
        });
        return due;
    }

    /** The usage periods withheld, with the reference of the process that asked. */
    Map<String, String> periods() {
        return Map.copyOf(periods);
    }

    /** The receipt records withheld, with the reference of the process that asked. */
    Map<String, String> receiptRecords() {
        return Map.copyOf(receiptRecords);
    }

    /**
     * The certificates to reissue now that {@code shredded} are destroyed: each names as erased the
     * classes it had kept and that are gone now, and as kept only what still is, with the holds
     * ({@code holdsOn}) that keep it.
     */
    Map<RequestId, ErasureCertificate> reissued(Set<RetentionClass> shredded,
                                                java.util.function.Function<RetentionClass, List<String>> holdsOn,
                                                Instant now) {
        Map<RequestId, ErasureCertificate> reissued = new LinkedHashMap<>();
        certificates.forEach((requestId, certificate) -> {
            Set<RetentionClass> nowErased = EnumSet.noneOf(RetentionClass.class);
            certificate.withheldClasses().stream().filter(shredded::contains).forEach(nowErased::add);
            if (nowErased.isEmpty()) {
                return;
            }
            Set<RetentionClass> erased = EnumSet.noneOf(RetentionClass.class);
            erased.addAll(certificate.erasedClasses());
            erased.addAll(nowErased);
            Set<RetentionClass> stillKept = EnumSet.noneOf(RetentionClass.class);
            certificate.withheldClasses().stream().filter(retentionClass -> !shredded.contains(retentionClass))
                    .forEach(stillKept::add);
            List<String> keptBy = new ArrayList<>();
            stillKept.forEach(retentionClass -> holdsOn.apply(retentionClass).stream()
                    .filter(hold -> !keptBy.contains(hold)).forEach(keptBy::add));
            reissued.put(requestId, new ErasureCertificate(certificate.method(), erased, stillKept, keptBy,
                    certificate.processorsConfirmed(), now));
        });
        return reissued;
    }

    private boolean stands(Ground ground, RetentionClass retentionClass, Instant now) {
        if (ground.reason() != ShreddingReason.RETENTION_EXPIRED && ground.reason() != ShreddingReason.TERMINATION_DELETION) {
            return true;
        }
        LocalDate reviewBy = exceptedUntil.get(retentionClass);
        return reviewBy == null || !now.isBefore(RetentionExceptions.lapsesAt(reviewBy));
    }
}
