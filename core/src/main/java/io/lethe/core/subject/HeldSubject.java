package io.lethe.core.subject;

import java.time.Instant;

/** A subject in a {@link HeldSubjectsPage}, with when it registered: what the next page starts after. */
public record HeldSubject(SubjectId subjectId, Instant registeredAt) {
}
