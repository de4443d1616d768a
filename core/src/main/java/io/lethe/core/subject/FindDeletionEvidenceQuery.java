package io.lethe.core.subject;

/**
 * Asks for the evidence record of what became of a subject's data after termination, with page
 * {@code page} of its usage periods ({@link DeletionEvidence#PERIODS_PER_PAGE} a page).
 */
public record FindDeletionEvidenceQuery(SubjectId subjectId, int page) {

    public FindDeletionEvidenceQuery {
        if (page < 0) {
            throw new IllegalArgumentException("a page is 0 or more");
        }
    }

    /** The record with its first page of usage periods. */
    public FindDeletionEvidenceQuery(SubjectId subjectId) {
        this(subjectId, 0);
    }
}
