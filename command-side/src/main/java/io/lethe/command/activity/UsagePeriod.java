package io.lethe.command.activity;

import io.lethe.core.activity.ActivityRecordedEvent;
import io.lethe.core.activity.ActivityRefusals;
import io.lethe.core.activity.InferenceRecordedEvent;
import io.lethe.core.activity.PieceDigests;
import io.lethe.core.activity.RecordPeriodActivityCommand;
import io.lethe.core.activity.RecordPeriodInferenceCommand;
import io.lethe.core.activity.UsageActivity;
import io.lethe.core.personaldata.UsagePeriods;
import io.lethe.core.subject.SubjectId;
import io.lethe.core.subject.SubjectRefusals;
import io.lethe.core.subject.UsageGovernance;
import io.lethe.command.CachedCommandTargetResolver;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;
import com.fasterxml.jackson.annotation.JsonAutoDetect;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One subject's usage data of one usage period (categories D and F: network activity and
 * inferences), with a stream, a lock and a key of its own: a product service's activity is filed
 * here without loading, or waiting for, the subject, and the stream ends with its period. It is
 * named as the key vault names the period's key, {@code subject/period}.
 *
 * <p>What may be collected is still the subject's decision. The subject opens the period
 * ({@code OpenUsagePeriodCommand}) before its first data, and publishes what governs its usage data in
 * the transaction of every change ({@link UsageGovernance}); each command here reads that with a
 * share lock, so a restriction, an objection, a termination or an erasure recorded by the subject
 * waits for a filing in progress, and every filing after it is refused (ADR 0019). The period's
 * rolling retention, its legal holds and its evidence stay with the subject, which destroys the
 * period's key.
 *
 * <p>It keeps only what its decisions need: the digests of the pieces' identifiers, and the
 * inferences' ids. Activity is sourced from its metadata alone, so loading a period never reads its
 * pieces; and since none of that is personal data, a snapshot of it is plain (taken every
 * {@code lethe.snapshots.usage-period-every} events, 250 by default; a snapshot of an earlier
 * {@link Revision} is ignored).
 */
@Aggregate(commandTargetResolver = CachedCommandTargetResolver.BEAN_NAME,
        snapshotTriggerDefinition = UsagePeriod.SNAPSHOTS)
@Revision("1")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
class UsagePeriod {

    /** The trigger of a period's snapshots: a product service that reports every minute files 43,200 events a month. */
    static final String SNAPSHOTS = "usagePeriodSnapshots";

    @AggregateIdentifier
    private String usagePeriod;
    private final Set<Long> pieceDigests = new HashSet<>();
    private final Set<UUID> inferences = new HashSet<>();

    UsagePeriod() {
        // for Axon: created empty, then sourced from events or handed a creation command
    }

    /**
     * Records the pieces not recorded before (by their {@code pieceId}); answers how many were. The
     * pieces are one sealed value in one event, under the period's key.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    int handle(RecordPeriodActivityCommand command, UsageGovernance governance, UsagePeriods periods) {
        requireFilable(command.usagePeriod(), command.subjectId(), command.period(), governance, periods);
        List<UsageActivity> pieces = new ArrayList<>();
        List<Long> digests = new ArrayList<>();
        for (UsageActivity piece : command.activities()) {
            if (piece.pieceId() != null) {
                // a piece the service identified is recorded once, however often it is sent
                long digest = PieceDigests.of(piece.pieceId());
                if (pieceDigests.contains(digest) || digests.contains(digest)) {
                    continue;
                }
                digests.add(digest);
            }
            pieces.add(piece);
        }
        if (pieces.isEmpty()) {
            return 0;
        }
        MetaData metaData = MetaData.with(ActivityRecordedEvent.PIECES, pieces.size())
                .and(ActivityRecordedEvent.PERIOD, command.period());
        if (!digests.isEmpty()) {
            metaData = metaData.and(ActivityRecordedEvent.PIECE_DIGESTS, PieceDigests.join(digests));
        }
        apply(new ActivityRecordedEvent(command.subjectId(), command.period(), pieces.size(), List.copyOf(pieces)), metaData);
        return pieces.size();
    }

    /**
     * Records an inference. Profiling is processing: an objection (GDPR Art. 21) refuses it as a
     * restriction does, and a limit on sensitive use (CPRA 1798.121) refuses one about a sensitive
     * characteristic.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RecordPeriodInferenceCommand command, UsageGovernance governance, UsagePeriods periods) {
        UsageGovernance.State state = requireFilable(command.usagePeriod(), command.subjectId(), command.period(),
                governance, periods);
        if (state.objected()) {
            throw SubjectRefusals.objectedTo();
        }
        if (command.sensitive() && state.sensitiveLimited()) {
            throw SubjectRefusals.sensitiveUseLimited();
        }
        if (inferences.contains(command.inferenceId())) {
            throw ActivityRefusals.inferenceAlreadyRecorded();
        }
        apply(new InferenceRecordedEvent(command.subjectId(), command.period(), command.inferenceId(),
                command.characteristic(), command.value(), EnumSet.copyOf(command.drawnFrom()),
                command.sources() == null ? List.of() : List.copyOf(command.sources()), command.inferredBy(),
                command.sensitive()));
    }

    /** The subject's word on its usage data, held until this command's transaction ends. */
    private UsageGovernance.State requireFilable(String id, SubjectId subjectId, String period,
                                                 UsageGovernance governance, UsagePeriods periods) {
        if (!UsagePeriods.keyHolder(subjectId.toString(), period).equals(id)) {
            throw new IllegalArgumentException("a usage period is named by its subject and period");
        }
        if (usagePeriod == null) {
            usagePeriod = id;
        }
        UsageGovernance.State state = governance.locked(subjectId).orElseThrow(SubjectRefusals::notFound);
        state.requireCollectable();
        if (!state.periods().contains(period) || !periods.keptAt(period, org.axonframework.eventhandling.GenericEventMessage.clock.instant())) {
            throw ActivityRefusals.pastRollingRetention(periods.keptFor());
        }
        return state;
    }

    /** Sourced from the metadata alone: the pieces are never opened, nor even read, to load the period. */
    @EventSourcingHandler(payloadType = ActivityRecordedEvent.class)
    void onActivity(@MetaDataValue(ActivityRecordedEvent.PIECE_DIGESTS) String digests,
                    org.axonframework.eventhandling.DomainEventMessage<?> message) {
        usagePeriod = message.getAggregateIdentifier();
        if (digests != null) {
            pieceDigests.addAll(PieceDigests.parse(digests));
        }
    }

    @EventSourcingHandler
    void on(InferenceRecordedEvent event, org.axonframework.eventhandling.DomainEventMessage<?> message) {
        usagePeriod = message.getAggregateIdentifier();
        inferences.add(event.inferenceId());
    }
}
