package io.lethe.core.breach;

import org.axonframework.serialization.Revision;

/**
 * Staff had the platform mail the people affected under an individuals' duty, in {@code language}
 * (the duty's law's), with {@code letter}. The notices themselves are recorded one by one
 * ({@link BreachNoticeSentEvent}), and the duty is met when the mailing is done.
 */
@Revision("1")
public record BreachMailingIssuedEvent(BreachId breachId, String dutyId, DutyKind kind, String language, BreachLetter letter) {
}
