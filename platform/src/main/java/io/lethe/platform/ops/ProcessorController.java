package io.lethe.platform.ops;

import io.lethe.core.refusal.Refusal;
import io.lethe.core.refusal.RefusedException;
import io.lethe.core.validation.Lengths;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.Nullable;
import jakarta.validation.constraints.Size;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Projection rebuilds for operators (role ADMIN): reset a processor's tokens and let it replay the
 * whole history while the platform keeps serving, and watch its progress. A projection empties its
 * own tables in its reset handler, so during a rebuild its reads show the part rebuilt so far.
 */
@Validated
@RestController
@RequestMapping("/api/admin/processors")
@Tag(name = "Processors", description = "Event processor status and projection rebuilds")
class ProcessorController {

    private static final Logger log = LoggerFactory.getLogger(ProcessorController.class);

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final Map<String, Rebuild> rebuilds = new ConcurrentHashMap<>();

    ProcessorController(EventProcessingConfiguration processing, EventStore eventStore) {
        this.processing = processing;
        this.eventStore = eventStore;
    }

    /**
     * The most streaming processors a node has: one per projection and process manager, 12 today. A
     * listing of processors or of their dead-letter queues holds no more.
     */
    static final int MAX_PROCESSORS = 64;
    /** A processor's name, as the token store keeps it ({@code token_entry.processor_name}). */
    static final int NAME_LENGTH = 255;

    /** One rebuild: when it began, from which position, and how it ended (if it did). */
    record Rebuild(Instant startedAt, long headAtStart, String failure) {
    }

    /**
     * A processor's state. {@code segmentsInError} and {@code error} (the failure's type, never its
     * text) show a processor that is retrying an event it failed on, with a growing back-off.
     */
    record ProcessorStatus(@Schema(maxLength = NAME_LENGTH) String name, boolean running, boolean replaying, boolean caughtUp,
                           int segments, @Nullable Long position, @Nullable Long head, @Nullable Long behind, int segmentsInError,
                           @Nullable @Schema(maxLength = Texts.CLASS_NAME) String error,
                           @Nullable RebuildProgress rebuild) {

        ProcessorStatus {
            error = Lengths.atMost(error, Texts.CLASS_NAME);
        }
    }

    /** {@code failure}: the type of what stopped the rebuild, never its text. */
    record RebuildProgress(Instant startedAt, long headAtStart, double percent, double eventsPerSecond, boolean done,
                           @Nullable @Schema(maxLength = Texts.CLASS_NAME) String failure) {

        RebuildProgress {
            failure = Lengths.atMost(failure, Texts.CLASS_NAME);
        }
    }

    @ApiResponse(responseCode = "200", description = "Every streaming processor of this node.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE,
            array = @ArraySchema(schema = @Schema(implementation = ProcessorStatus.class), maxItems = MAX_PROCESSORS)))
    @GetMapping
    @Operation(operationId = "listProcessors", summary = "Every streaming processor's position and state")
    List<ProcessorStatus> all() {
        return processing.eventProcessors().keySet().stream().sorted()
                .map(name -> processing.eventProcessor(name, StreamingEventProcessor.class).map(p -> status(name, p)))
                .flatMap(java.util.Optional::stream)
                .toList();
    }

    @ApiResponse(responseCode = "200", description = "The processor, and its last rebuild.")
    @ApiResponse(responseCode = "404", description = "`processor-not-found`: no streaming event processor has this name.")
    @GetMapping("/{name}")
    @Operation(operationId = "getProcessor", summary = "One processor's position, and the progress of its last rebuild")
    ProcessorStatus one(@PathVariable @Size(max = NAME_LENGTH) String name) {
        return status(name, processor(name));
    }

    @ApiResponse(responseCode = "202", description = "Rebuilding in the background; `Location` is the status to poll.",
            headers = @io.swagger.v3.oas.annotations.headers.Header(name = "Location", description = "The processor's status."))
    @ApiResponse(responseCode = "404", description = "`processor-not-found`: no streaming event processor has this name.")
    @ApiResponse(responseCode = "409", description = "`rebuild-in-progress`: an earlier rebuild is still replaying.")
    @ApiResponse(responseCode = "422", description = "`processor-cannot-reset`: its handlers do not support a reset.")
    @PostMapping("/{name}/rebuild")
    @Operation(operationId = "rebuildProcessor", summary = "Rebuild a projection from the whole history",
            description = "Stops the processor, resets its tokens (its projection empties its tables) and starts "
                    + "it again; it replays in the background. Answers 202 with the status to poll; 409 while a "
                    + "rebuild of it is still replaying.")
    ResponseEntity<ProcessorStatus> rebuild(@PathVariable @Size(max = NAME_LENGTH) String name) {
        StreamingEventProcessor processor = processor(name);
        if (!processor.supportsReset()) {
            throw RefusedException.because("processor-cannot-reset", Refusal.Kind.UNPROCESSABLE,
"This processor's handlers do not support a reset.");
        }
        if (processor.isReplaying()) {
            throw RefusedException.because("rebuild-in-progress", Refusal.Kind.CONFLICT,
"This processor is still replaying an earlier rebuild.");
        }
        long head = head();
        Rebuild rebuild = new Rebuild(Instant.now(), head, null);
        rebuilds.put(name, rebuild);
        log.info("Rebuilding {} from the start of the history (head at {})", name, head);
        processor.shutdownAsync()
                .thenRun(() -> {
                    processor.resetTokens();
                    processor.start();
                })
                .exceptionally(failure -> {
                    log.error("The rebuild of {} failed: {}", name, failure.getClass().getSimpleName());
                    rebuilds.put(name, new Rebuild(rebuild.startedAt(), head, failure.getClass().getSimpleName()));
                    if (!processor.isRunning()) {
                        processor.start();
                    }
                    return null;
                })
                .join();
        return ResponseEntity.accepted()
                .location(ServletUriComponentsBuilder.fromCurrentContextPath().path("/api/admin/processors/{name}")
                        .buildAndExpand(name).toUri())
                .body(status(name, processor));
    }

    private StreamingEventProcessor processor(String name) {
        return processing.eventProcessor(name, StreamingEventProcessor.class)
                .orElseThrow(() -> RefusedException.because("processor-not-found", Refusal.Kind.NOT_FOUND,
"No streaming event processor has this name."));
    }

    private ProcessorStatus status(String name, StreamingEventProcessor processor) {
        Map<Integer, EventTrackerStatus> segments = processor.processingStatus();
        Long position = segments.isEmpty() ? null : segments.values().stream()
                .mapToLong(segment -> segment.getCurrentPosition().orElse(-1)).min().orElse(-1);
        boolean caughtUp = !segments.isEmpty() && segments.values().stream().allMatch(EventTrackerStatus::isCaughtUp);
        long head = head();
        Rebuild rebuild = rebuilds.get(name);
        RebuildProgress progress = null;
        if (rebuild != null) {
            long done = Math.max(0, position == null ? 0 : position);
            double seconds = Math.max(0.001, Duration.between(rebuild.startedAt(), Instant.now()).toMillis() / 1000.0);
            boolean finished = rebuild.failure() != null || (caughtUp && !processor.isReplaying());
            progress = new RebuildProgress(rebuild.startedAt(), rebuild.headAtStart(),
                    rebuild.headAtStart() <= 0 ? 100 : Math.min(100, 100.0 * done / rebuild.headAtStart()),
                    finished ? 0 : done / seconds, finished, rebuild.failure());
        }
        List<EventTrackerStatus> inError = segments.values().stream().filter(EventTrackerStatus::isErrorState).toList();
        String error = inError.stream().map(EventTrackerStatus::getError).filter(java.util.Objects::nonNull)
                .map(failure -> failure.getClass().getSimpleName()).findFirst().orElse(null);
        return new ProcessorStatus(name, processor.isRunning(), processor.isReplaying(), caughtUp, segments.size(),
                position, head, behind(segments, head), inError.size(), error, progress);
    }

    /**
     * How far the furthest-behind segment is from the head: none for a segment that has caught up. The
     * head is the store's last position; a caught-up segment's token need not be there, because Axon
     * Server sends a processor no event of a type it does not handle, so its token stays at the last event
     * it did handle (seen: {@code behind: 198} on an idle node). For a segment still catching up, the
     * distance counts the events it will skip too: an upper bound.
     */
    private static Long behind(Map<Integer, EventTrackerStatus> segments, long head) {
        if (segments.isEmpty()) {
            return null;
        }
        return segments.values().stream()
                .mapToLong(segment -> segment.isCaughtUp() ? 0 : Math.max(0, head - segment.getCurrentPosition().orElse(-1)))
                .max().orElse(0);
    }

    private long head() {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? -1 : head.position().orElse(-1);
    }
}
