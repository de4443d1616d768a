package io.lethe.core.subject;

import io.lethe.core.jurisdiction.Jurisdiction;
import io.lethe.core.validation.InvalidValueException;

/**
 * Asks for a page of subject summaries, newest registration first, optionally narrowed to one
 * jurisdiction and one status ({@code null} means any).
 */
public record FindSubjectSummariesQuery(int page, int size, Jurisdiction jurisdiction, SubjectStatus status) {

    public static final int MAX_SIZE = 200;

    public FindSubjectSummariesQuery {
        if (page < 0) {
            throw new InvalidValueException("page must be 0 or more");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new InvalidValueException("size must be between 1 and " + MAX_SIZE);
        }
    }
}
