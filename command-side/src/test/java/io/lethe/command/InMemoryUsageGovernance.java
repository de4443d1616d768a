package io.lethe.command;

import io.lethe.core.subject.SubjectId;
import io.lethe.core.subject.UsageGovernance;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** What subjects published about their usage data, in memory, for the fixtures. */
public final class InMemoryUsageGovernance implements UsageGovernance {

    private final Map<SubjectId, State> states = new HashMap<>();

    @Override
    public void lockForChange(SubjectId subjectId) {
        // one thread: nothing to hold off
    }

    @Override
    public void publish(SubjectId subjectId, State state) {
        states.put(subjectId, state);
    }

    @Override
    public Optional<State> current(SubjectId subjectId) {
        return Optional.ofNullable(states.get(subjectId));
    }

    @Override
    public Optional<State> locked(SubjectId subjectId) {
        return current(subjectId);
    }
}
