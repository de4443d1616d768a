package io.lethe.query.audit;

import jakarta.annotation.Nullable;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What Lethe held about one subject at a moment: the latest value of every field recorded up to
 * then (as readable today — shredded fields show their redaction value), and what happened.
 */
record SubjectAsOf(String subjectId, Instant asOf, boolean existed, Map<String, Object> held, List<String> socialLogins,
                   int purchases, List<String> erasedClasses, @Nullable String status, int eventsConsidered) {
}
