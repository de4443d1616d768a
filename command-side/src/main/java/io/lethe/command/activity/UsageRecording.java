package io.lethe.command.activity;

import io.lethe.core.activity.ActivityRefusals;
import io.lethe.core.activity.OpenUsagePeriodCommand;
import io.lethe.core.activity.RecordActivityCommand;
import io.lethe.core.activity.RecordInferenceCommand;
import io.lethe.core.activity.RecordPeriodActivityCommand;
import io.lethe.core.activity.RecordPeriodInferenceCommand;
import io.lethe.core.activity.UsageActivity;
import io.lethe.core.personaldata.UsagePeriods;
import io.lethe.core.subject.PublishUsageGovernanceCommand;
import io.lethe.core.subject.SubjectId;
import io.lethe.core.subject.SubjectRefusals;
import io.lethe.core.subject.UsageGovernance;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import io.lethe.command.ApiCommands;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.messaging.interceptors.JSR303ViolationException;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Files a subject's usage data with the usage periods it belongs to: the pieces of a
 * {@link RecordActivityCommand} by the period each happened in, an inference in the period it is
 * drawn in. For each period the subject has not opened yet, the subject is asked to open it first
 * ({@link OpenUsagePeriodCommand}: once a period, the only time a product service's activity waits for
 * the subject); then each period's pieces go to that period's aggregate ({@code UsagePeriod}), which
 * checks what the subject published about its usage data ({@link UsageGovernance}) under a share lock.
 * Opening is a command of its own that commits before any period is touched, so no call holds the
 * subject's lock (or its published word, which a subject's command rewrites) while it waits for a
 * period: a subject's command takes the subject's lock and then the word, a filing the word and then
 * its periods' locks, in order, and neither ever the other's.
 *
 * <p>It runs where the call arrives, not in a command handler: a handler that sent these commands
 * and waited for them would hold one of the command bus's threads while they need another, and enough
 * concurrent batches would leave none. Everything one call files commits together where the commands
 * run in this process (the period commands join one transaction, each under a savepoint); over a
 * distributed bus (Axon Server) each period's command commits on its own, this call holds no
 * transaction while it waits for them, and a retry after a partial failure records again only
 * the pieces without a {@code pieceId} (the others are recognised).
 */
@Component
public class UsageRecording {

    /** How far ahead of this node's clock a product service's timestamp may be. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private final ApiCommands commands;
    private final UsageGovernance governance;
    private final UsagePeriods periods;
    private final TransactionManager transactionManager;
    private final Validator validator;
    private final boolean localCommands;

    UsageRecording(ApiCommands commands, org.axonframework.commandhandling.CommandBus commandBus,
                   UsageGovernance governance, UsagePeriods periods, TransactionManager transactionManager,
                   Validator validator) {
        this.localCommands = commandBus instanceof org.axonframework.commandhandling.SimpleCommandBus;
        this.commands = commands;
        this.governance = governance;
        this.periods = periods;
        this.transactionManager = transactionManager;
        this.validator = validator;
    }

    /**
     * Records a subject's pieces, all or none: a piece from the future, or from a period the rolling
     * retention has shredded or is due to, refuses them all. A restriction or cessation of processing
     * stops collection (GDPR Art. 18, PDPA Art. 11, APPI Art. 35).
     *
     * @return how many pieces were recorded (those whose {@code pieceId} the period already had are not)
     */
    public int record(RecordActivityCommand command) {
        validate(command);
        UsageGovernance.State state = collectable(command.subjectId());
        Instant now = Instant.now();
        Map<String, List<UsageActivity>> byPeriod = new TreeMap<>();
        for (UsageActivity activity : command.activities()) {
            if (activity.occurredAt().isAfter(now.plus(CLOCK_SKEW))) {
                throw ActivityRefusals.activityInTheFuture();
            }
            byPeriod.computeIfAbsent(periods.periodOf(activity.occurredAt()), period -> new ArrayList<>()).add(activity);
        }
        open(command.subjectId(), state, byPeriod.keySet(), now);
        // the periods in order, so that two calls for one subject take their locks in the same order
        return inOneUnitOfWork(command, () -> {
            holdTheWord(command.subjectId());
            int recorded = 0;
            for (Map.Entry<String, List<UsageActivity>> period : byPeriod.entrySet()) {
                Integer stored = commands.sendAndWait(new RecordPeriodActivityCommand(
                        UsagePeriods.keyHolder(command.subjectId().toString(), period.getKey()), command.subjectId(),
                        period.getKey(), List.copyOf(period.getValue())));
                recorded += stored == null ? 0 : stored;
            }
            return recorded;
        });
    }

    /** Records an inference in the usage period it is drawn in (now). */
    public void record(RecordInferenceCommand command) {
        validate(command);
        Instant now = Instant.now();
        String period = periods.periodOf(now);
        open(command.subjectId(), collectable(command.subjectId()), Set.of(period), now);
        inOneUnitOfWork(command, () -> {
            holdTheWord(command.subjectId());
            commands.sendAndWait(new RecordPeriodInferenceCommand(
                    UsagePeriods.keyHolder(command.subjectId().toString(), period), command.subjectId(), period,
                    command.inferenceId(), command.characteristic(), command.value(), command.drawnFrom(),
                    command.sources(), command.inferredBy(), command.sensitive()));
            return null;
        });
    }

    /**
     * One unit of work, and one transaction, for the period commands of one call: each runs nested in
     * it (under a savepoint), and the periods' locks are let go only when it has committed, so no
     * other call reads a period while this one's events are not yet stored.
     */
    private <R> R inOneUnitOfWork(Object call, java.util.concurrent.Callable<R> work) {
        if (!localCommands) {
            // the commands run elsewhere, each in its own transaction: holding one here would only hold a
            // connection of this node's pool for as long as they take
            try {
                return work.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(new GenericMessage<>(call));
        unitOfWork.attachTransaction(transactionManager);
        ResultMessage<R> result = unitOfWork.executeWithResult(work);
        if (result.isExceptional()) {
            Throwable failure = result.exceptionResult();
            throw failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
        }
        return result.getPayload();
    }

    /**
     * What the subject published about its usage data, refused early where it refuses collection (the
     * period's aggregate checks again, under a share lock, when it files). A subject whose history
     * began before publishes it now; an unknown subject is refused.
     */
    private UsageGovernance.State collectable(SubjectId subjectId) {
        UsageGovernance.State state = governance.current(subjectId).orElse(null);
        if (state == null) {
            commands.sendAndWait(new PublishUsageGovernanceCommand(subjectId));
            state = governance.current(subjectId).orElseThrow(SubjectRefusals::notFound);
        }
        state.requireCollectable();
        return state;
    }

    /**
     * Every period must still be kept; the subject opens those it has not (once a period), each opening
     * a command of its own that commits before any period's lock is taken.
     */
    private void open(SubjectId subjectId, UsageGovernance.State state, Set<String> needed, Instant now) {
        for (String period : needed) {
            if (!periods.keptAt(period, now)) {
                throw ActivityRefusals.pastRollingRetention(periods.keptFor());
            }
        }
        for (String period : needed) {
            if (!state.periods().contains(period)) {
                commands.sendAndWait(new OpenUsagePeriodCommand(subjectId, period));
            }
        }
    }

    /**
     * Where the period commands run here, in this transaction, the subject's word is share-locked
     * before any period's lock is taken (each period then finds it held already), so a filing never
     * waits for the word while it holds a period another filing waits for. Over a distributed bus each
     * period command runs in a transaction of its own, takes the word itself and holds nothing else,
     * and this call must not hold the word while it waits for them.
     */
    private void holdTheWord(SubjectId subjectId) {
        if (localCommands) {
            governance.locked(subjectId).orElseThrow(SubjectRefusals::notFound).requireCollectable();
        }
    }

    private void validate(Object command) {
        Set<ConstraintViolation<Object>> violations = validator.validate(command);
        if (!violations.isEmpty()) {
            throw new JSR303ViolationException(violations);
        }
    }
}
