package io.lethe.platform.axon;

import io.lethe.command.WritePosition;
import io.lethe.platform.PlatformClient;
import io.lethe.platform.PlatformTest;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A caller reads its own write: a command's answer names its position, and a read that presents it is
 * answered only once the read models show the write — with more callers at once than the pool has
 * connections, and with a read model stopped (then the bounded wait ends in 503, and nothing older is
 * passed off as the caller's state).
 */
@PlatformTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReadYourWritesTest {

    @Autowired
    ConfigurableApplicationContext context;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    ReadYourWrites readYourWrites;
    @Autowired
    org.springframework.beans.factory.ListableBeanFactory beans;

    @Test
    void theReadModelsFoundOnTheClassPathAreTheOnesTheAllInOneNodeRuns() {
        assertThat(readYourWrites.readModels()).isNotEmpty()
                .containsExactlyInAnyOrderElementsOf(AxonConfiguration.readModelProcessingGroups(beans));
        // and what each handles, so that a segment behind only on events it has no handler for is not waited for
        assertThat(readYourWrites.handledTypes().get("subject-summary")).contains(io.lethe.core.subject.AccountRegisteredEvent.class);
        assertThat(readYourWrites.handledTypes().get("breach-register")).doesNotContain(io.lethe.core.subject.AccountRegisteredEvent.class);
    }

    @Test
    void everyCallerReadsItsOwnRegistrationAtOnceWithThePositionItWasGiven() throws Exception {
        PlatformClient client = new PlatformClient(context);
        int callers = 32;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<int[]>> reads = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                reads.add(pool.submit(() -> {
                    PlatformClient.Answer registered = client.post("/api/subjects", "service", registration());
                    assertThat(registered.status()).as(registered.body()).isEqualTo(201);
                    String subjectId = registered.json().get("subjectId").asString();
                    String position = registered.header(WritePosition.HEADER);
                    assertThat(WritePosition.decode(position)).hasValueSatisfying(written ->
                            assertThat(written.streams()).containsExactly(subjectId));
                    // a staff read of the summary, at once, on the position: never "not found"
                    PlatformClient.Answer read = client.get("/api/subjects/" + subjectId, "staff",
                            WritePosition.READ_AFTER, position);
                    return new int[] {registered.status(), read.status()};
                }));
            }
            for (Future<int[]> read : reads) {
                assertThat(read.get()).containsExactly(201, 200);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aReadModelThatHasNotCaughtUpIsWaitedForAndSaidToBeBehindOnlyPastTheBound() throws Exception {
        PlatformClient client = new PlatformClient(context);
        StreamingEventProcessor summary = processing.eventProcessor("subject-summary", StreamingEventProcessor.class).orElseThrow();
        summary.shutdownAsync().get();
        String subjectId;
        String position;
        java.util.concurrent.CompletableFuture<PlatformClient.Answer> waiting;
        try {
            PlatformClient.Answer registered = client.post("/api/subjects", "service", registration());
            subjectId = registered.json().get("subjectId").asString();
            position = registered.header(WritePosition.HEADER);

            long started = System.nanoTime();
            PlatformClient.Answer behind = client.get("/api/subjects/" + subjectId, "staff",
                    WritePosition.READ_AFTER, position, "Prefer", "wait=1");
            assertThat(behind.status()).isEqualTo(503);
            assertThat(behind.json().get("type").asString()).isEqualTo("urn:problem-type:lethe:read-model-behind");
            assertThat(behind.header("Retry-After")).isEqualTo("1");
            // it waited for the read model, as asked, before saying so
            assertThat(System.nanoTime() - started).isGreaterThanOrEqualTo(900_000_000L);
            // without the position, the read answers at once from what the read model holds: nothing yet
            assertThat(client.get("/api/subjects/" + subjectId, "staff").status()).isEqualTo(404);

            // a read that may wait longer is still waiting while the read model stands still…
            String id = subjectId;
            String at = position;
            waiting = java.util.concurrent.CompletableFuture.supplyAsync(() -> client.get("/api/subjects/" + id, "staff",
                    WritePosition.READ_AFTER, at, "Prefer", "wait=25"));
            Thread.sleep(1500);
            assertThat(waiting).isNotDone();
        } finally {
            summary.start();
        }
        // …and is answered with the write once the read model has caught up
        PlatformClient.Answer caughtUp = waiting.get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(caughtUp.status()).isEqualTo(200);
        assertThat(caughtUp.json().get("subjectId").asString()).isEqualTo(subjectId);
    }

    @Test
    void aBatchAcrossSubjectsNamesEveryStreamItWroteTo() {
        PlatformClient client = new PlatformClient(context);
        String first = client.post("/api/subjects", "service", registration()).json().get("subjectId").asString();
        String second = client.post("/api/subjects", "service", registration()).json().get("subjectId").asString();
        String now = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        PlatformClient.Answer recorded = client.post("/api/activity", "service", "{\"activities\":["
                + "{\"subjectId\":\"" + first + "\",\"occurredAt\":\"" + now + "\",\"kind\":\"ADVERTISEMENT\","
                + "\"action\":\"clicked\",\"target\":\"ad-one\",\"region\":\"EU\"},"
                + "{\"subjectId\":\"" + second + "\",\"occurredAt\":\"" + now + "\",\"kind\":\"ADVERTISEMENT\","
                + "\"action\":\"clicked\",\"target\":\"ad-two\",\"region\":\"EU\"}]}");
        assertThat(recorded.status()).as(recorded.body()).isEqualTo(200);
        WritePosition position = WritePosition.decode(recorded.header(WritePosition.HEADER)).orElseThrow();
        // each subject's usage period is a stream of its own (ADR 0019): both are named, not only the last
        assertThat(position.streams()).anySatisfy(stream -> assertThat(stream).startsWith(first))
                .anySatisfy(stream -> assertThat(stream).startsWith(second));
        assertThat(client.get("/api/subjects/" + first, "staff", WritePosition.READ_AFTER,
                recorded.header(WritePosition.HEADER)).status()).isEqualTo(200);
    }

    @Test
    void aBatchAcrossMoreSubjectsThanAPositionNamesIsNamedByTheHistorysPositionAfterIt() {
        PlatformClient client = new PlatformClient(context);
        String now = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        List<String> subjects = new ArrayList<>();
        StringBuilder pieces = new StringBuilder();
        for (int i = 0; i < WritePosition.MAX_STREAMS + 4; i++) {
            String subject = client.post("/api/subjects", "service", registration()).json().get("subjectId").asString();
            subjects.add(subject);
            pieces.append(i == 0 ? "" : ",").append("{\"subjectId\":\"").append(subject).append("\",\"occurredAt\":\"")
                    .append(now).append("\",\"kind\":\"ADVERTISEMENT\",\"action\":\"clicked\",\"target\":\"ad-many\","
                            + "\"region\":\"EU\"}");
        }
        PlatformClient.Answer recorded = client.post("/api/activity", "service", "{\"activities\":[" + pieces + "]}");
        assertThat(recorded.status()).as(recorded.body()).isEqualTo(200);
        WritePosition position = WritePosition.decode(recorded.header(WritePosition.HEADER)).orElseThrow();
        assertThat(position.head()).as("past %s streams, the history's position", WritePosition.MAX_STREAMS).isTrue();
        assertThat(client.get("/api/subjects/" + subjects.get(subjects.size() - 1), "staff", WritePosition.READ_AFTER,
                recorded.header(WritePosition.HEADER)).status()).isEqualTo(200);
    }

    @Test
    void aPositionThePlatformDidNotGiveIsRefused() {
        PlatformClient client = new PlatformClient(context);
        PlatformClient.Answer malformed = client.get("/api/subjects?page=0", "staff", WritePosition.READ_AFTER, "not a position");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("type").asString()).isEqualTo("urn:problem-type:lethe:position-malformed");

        String unknown = WritePosition.of(List.of(UUID.randomUUID().toString())).encoded();
        PlatformClient.Answer never = client.get("/api/subjects?page=0", "staff", WritePosition.READ_AFTER, unknown);
        assertThat(never.status()).isEqualTo(400);
        assertThat(never.json().get("type").asString()).isEqualTo("urn:problem-type:lethe:position-unknown");
    }

    @Test
    void aStepOnARequestNamesItsPositionAndTheRequestReadOnItShowsTheStep() {
        PlatformClient client = new PlatformClient(context);
        String subjectId = client.register("Read Own", "read.own@example.com");
        PlatformClient.Answer submitted = client.post("/api/subjects/" + subjectId + "/privacy-requests", "service",
                "{\"type\":\"access\",\"requester\":\"SUBJECT\",\"channel\":\"WEB_FORM\"}");
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
        String requestId = submitted.json().get("requestId").asString();
        PlatformClient.Answer verified = client.post("/api/subjects/" + subjectId + "/privacy-requests/" + requestId
                + "/identity-verification", "staff", "{\"method\":\"AUTHENTICATED_SESSION\",\"reference\":\"session-check-1\"}");
        assertThat(verified.status()).isEqualTo(204);
        PlatformClient.Answer read = client.get("/api/privacy-requests/" + requestId, "staff",
                WritePosition.READ_AFTER, verified.header(WritePosition.HEADER));
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("identityVerifiedAt").isNull()).isFalse();
    }

    @Test
    void aTokenCoversAnEventItHasPassedAndNotOneInItsGaps() {
        assertThat(ReadYourWrites.covers(null, 0)).isFalse();
        assertThat(ReadYourWrites.covers(new GlobalSequenceTrackingToken(10), 10)).isTrue();
        assertThat(ReadYourWrites.covers(new GlobalSequenceTrackingToken(9), 10)).isFalse();
        GapAwareTrackingToken withGap = GapAwareTrackingToken.newInstance(12, Set.of(10L));
        assertThat(ReadYourWrites.covers(withGap, 10)).isFalse();
        assertThat(ReadYourWrites.covers(withGap, 11)).isTrue();
        // during a rebuild, only what the rebuild has reached
        ReplayToken rebuilding = (ReplayToken) ReplayToken.createReplayToken(GapAwareTrackingToken.newInstance(100, Set.of()),
                GapAwareTrackingToken.newInstance(20, Set.of()));
        assertThat(ReadYourWrites.covers(rebuilding, 20)).isTrue();
        assertThat(ReadYourWrites.covers(rebuilding, 21)).isFalse();
    }

    @Test
    void aPositionReadsBackAsItWasWrittenAndNothingElseReadsAsOne() {
        WritePosition streams = WritePosition.of(List.of("subject/period:2026-01", UUID.randomUUID().toString()));
        assertThat(WritePosition.decode(streams.encoded())).contains(streams);
        assertThat(streams.encoded()).matches(WritePosition.PATTERN);
        WritePosition head = WritePosition.at(4711);
        assertThat(head.encoded()).isEqualTo("~4711").matches(WritePosition.PATTERN);
        assertThat(WritePosition.decode("~4711")).contains(head);
        assertThat(WritePosition.decode("")).isEmpty();
        assertThat(WritePosition.decode("abc..def")).isEmpty();
        assertThat(WritePosition.decode("~")).isEmpty();
        assertThat(WritePosition.decode("%%%")).isEmpty();
        assertThat(WritePosition.decode("a".repeat(400))).isEmpty();
        // seventeen streams are more than a position names
        assertThat(WritePosition.decode(String.join(".", java.util.Collections.nCopies(17, "YWJj")))).isEmpty();
        // decodes to a space and a line break: not a stream id
        assertThat(WritePosition.decode("IAo")).isEmpty();
    }

    private static String registration() {
        // letters only: a long run of digits in a name reads as a card number and is refused
        String tag = UUID.randomUUID().toString().replaceAll("[^a-f]", "");
        return "{\"jurisdiction\":\"EU\",\"name\":\"Reader " + tag + "\",\"dateOfBirth\":\"1981-04-04\","
                + "\"email\":\"reader." + tag + "@example.com\"}";
    }
}
