package io.lethe.core.breach;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A duty's deadline passed unsent: escalated. */
@Revision("1")
public record BreachDutyOverdueEvent(BreachId breachId, String dutyId, DutyKind kind, Instant dueAt) {
}
