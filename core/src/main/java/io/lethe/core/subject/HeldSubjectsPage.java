package io.lethe.core.subject;

import java.util.List;

/**
 * A page of {@link FindHeldSubjectsQuery}: empty and not {@code current} while the subject summaries
 * have yet to reach the asked position; a page shorter than asked is the last.
 */
public record HeldSubjectsPage(boolean current, List<HeldSubject> subjects) {

    public HeldSubjectsPage {
        subjects = List.copyOf(subjects);
    }
}
