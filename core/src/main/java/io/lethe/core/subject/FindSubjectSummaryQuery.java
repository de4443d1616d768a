package io.lethe.core.subject;

/** Asks for one subject's {@link SubjectSummary}; the answer is empty when the subject is unknown. */
public record FindSubjectSummaryQuery(SubjectId subjectId) {
}
