package io.lethe.core.subject;

/** Asks for the evidence record of what became of a subject's data after termination. */
public record FindDeletionEvidenceQuery(SubjectId subjectId) {
}
