package io.lethe.core.breach;

import org.axonframework.serialization.Revision;

/** A duty's deadline moved because another notification was sent (California: the AG sample follows the residents'). */
@Revision("1")
public record BreachDutyRescheduledEvent(BreachId breachId, NotificationDuty duty) {
}
