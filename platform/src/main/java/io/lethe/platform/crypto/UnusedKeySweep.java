package io.lethe.platform.crypto;

import io.lethe.core.personaldata.UsagePeriods;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Now and then, the vault drops the keys of subjects whose registration never made it into the event
 * store (see {@link JdbcDataKeys#sweepUnusedKeys}); the event store, JDBC or Axon Server, says which.
 */
@Component
class UnusedKeySweep {

    /** Longer than any command is in flight. */
    static final Duration GRACE = Duration.ofHours(1);

    private final JdbcDataKeys keys;
    private final EventStore eventStore;

    UnusedKeySweep(JdbcDataKeys keys, EventStore eventStore) {
        this.keys = keys;
        this.eventStore = eventStore;
    }

    @Scheduled(fixedDelayString = "${lethe.crypto.unused-key-sweep-interval:10m}",
            initialDelayString = "${lethe.crypto.unused-key-sweep-interval:10m}")
    void sweepNow() {
        sweep();
    }

    int sweep() {
        return keys.sweepUnusedKeys(GRACE, holder -> eventStore.lastSequenceNumberFor(UsagePeriods.subjectOf(holder)).isPresent());
    }
}
