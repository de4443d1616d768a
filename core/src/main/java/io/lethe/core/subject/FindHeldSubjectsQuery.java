package io.lethe.core.subject;

import io.lethe.core.validation.InvalidValueException;

import java.time.Instant;

/**
 * Asks for a page of the subjects registered at or before {@code registeredBy} whose profile is still
 * held (not shredded): newest registration first, then by subject id, starting after the last subject
 * of the previous page ({@code afterRegisteredAt}, {@code afterSubjectId}; both null for the first).
 * The population below the bound does not move, so the pages neither skip nor repeat anyone. With
 * {@code position} (a global event position, or null), the answer is {@link HeldSubjectsPage#current()
 * current} only once the subject summaries have handled every event up to it: before that, a
 * subject registered before the bound may still be missing.
 */
public record FindHeldSubjectsQuery(Instant registeredBy, Long position, Instant afterRegisteredAt,
                                    SubjectId afterSubjectId, int size) {

    public static final int MAX_SIZE = 1000;

    public FindHeldSubjectsQuery {
        if (registeredBy == null) {
            throw new InvalidValueException("registeredBy is required");
        }
        if ((afterRegisteredAt == null) != (afterSubjectId == null)) {
            throw new InvalidValueException("afterRegisteredAt and afterSubjectId come together");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new InvalidValueException("size must be between 1 and " + MAX_SIZE);
        }
    }
}
