package io.lethe.core.breach;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A notification owed under a duty was sent. */
@Revision("1")
public record BreachNotificationSentEvent(BreachId breachId, String dutyId, DutyKind kind, Instant sentAt, String reference) {
}
