package io.lethe.core.breach;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/** The facts were clarified; the duties that run from clarification have their deadline now. */
@Revision("1")
public record BreachFactsClarifiedEvent(BreachId breachId, Instant clarifiedAt, List<NotificationDuty> scheduledDuties) {
}
