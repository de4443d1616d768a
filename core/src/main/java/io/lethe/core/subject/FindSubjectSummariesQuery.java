package io.lethe.core.subject;

import io.lethe.core.jurisdiction.Jurisdiction;
import io.lethe.core.validation.InvalidValueException;

/**
 * Asks for a page of subject summaries in an order ({@code null}: newest registration first),
 * optionally narrowed to one jurisdiction and one status ({@code null} means any).
 */
public record FindSubjectSummariesQuery(int page, int size, Jurisdiction jurisdiction, SubjectStatus status, Order order) {

    public static final int MAX_SIZE = 200;

    /** The orders a page of summaries is read in; ties are broken by the subject's id. */
    public enum Order {
        /** Newest registration first (the default). */
        REGISTERED_DESC,
        /** Oldest registration first. */
        REGISTERED,
        /** Most recent activity first; subjects without any last. */
        LAST_ACTIVITY_DESC
    }

    /** Newest registration first. */
    public FindSubjectSummariesQuery(int page, int size, Jurisdiction jurisdiction, SubjectStatus status) {
        this(page, size, jurisdiction, status, null);
    }

    public FindSubjectSummariesQuery {
        if (page < 0) {
            throw new InvalidValueException("page must be 0 or more");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new InvalidValueException("size must be between 1 and " + MAX_SIZE);
        }
    }
}
