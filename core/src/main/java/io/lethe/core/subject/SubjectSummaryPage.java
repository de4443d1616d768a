package io.lethe.core.subject;

import java.util.List;

/** One page of {@link SubjectSummary}s with the total across all pages. */
public record SubjectSummaryPage(List<SubjectSummary> items, int page, int size, long totalItems) {
}
