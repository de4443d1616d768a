package io.lethe.platform.ops;

import io.lethe.core.refusal.Refusal;
import io.lethe.core.refusal.RefusedException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;
import java.util.ArrayList;
import java.util.List;

/** The dead-letter queues of this node's projections, for operators (role ADMIN). */
@RestController
@RequestMapping("/api/admin/dead-letters")
@Validated
@Tag(name = "Dead letters", description = "Events projections could not handle, parked; retry and eviction")
class DeadLetterController {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterController.class);

    private final DeadLetters deadLetters;

    DeadLetterController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    /** The most parked subjects a queue's content lists. */
    static final int MAX_LIMIT = 1000;

    /**
     * A parked subject: its first letters in order (the event that failed, and those parked behind it), at
     * most {@link DeadLetters#MAX_LETTERS}, and {@code lettersTotal}, how many it holds.
     */
    record Sequence(@Schema(maxLength = DeadLetters.Letter.SEQUENCE_LENGTH) String sequence,
                    @ArraySchema(maxItems = DeadLetters.MAX_LETTERS) List<DeadLetters.Letter> letters, long lettersTotal) {
    }

    record QueueContent(@Schema(maxLength = ProcessorController.NAME_LENGTH) String processingGroup, long sequences, long letters,
                        @ArraySchema(maxItems = MAX_LIMIT) List<Sequence> parked) {
    }

    @Schema(name = "DeadLettersRetried")
    record Retried(@Schema(maxLength = ProcessorController.NAME_LENGTH) String processingGroup, int released, long stillParked) {
    }

    @ApiResponse(responseCode = "200", description = "Every dead-letter queue of this node.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE,
            array = @ArraySchema(schema = @Schema(implementation = DeadLetters.Queue.class), maxItems = ProcessorController.MAX_PROCESSORS)))
    @GetMapping
    @Operation(operationId = "listDeadLetterQueues", summary = "Every dead-letter queue of this node, with how many subjects and events it holds")
    List<DeadLetters.Queue> queues() {
        return deadLetters.queues();
    }

    @ApiResponse(responseCode = "200", description = "What the queue holds.")
    @ApiResponse(responseCode = "404", description = "`dead-letter-queue-not-found`: no dead-letter queue has this name.")
    @GetMapping("/{processingGroup}")
    @Operation(operationId = "getDeadLetterQueue", summary = "What a queue holds",
            description = "Up to `limit` parked subjects, each with its first 100 events in order and how many it holds: "
                    + "type, id, when parked, the cause (exception types and SQL state only, never a value) and how often it failed.")
    QueueContent queue(@PathVariable @Size(max = ProcessorController.NAME_LENGTH) String processingGroup,
                       @RequestParam(defaultValue = "100") @Min(1) @Max(MAX_LIMIT) int limit) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue(processingGroup);
        List<Sequence> parked = new ArrayList<>();
        for (DeadLetters.Parked sequence : deadLetters.letters(queue, limit)) {
            List<DeadLetters.Letter> letters = sequence.letters();
            parked.add(new Sequence(letters.isEmpty() ? null : letters.get(0).sequence(), letters, sequence.total()));
        }
        return new QueueContent(processingGroup, queue.amountOfSequences(), queue.size(), parked);
    }

    @ApiResponse(responseCode = "200", description = "What was released and what is still parked.")
    @ApiResponse(responseCode = "404", description = "`dead-letter-queue-not-found`: no dead-letter queue has this name.")
    @PostMapping("/{processingGroup}/retry")
    @Operation(operationId = "retryDeadLetters", summary = "Offer every parked event of the queue to its handlers again, in order",
            description = "A sequence handled in full leaves the queue; one that fails again stays, with its failure counted. "
                    + "The platform also retries by itself every lethe.dead-letters.retry-interval.")
    Retried retry(@PathVariable @Size(max = ProcessorController.NAME_LENGTH) String processingGroup, Principal principal) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue(processingGroup);
        var processor = deadLetters.processorOf(processingGroup).orElseThrow(() -> notFound());
        log.info("{} retries the dead letters of {}", principal.getName(), processingGroup);
        int released = deadLetters.retry(processingGroup, processor, queue);
        return new Retried(processingGroup, released, queue.amountOfSequences());
    }

    @ApiResponse(responseCode = "204", description = "Evicted.")
    @ApiResponse(responseCode = "404", description = "`dead-letter-queue-not-found`; `dead-letter-not-found`: nothing of this sequence is parked.")
    @DeleteMapping("/{processingGroup}/{sequence}")
    @Operation(operationId = "evictDeadLetters", summary = "Evict a parked subject's events from the queue, unhandled",
            description = "The projection then never sees them: use it for events that must not be handled, and rebuild "
                    + "the projection when its view should include them. Answers 204, or 404 when nothing is parked for it.")
    ResponseEntity<Void> evict(@PathVariable @Size(max = ProcessorController.NAME_LENGTH) String processingGroup,
                               @PathVariable @Size(max = DeadLetters.Letter.SEQUENCE_LENGTH) String sequence, Principal principal) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue(processingGroup);
        List<DeadLetter<? extends EventMessage<?>>> letters = new ArrayList<>();
        queue.deadLetterSequence(sequence).forEach(letters::add);
        if (letters.isEmpty()) {
            throw RefusedException.because("dead-letter-not-found", Refusal.Kind.NOT_FOUND,
                    "Nothing is parked for this sequence in this queue.");
        }
        letters.forEach(queue::evict);
        log.warn("{} evicted {} parked events of {} from {}", principal.getName(), letters.size(), sequence, processingGroup);
        return ResponseEntity.noContent().build();
    }

    private SequencedDeadLetterQueue<EventMessage<?>> queue(String processingGroup) {
        return deadLetters.queue(processingGroup).orElseThrow(DeadLetterController::notFound);
    }

    private static RefusedException notFound() {
        return RefusedException.because("dead-letter-queue-not-found", Refusal.Kind.NOT_FOUND,
                "No processor on this node has a dead-letter queue of this name.");
    }
}
