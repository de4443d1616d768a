package io.lethe.core.breach;

import org.axonframework.serialization.Revision;

import java.util.List;

/** The risk was assessed; duties were added (high risk) or lifted (unlikely to result in a risk). */
@Revision("1")
public record BreachAssessedEvent(BreachId breachId, BreachRisk risk, String assessmentReference,
                                  List<NotificationDuty> addedDuties, List<String> liftedDutyIds) {
}
