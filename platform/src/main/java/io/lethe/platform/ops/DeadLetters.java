package io.lethe.platform.ops;

import io.lethe.core.validation.Lengths;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.annotation.Nullable;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The dead-letter queues of this node's processors, for operators: what is parked and why (by type,
 * never by value), a gauge per queue, a retry that runs by itself every
 * {@code lethe.dead-letters.retry-interval} and on demand, and eviction. A parked letter holds its
 * event sealed, like the event store, so a shredding erases it there as everywhere; and since the
 * read models keep personal data sealed too, a letter that holds back its subject's later events —
 * the shredding among them — holds back no erasure.
 */
@Component
class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final EventProcessingConfiguration processing;
    private final MeterRegistry meters;

    DeadLetters(EventProcessingConfiguration processing, MeterRegistry meters) {
        this.processing = processing;
        this.meters = meters;
    }

    /** One queue: how many subjects (sequences) are held back, and how many events in all. */
    record Queue(@Schema(maxLength = ProcessorController.NAME_LENGTH) String processingGroup, long sequences, long letters) {
    }

    /**
     * One parked event: what it was, when it was parked, why (types only), and how often it failed. Its
     * sequence is its aggregate's id (or its own id), kept in 255 ({@code dead_letter_entry}); its type
     * and cause are cut to what their descriptions state.
     */
    record Letter(@Schema(maxLength = SEQUENCE_LENGTH) String sequence, @Schema(maxLength = Texts.CLASS_NAME) String eventType,
                  @Schema(format = "uuid") String eventId, @Nullable Long aggregateSequence, Instant enqueuedAt,
                  @Nullable Instant lastTouched, @Nullable @Schema(maxLength = CAUSE_LENGTH) String cause, Object failures) {

        /** {@code dead_letter_entry.aggregate_identifier} and {@code sequence_identifier}. */
        static final int SEQUENCE_LENGTH = 255;
        /** The exception types and SQL state of a failure, as {@code dead_letter_entry.cause_message} keeps them. */
        static final int CAUSE_LENGTH = 1023;

        Letter {
            eventType = Lengths.atMost(eventType, Texts.CLASS_NAME);
            cause = Lengths.atMost(cause, CAUSE_LENGTH);
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    void registerGauges() {
        for (String group : groups().keySet()) {
            Gauge.builder("lethe.dead-letters.sequences", this, letters -> letters.queue(group)
                            .map(SequencedDeadLetterQueue::amountOfSequences).orElse(0L))
                    .strongReference(true)
                    .description("Subjects whose events a projection holds parked in its dead-letter queue")
                    .tag("processing_group", group)
                    .register(meters);
        }
    }

    Map<String, SequencedDeadLetterQueue<EventMessage<?>>> groups() {
        Map<String, SequencedDeadLetterQueue<EventMessage<?>>> queues = new TreeMap<>();
        for (String group : processing.eventProcessors().keySet()) {
            processing.deadLetterQueue(group).ifPresent(queue -> queues.put(group, queue));
        }
        return queues;
    }

    Optional<SequencedDeadLetterQueue<EventMessage<?>>> queue(String group) {
        return processing.deadLetterQueue(group);
    }

    Optional<SequencedDeadLetterProcessor<EventMessage<?>>> processorOf(String group) {
        return processing.sequencedDeadLetterProcessor(group);
    }

    List<Queue> queues() {
        List<Queue> queues = new ArrayList<>();
        groups().forEach((group, queue) -> queues.add(new Queue(group, queue.amountOfSequences(), queue.size())));
        return queues;
    }

    /** The most letters of one parked sequence an answer lists: the first, in order; the one that failed is the first. */
    static final int MAX_LETTERS = 100;

    /** A parked sequence: its first {@link #MAX_LETTERS} letters in order, and how many it holds. */
    record Parked(List<Letter> letters, long total) {
    }

    /** Up to {@code limit} parked sequences of a queue, each with its first letters in order. */
    List<Parked> letters(SequencedDeadLetterQueue<EventMessage<?>> queue, int limit) {
        List<Parked> sequences = new ArrayList<>();
        for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue.deadLetters()) {
            if (sequences.size() == limit) {
                break;
            }
            List<Letter> letters = new ArrayList<>();
            long total = 0;
            for (DeadLetter<? extends EventMessage<?>> letter : sequence) {
                if (total++ < MAX_LETTERS) {
                    letters.add(letter(letter));
                }
            }
            sequences.add(new Parked(letters, total));
        }
        return sequences;
    }

    /**
     * Offers every parked sequence of the group to its handlers again, each once, in order. A letter
     * that fails again stays parked (its failures counted) and its sequence stays behind it.
     *
     * @return how many sequences were handled in full and left the queue
     */
    int retry(String group, SequencedDeadLetterProcessor<EventMessage<?>> processor,
              SequencedDeadLetterQueue<EventMessage<?>> queue) {
        long before = queue.amountOfSequences();
        // statement by statement, as before the read models' batches: a subject's letters are one sequence
        io.lethe.platform.axon.ReadModelTransactions.statementByStatement(() -> {
            for (long attempt = 0; attempt < before; attempt++) {
                if (!processor.processAny()) {
                    break;
                }
            }
        });
        int released = (int) Math.max(0, before - queue.amountOfSequences());
        if (before > 0) {
            log.info("Dead letters of {}: {} of {} parked subjects handled on retry", group, released, before);
        }
        return released;
    }

    /** Every queue of this node, retried by itself now and then: most failures pass. */
    @Scheduled(fixedDelayString = "${lethe.dead-letters.retry-interval:5m}",
            initialDelayString = "${lethe.dead-letters.retry-interval:5m}")
    void retryAll() {
        groups().forEach((group, queue) -> processing.sequencedDeadLetterProcessor(group)
                .ifPresent(processor -> retry(group, processor, queue)));
    }

    private static Letter letter(DeadLetter<? extends EventMessage<?>> letter) {
        EventMessage<?> event = letter.message();
        String sequence = event instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : event.getIdentifier();
        Long aggregateSequence = event instanceof DomainEventMessage<?> domain ? domain.getSequenceNumber() : null;
        return new Letter(sequence, event.getPayloadType().getSimpleName(), event.getIdentifier(), aggregateSequence,
                letter.enqueuedAt(), letter.lastTouched(),
                letter.cause().map(cause -> cause.message()).orElse(null),
                letter.diagnostics().get("failures"));
    }
}
