package io.lethe.command;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;

/**
 * Which of many aggregates' streams exist, in one question, where the event store can answer it: a
 * sender of many commands that may begin their streams (an import's batch) sends those that do as
 * {@link io.lethe.core.refusal.BeginsItsStream} commands, which are not loaded first.
 */
public interface KnownStreams {

    /** The ids among {@code aggregateIds} whose streams exist; empty where the store cannot tell in one question. */
    Optional<Set<String>> existingAmong(Collection<String> aggregateIds);
}
