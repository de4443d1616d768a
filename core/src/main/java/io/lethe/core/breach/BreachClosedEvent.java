package io.lethe.core.breach;

import org.axonframework.serialization.Revision;

/** The breach was closed with every duty met or lifted. */
@Revision("1")
public record BreachClosedEvent(BreachId breachId, String reference) {
}
