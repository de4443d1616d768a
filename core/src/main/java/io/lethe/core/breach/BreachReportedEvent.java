package io.lethe.core.breach;

import org.axonframework.serialization.Revision;
import io.lethe.core.subject.SubjectId;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** A breach was reported, with the duties its facts give rise to. */
@Revision("1")
public record BreachReportedEvent(BreachId breachId, Instant awareAt, BreachFacts facts, String summaryReference,
                                  Set<SubjectId> affectedSubjects, List<NotificationDuty> duties) {
}
