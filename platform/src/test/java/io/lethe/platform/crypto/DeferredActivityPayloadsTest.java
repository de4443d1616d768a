package io.lethe.platform.crypto;

import io.lethe.core.activity.ActivityKind;
import io.lethe.core.activity.ActivityRecordedEvent;
import io.lethe.core.activity.RecordActivityCommand;
import io.lethe.core.activity.UsageActivity;
import io.lethe.core.jurisdiction.Jurisdiction;
import io.lethe.core.subject.RegisterAccountCommand;
import io.lethe.core.subject.SubjectId;
import io.lethe.platform.PlatformTest;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A usage period's stream (and a subject's, in histories written before the periods had their own)
 * is read without its activity payloads, which are fetched a few dozen at a time
 * when first wanted. Whichever way a reader walks the stream, and however many fetches that takes,
 * each event must open to its own payload.
 */
@PlatformTest
class DeferredActivityPayloadsTest {

    /** More than two fetches' worth of activity events. */
    static final int EVENTS = 2 * KeyPreloadingEventStorageEngine.FETCHED_TOGETHER + 7;

    @Autowired
    CommandGateway commands;
    @Autowired
    EventStore eventStore;
    @Autowired
    io.lethe.command.activity.UsageRecording usage;

    @Test
    @DisplayName("Activity payloads read newest first, oldest first and from the middle each open to their own event")
    void eachDeferredPayloadOpensToItsOwnEventWhicheverWayTheStreamIsWalked() {
        SubjectId subject = subjectWithActivity();

        List<DomainEventMessage<?>> newestFirst = activity(subject);
        for (int i = newestFirst.size() - 1; i >= 0; i--) {
            assertThat(target(newestFirst.get(i))).isEqualTo("event-" + i);
        }
        List<DomainEventMessage<?>> oldestFirst = activity(subject);
        for (int i = 0; i < oldestFirst.size(); i++) {
            assertThat(target(oldestFirst.get(i))).isEqualTo("event-" + i);
        }
        List<DomainEventMessage<?>> fromTheMiddle = activity(subject);
        int middle = EVENTS / 2;
        for (int step = 0; step < EVENTS; step++) {
            int i = step % 2 == 0 ? middle + step / 2 : middle - step / 2 - 1;
            assertThat(target(fromTheMiddle.get(i))).isEqualTo("event-" + i);
        }
    }

    private SubjectId subjectWithActivity() {
        SubjectId subject = SubjectId.random();
        commands.sendAndWait(new RegisterAccountCommand(subject, Jurisdiction.US_CA, "Rowan Deferred",
                LocalDate.of(1985, 3, 3), null, "rowan.deferred@example.com", null, null));
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(EVENTS);
        for (int i = 0; i < EVENTS; i++) {
            usage.record(new RecordActivityCommand(subject, List.of(new UsageActivity(start.plusSeconds(i),
                    ActivityKind.APPLICATION, "viewed", "event-" + i, null, null))));
        }
        return subject;
    }

    /** The subject's activity events, read afresh, none opened yet. */
    private List<DomainEventMessage<?>> activity(SubjectId subject) {
        List<DomainEventMessage<?>> events = new ArrayList<>();
        io.lethe.query.SubjectStreams.read(eventStore, subject).stream()
                .filter(event -> event.getPayloadType() == ActivityRecordedEvent.class)
                .forEach(events::add);
        assertThat(events).hasSize(EVENTS);
        return events;
    }

    private static String target(DomainEventMessage<?> event) {
        return ((ActivityRecordedEvent) event.getPayload()).activities().get(0).target();
    }
}
