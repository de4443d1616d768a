package io.lethe.platform.crypto;

import io.lethe.core.personaldata.UsagePeriods;
import io.lethe.core.subject.RecordLostShreddingCommand;
import io.lethe.core.subject.ShreddingReason;
import io.lethe.core.subject.SubjectId;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Closes the one gap between the key vault and the events that a single transaction cannot: with
 * Axon Server, a shredding's keys and ledger entry commit in the database first and its event is
 * stored after. Should the event store fail in between, the key is gone and no event says so. Every
 * ledger entry not known to be recorded by an event a minute after it was made is handed to its
 * subject ({@link RecordLostShreddingCommand}), which records the shredding if — and only if — its
 * history lacks it; then the entry is marked recorded. Where the events live in the ledger's own
 * database every entry is recorded when it is written, and this finds nothing.
 *
 * <p>It runs on every node; the subject decides once, so two nodes finding the same entry record it
 * once.
 */
@Component
class LedgerReconciliation {

    private static final Logger log = LoggerFactory.getLogger(LedgerReconciliation.class);
    /** Longer than a command takes from the vault's commit to its events' append. */
    static final Duration SETTLED = Duration.ofMinutes(1);
    private static final int BATCH = 500;

    private final ShredLedger ledger;
    private final CommandGateway commands;

    LedgerReconciliation(ShredLedger ledger, CommandGateway commands) {
        this.ledger = ledger;
        this.commands = commands;
    }

    @Scheduled(fixedDelayString = "${lethe.crypto.ledger-reconciliation-interval:PT1M}",
            initialDelayString = "${lethe.crypto.ledger-reconciliation-interval:PT1M}")
    void reconcileNow() {
        try {
            reconcile(Instant.now().minus(SETTLED));
        } catch (RuntimeException e) {
            log.warn("Reconciling the shred ledger with the events failed ({}); it is tried again", e.getClass().getSimpleName());
        }
    }

    /**
     * Completes the record of every unrecorded shredding made before {@code before}; answers how many it
     * recorded. One that cannot be recorded now is left for the next run; the others go on.
     */
    int reconcile(Instant before) {
        int handled = 0;
        int failed = 0;
        List<ShredLedger.Unrecorded> batch;
        do {
            batch = ledger.unrecorded(before, BATCH, failed);
            for (ShredLedger.Unrecorded entry : batch) {
                try {
                    commands.send(command(entry)).orTimeout(30, TimeUnit.SECONDS).join();
                    ledger.markRecorded(entry.holder(), EnumSet.of(entry.retentionClass()));
                    handled++;
                } catch (RuntimeException e) {
                    failed++;
                    log.warn("A shredding without its event could not be recorded now ({}); it is tried again",
                            e.getClass().getSimpleName());
                }
            }
        } while (batch.size() == BATCH);
        if (handled > 0) {
            log.warn("{} shreddings had destroyed their keys without a stored event (the event store failed after the "
                    + "vault committed); their events are recorded now", handled);
        }
        return handled;
    }

    private static RecordLostShreddingCommand command(ShredLedger.Unrecorded entry) {
        String holder = entry.holder();
        SubjectId subject = SubjectId.of(UsagePeriods.subjectOf(holder));
        String scope = UsagePeriods.scopeOf(holder);
        ShreddingReason reason = entry.reason() == null ? ShreddingReason.ERASURE_REQUEST : ShreddingReason.valueOf(entry.reason());
        boolean record = UsagePeriods.isRecordHolder(holder);
        return new RecordLostShreddingCommand(subject, entry.retentionClass(), scope != null && !record ? scope : null,
                record ? scope : null, reason, entry.reference());
    }
}
