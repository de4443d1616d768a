package io.lethe.platform.axon;

import io.lethe.command.WritePosition;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Read your own writes. A command's answer names the streams its writes went to
 * ({@link WritePosition#HEADER}); a read that presents it ({@link WritePosition#READ_AFTER}) is held until
 * the read models have handled those streams' newest events as the read finds them (the call's own, or
 * later ones of the same streams), then answered. The wait is bounded: {@code lethe.reads.wait} (5 s) by
 * default, what the caller's {@code Prefer: wait=n} (RFC 7240) asks for instead, never past
 * {@code lethe.reads.wait-at-most} (30 s); a read model still behind then is answered 503
 * {@code read-model-behind} with {@code Retry-After}, so a caller never takes an older state for its
 * own. At most {@code lethe.reads.max-waiting} reads wait at once on a node; one more is answered 503 at
 * once. A stream one of whose events a read model has parked in its dead-letter queue is answered 503
 * {@code read-model-parked} at once: that read model will not show the write until an operator retries it.
 *
 * <p>What "handled" means is read where the read models commit it: their processors' tokens in the
 * token store, which each batch's transaction commits with the rows (ADR 0009), so it holds whichever
 * node runs which segment; for the segments this node runs, their status in memory too. Only the segment
 * a stream's events are sequenced into must have passed them (the read models sequence by aggregate,
 * Axon's default); a position that names the store's head (a call across many streams) waits for every
 * segment. The event's global position is read from the event table (one probe per stream); with Axon
 * Server, whose store cannot be asked that, the store's head when the read arrives stands for it (later
 * than the write, so never too early, at worst a little later than needed), and every named position
 * is taken as known.
 */
@Configuration(proxyBeanMethods = false)
class ReadYourWrites implements WebMvcConfigurer {

    /** {@code Prefer: wait=n}, seconds, among other preferences. */
    private static final Pattern WAIT = Pattern.compile("(?:^|[,;]\\s*)wait\\s*=\\s*\"?(\\d{1,6})\"?", Pattern.CASE_INSENSITIVE);

    private final JdbcClient jdbc;
    private final Serializer serializer;
    private final TokenSchema tokens;
    private final EventSchema events;
    private final EventStore eventStore;
    private final EventProcessingConfiguration processing;
    private final boolean axonServer;
    private final Duration wait;
    private final Duration waitAtMost;
    private final int maxWaiting;
    private final java.util.concurrent.atomic.AtomicInteger waiting = new java.util.concurrent.atomic.AtomicInteger();

    ReadYourWrites(JdbcClient jdbc, Serializer serializer, TokenSchema tokens, EventSchema events, EventStore eventStore,
                   EventProcessingConfiguration processing, @Value("${axon.axonserver.enabled:false}") boolean axonServer,
                   @Value("${lethe.reads.wait:5s}") Duration wait,
                   @Value("${lethe.reads.wait-at-most:30s}") Duration waitAtMost,
                   @Value("${lethe.reads.max-waiting:64}") int maxWaiting) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.tokens = tokens;
        this.events = events;
        this.eventStore = eventStore;
        this.processing = processing;
        this.axonServer = axonServer;
        this.wait = wait;
        this.waitAtMost = waitAtMost;
        this.maxWaiting = maxWaiting;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
                    throws InterruptedException {
                String presented = request.getHeader(WritePosition.READ_AFTER);
                if (presented != null && "GET".equals(request.getMethod())) {
                    awaitReadModels(presented, request.getHeader("Prefer"));
                }
                return true;
            }
        }).addPathPatterns("/api/**");
    }

    /** Returns once this node's read models have handled the presented position, or refuses the read. */
    void awaitReadModels(String presented, String prefer) throws InterruptedException {
        WritePosition position = WritePosition.decode(presented.trim()).orElseThrow(() -> refused(HttpStatus.BAD_REQUEST,
                "position-malformed", "The Lethe-Read-After header holds no position this platform gave (send the "
                        + "Lethe-Position of a command's answer as it came)."));
        List<String> processors = readModels();
        if (processors.isEmpty()) {
            return;
        }
        long index = globalIndex(position).orElseThrow(() -> refused(HttpStatus.BAD_REQUEST, "position-unknown",
                "No write is recorded where Lethe-Read-After points."));
        if (!position.head() && parked(processors, position.streams())) {
            throw refused(HttpStatus.SERVICE_UNAVAILABLE, "read-model-parked", "A read model could not apply an event of "
                    + "this write's records and has parked it for operators (dead letters); it will not show the write "
                    + "until they retry it. The write itself is recorded.");
        }
        if (handled(processors, position, index)) {
            return;
        }
        if (waiting.incrementAndGet() > maxWaiting) {
            waiting.decrementAndGet();
            throw behind();
        }
        try {
            long deadline = System.nanoTime() + bound(prefer).toNanos();
            long pause = 10;
            while (!handled(processors, position, index)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw behind();
                }
                Thread.sleep(Math.min(pause, Math.max(1, left / 1_000_000)));
                pause = Math.min(pause * 2, 200);
            }
        } finally {
            waiting.decrementAndGet();
        }
    }

    private static ErrorResponseException behind() {
        ErrorResponseException behind = refused(HttpStatus.SERVICE_UNAVAILABLE, "read-model-behind",
                "The read models have not yet caught up with the write named in Lethe-Read-After; it is recorded. "
                        + "Retry the read after Retry-After.");
        behind.getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
        return behind;
    }

    /** How long this read may wait: what the caller prefers (longer or shorter), within the deployment's bound. */
    Duration bound(String prefer) {
        if (prefer != null) {
            Matcher matcher = WAIT.matcher(prefer);
            if (matcher.find()) {
                Duration asked = Duration.ofSeconds(Long.parseLong(matcher.group(1)));
                return asked.compareTo(waitAtMost) < 0 ? asked : waitAtMost;
            }
        }
        return wait.compareTo(waitAtMost) < 0 ? wait : waitAtMost;
    }

    /** The global index the read models must have passed; empty when the position names nothing recorded. */
    private OptionalLong globalIndex(WritePosition position) {
        if (axonServer) {
            if (position.head()) {
                return OptionalLong.of(position.index());
            }
            TrackingToken head = eventStore.createHeadToken();
            return head == null ? OptionalLong.empty() : head.position();
        }
        if (position.head()) {
            long head = jdbc.sql("SELECT COALESCE(MAX(" + events.globalIndexColumn() + "), -1) FROM " + events.domainEventTable())
                    .query(Long.class).single();
            return position.index() <= head ? OptionalLong.of(position.index()) : OptionalLong.empty();
        }
        // each stream's last event now: the call's own, or a later one of the same stream
        List<Long> newest = jdbc.sql("SELECT (SELECT e." + events.globalIndexColumn() + " FROM " + events.domainEventTable()
                        + " e WHERE e." + events.aggregateIdentifierColumn() + " = s ORDER BY e." + events.sequenceNumberColumn()
                        + " DESC LIMIT 1) FROM unnest(CAST(:streams AS VARCHAR[])) AS s")
                .param("streams", position.streams().toArray(String[]::new))
                .query((row, number) -> row.getObject(1) == null ? null : row.getLong(1))
                .list();
        if (newest.isEmpty() || newest.contains(null)) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(newest.stream().mapToLong(Long::longValue).max().orElseThrow());
    }

    /** Whether a read model has parked an event of one of these streams (the read models sequence by stream). */
    private boolean parked(List<String> processors, List<String> streams) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM dead_letter_entry WHERE processing_group IN (:processors) "
                        + "AND sequence_identifier IN (:streams))")
                .param("processors", processors).param("streams", streams)
                .query(Boolean.class).single();
    }

    /**
     * Whether every segment that must have passed the event at {@code index} has committed its handling
     * of it: for a position naming streams, the segment each stream is sequenced into; for the store's
     * head, every segment.
     */
    private boolean handled(List<String> processors, WritePosition position, long index) {
        record Row(String processor, int segment, TrackingToken stored) {
        }
        List<Row> rows = jdbc.sql("SELECT " + tokens.processorNameColumn() + ", " + tokens.segmentColumn() + ", "
                        + tokens.tokenColumn() + ", " + tokens.tokenTypeColumn() + " FROM " + tokens.tokenTable() + " WHERE "
                        + tokens.processorNameColumn() + " IN (:processors)")
                .param("processors", processors)
                .query((row, number) -> new Row(row.getString(1), row.getInt(2), token(row.getBytes(3), row.getString(4))))
                .list();
        java.util.Map<String, List<Row>> byProcessor = new java.util.HashMap<>();
        rows.forEach(row -> byProcessor.computeIfAbsent(row.processor(), name -> new java.util.ArrayList<>()).add(row));
        // a processor with no segment yet has handled nothing
        if (byProcessor.size() != processors.size()) {
            return false;
        }
        List<StreamEvent> streamEvents = null;
        for (java.util.Map.Entry<String, List<Row>> processor : byProcessor.entrySet()) {
            int[] ids = processor.getValue().stream().mapToInt(Row::segment).toArray();
            for (Row row : processor.getValue()) {
                org.axonframework.eventhandling.Segment segment = org.axonframework.eventhandling.Segment.computeSegment(row.segment(), ids);
                boolean concerned = position.head() || position.streams().stream().anyMatch(segment::matches);
                if (!concerned || covers(row.stored(), index)) {
                    continue;
                }
                TrackingToken running = runningHere(row.processor(), row.segment());
                if (covers(running, index)) {
                    continue;
                }
                if (position.head()) {
                    return false;
                }
                // behind, but perhaps only on events this read model has no handler for: a segment stores its
                // token past those only now and then, so the events themselves are asked
                if (streamEvents == null) {
                    streamEvents = streamEvents(position.streams(), index);
                }
                TrackingToken reached = running != null ? running : row.stored();
                Set<Class<?>> handledTypes = handledTypes().getOrDefault(row.processor(), Set.of());
                if (streamEvents.stream().anyMatch(event -> !covers(reached, event.index()) && handles(handledTypes, event.type()))) {
                    return false;
                }
                // more of the stream than was asked may be behind it: then it is behind
                if (streamEvents.size() == STREAM_EVENTS && !covers(reached, streamEvents.get(STREAM_EVENTS - 1).index())) {
                    return false;
                }
            }
        }
        return true;
    }

    /** An event of a named stream: its global position and payload type. */
    private record StreamEvent(long index, String type) {
    }

    /** The events of these streams up to {@code index}: a write's own and those before it, newest last. */
    private List<StreamEvent> streamEvents(List<String> streams, long index) {
        return jdbc.sql("SELECT " + events.globalIndexColumn() + ", " + events.payloadTypeColumn() + " FROM "
                        + events.domainEventTable() + " WHERE " + events.aggregateIdentifierColumn() + " IN (:streams) AND "
                        + events.globalIndexColumn() + " <= :index ORDER BY " + events.globalIndexColumn() + " DESC LIMIT "
                        + STREAM_EVENTS)
                .param("streams", streams).param("index", index)
                .query((row, number) -> new StreamEvent(row.getLong(1), row.getString(2)))
                .list();
    }

    /**
     * How many of a stream's latest events are asked: a segment behind on more of them than that is
     * behind (the caller's write is among the latest, and an older event of it would be a read model far
     * behind, which the bound then says).
     */
    private static final int STREAM_EVENTS = 200;
    /** The read models' processors, by name, and the payload types each handles: found once. */
    private record ReadModels(List<String> names, java.util.Map<String, Set<Class<?>>> handledTypes) {
    }

    private volatile ReadModels readModels;

    /** Whether a read model handling these payload types has a handler for an event stored with this type. */
    private static boolean handles(Set<Class<?>> handledTypes, String storedType) {
        Class<?> payload;
        try {
            payload = org.springframework.util.ClassUtils.forName(storedType, ReadYourWrites.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError unknown) {
            // a type this node cannot load (an upcast or retired one): taken as handled, so never answered early
            return true;
        }
        return handledTypes.stream().anyMatch(handled -> handled.isAssignableFrom(payload));
    }

    /**
     * Each read model's processor and the payload types its {@code @EventHandler}s take, from the class path
     * (scanned once, on the first read that waits).
     */
    java.util.Map<String, Set<Class<?>>> handledTypes() {
        return readModelsFound().handledTypes();
    }

    private ReadModels readModelsFound() {
        ReadModels known = readModels;
        if (known == null) {
            java.util.Map<String, Set<Class<?>>> types = new java.util.HashMap<>();
            for (Class<?> type : readModelClasses()) {
                Set<Class<?>> handled = types.computeIfAbsent(type.getAnnotation(ProcessingGroup.class).value(),
                        name -> new java.util.HashSet<>());
                for (Class<?> declaring = type; declaring != null && declaring != Object.class; declaring = declaring.getSuperclass()) {
                    for (java.lang.reflect.Method method : declaring.getDeclaredMethods()) {
                        if (org.springframework.core.annotation.AnnotatedElementUtils.hasAnnotation(method,
                                org.axonframework.eventhandling.EventHandler.class) && method.getParameterCount() > 0) {
                            Class<?> payload = method.getParameterTypes()[0];
                            // a handler of any message (Object, a Message) handles every payload
                            handled.add(org.axonframework.messaging.Message.class.isAssignableFrom(payload) ? Object.class : payload);
                        }
                    }
                }
            }
            known = new ReadModels(List.copyOf(new java.util.TreeSet<>(types.keySet())), java.util.Map.copyOf(types));
            readModels = known;
        }
        return known;
    }

    /**
     * The token of a segment this node runs, as it stands after the segment's last committed batch. A
     * processor stores the token of events it has no handler for only now and then (when it extends its
     * claim), so the stored token alone would keep a read waiting for an event no read model of it needed.
     */
    private TrackingToken runningHere(String processor, int segment) {
        return processing.eventProcessor(processor, StreamingEventProcessor.class)
                .map(running -> running.processingStatus().get(segment))
                .map(EventTrackerStatus::getTrackingToken)
                .orElse(null);
    }

    private TrackingToken token(byte[] bytes, String type) {
        return bytes == null || type == null ? null
                : serializer.deserialize(new SimpleSerializedObject<>(bytes, byte[].class, type, null));
    }

    /** Whether a processor segment's token has passed the event at {@code index} (during a rebuild: the rebuild has). */
    static boolean covers(TrackingToken token, long index) {
        TrackingToken reached = token == null ? null : WrappedToken.unwrapLowerBound(token);
        if (reached == null) {
            return false;
        }
        if (reached instanceof GapAwareTrackingToken gapAware) {
            return gapAware.getIndex() >= index && !gapAware.getGaps().contains(index);
        }
        return reached.position().orElse(-1) >= index;
    }

    /**
     * Every read model's processor, whether or not this node runs it: a node of the distributed shape
     * without the query role serves reads too, from the read models other nodes fill. Found on the class
     * path (every node carries the whole jar), not among this node's beans.
     */
    List<String> readModels() {
        return readModelsFound().names();
    }

    /** Every read model's class on the class path. */
    private static List<Class<?>> readModelClasses() {
        org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider scanner =
                new org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new org.springframework.core.type.filter.AnnotationTypeFilter(ProcessingGroup.class));
        List<Class<?>> classes = new java.util.ArrayList<>();
        for (var candidate : scanner.findCandidateComponents(ReadModelTransactions.READ_MODELS.substring(0,
                ReadModelTransactions.READ_MODELS.length() - 1))) {
            Class<?> type = org.springframework.util.ClassUtils.resolveClassName(candidate.getBeanClassName(),
                    ReadYourWrites.class.getClassLoader());
            if (ReadModelTransactions.readModel(type)) {
                classes.add(type);
            }
        }
        return classes;
    }

    private static ErrorResponseException refused(HttpStatus status, String code, String detail) {
        ProblemDetail problem = io.lethe.platform.web.Problems.of(status, code, detail);
        return new ErrorResponseException(status, problem, null);
    }
}
