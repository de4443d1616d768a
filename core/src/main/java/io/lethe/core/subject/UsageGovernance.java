package io.lethe.core.subject;

import io.lethe.core.personaldata.RetentionClass;

import java.util.Optional;
import java.util.Set;

/**
 * What a subject decides about its usage data (activity and inferences), published by the subject
 * in the transaction of every command that changes it, and read where the usage data is filed: in
 * the usage period's own aggregate, which holds no lock on the subject. Reading it with
 * {@link #locked} holds off a change of it until the reader's transaction ends, and a change waits for
 * the readers under way and holds off new ones ({@link #lockForChange}), so no usage data is filed
 * after a restriction, an objection or an erasure is recorded (ADR 0019).
 */
public interface UsageGovernance {

    /**
     * @param terminated       the account is terminated: no usage data is collected
     * @param erased           the classes whose keys are destroyed
     * @param restricted       a restriction or cessation of processing is in force
     * @param objected         an objection to processing (profiling) is in force
     * @param sensitiveLimited a limit on the use of sensitive information is in force
     * @param periods          the usage periods the subject has opened and not yet shredded
     */
    record State(boolean terminated, Set<RetentionClass> erased, boolean restricted, boolean objected,
                 boolean sensitiveLimited, Set<String> periods) {

        public State {
            erased = Set.copyOf(erased);
            periods = Set.copyOf(periods);
        }

        /** Refuses collection altogether: a terminated account, erased usage data, restricted processing. */
        public void requireCollectable() {
            if (terminated) {
                throw SubjectRefusals.accountTerminated();
            }
            if (erased.contains(RetentionClass.USAGE)) {
                throw SubjectRefusals.personalDataErased(RetentionClass.USAGE);
            }
            if (restricted) {
                throw SubjectRefusals.processingRestricted();
            }
        }
    }

    /**
     * Holds off every filing of the subject's usage data until the caller's transaction ends, and waits
     * for those under way: taken by each of the subject's commands before it decides, so a subject's
     * command and a filing always take the word before anything else they lock (keys, rows, periods).
     */
    void lockForChange(SubjectId subjectId);

    /** Publishes the subject's state, in the caller's transaction. */
    void publish(SubjectId subjectId, State state);

    /**
     * Publishes the state of a subject that is beginning, in the caller's transaction, unless one is
     * published already: a command that begins a stream without reading it (a registration) must not
     * overwrite an existing subject's word when its events are refused after the database committed
     * (with Axon Server the database commits first, ADR 0012).
     */
    default void publishIfAbsent(SubjectId subjectId, State state) {
        if (current(subjectId).isEmpty()) {
            publish(subjectId, state);
        }
    }

    /**
     * Publishes the subject's state where it differs from what is published (or nothing is), in the
     * caller's transaction: compared with what is published, not with what the command began with, so a
     * word left stale (a command whose events were lost after the database committed) heals.
     */
    default void publishIfChanged(SubjectId subjectId, State state) {
        if (!current(subjectId).map(state::equals).orElse(false)) {
            publish(subjectId, state);
        }
    }

    /** The state as last published; empty when the subject never published one. */
    Optional<State> current(SubjectId subjectId);

    /** The state as last published, held against changes until the caller's transaction ends. */
    Optional<State> locked(SubjectId subjectId);
}
