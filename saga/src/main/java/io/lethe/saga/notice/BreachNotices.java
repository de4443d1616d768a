package io.lethe.saga.notice;

import io.lethe.core.breach.BreachMailingIssuedEvent;
import io.lethe.core.breach.BreachReportedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * Keeps the subjects each breach report names and, when staff have the platform mail them under an
 * individuals' duty, queues one notice per subject (ADR 0026). A redelivered or replayed event queues
 * nothing twice; the breach notice delivery sends them.
 */
@Component
@ProcessingGroup(BreachNotices.PROCESSING_GROUP)
class BreachNotices {

    static final String PROCESSING_GROUP = "breach-notices";

    private final BreachNoticeOutbox outbox;

    BreachNotices(BreachNoticeOutbox outbox) {
        this.outbox = outbox;
    }

    @EventHandler
    void on(BreachReportedEvent event) {
        if (event.affectedSubjects() != null && !event.affectedSubjects().isEmpty()) {
            outbox.remember(event.breachId(), event.affectedSubjects());
        }
    }

    @EventHandler
    void on(BreachMailingIssuedEvent event, @Timestamp Instant at) {
        outbox.issue(event, at);
    }
}
