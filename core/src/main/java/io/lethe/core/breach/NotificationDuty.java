package io.lethe.core.breach;

import java.time.Instant;

/**
 * One notification the law asks for: to whom, by when, and why. {@code dueAt} is null while the
 * deadline cannot be known yet (Taiwan: it runs from the clarification of the facts).
 */
public record NotificationDuty(String dutyId, DutyKind kind, Instant dueAt) {
}
