package io.lethe.query.audit;

import io.lethe.platform.LetheApplication;
import io.lethe.platform.PlatformTest;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static io.lethe.platform.Callers.signedIn;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * An auditor's export and the history's pages over an event stream that pauses, as Axon Server's does:
 * a pause within the stall timeout is waited out, the export is complete to the head fixed when it began
 * (and says so in its last line) even while commands keep being written, and a pause beyond the timeout
 * fails loudly — a 503 before the first byte, or a closing line that says the export is incomplete.
 * Never an empty page or a short export that looks finished. And a subject's history gives each event
 * its position in the global history, as the global history does.
 */
@PlatformTest
@ContextConfiguration(classes = LetheApplication.class)
@TestPropertySource(properties = "lethe.audit.stall-timeout=4s")
@Import(AuditCompletenessTest.Stalls.class)
class AuditCompletenessTest {

    /**
     * The audit history over the real event store, its streams stalling when a test says so. Imported,
     * not annotated: the platform scans this package for the query side's components.
     */
    static class Stalls {
        @Bean
        StallingStreams stallingStreams() {
            return new StallingStreams();
        }

        @Bean
        @Primary
        EventHistory stallingEventHistory(EventStore eventStore, EventSchema schema, JdbcClient jdbc, StallingStreams stalls,
                                          @Value("${lethe.audit.stall-timeout}") Duration stallTimeout) {
            return new EventHistory(stalls.wrap(eventStore), new EventHistory.EventTable(schema, jdbc), stallTimeout);
        }
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    StallingStreams stalls;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    javax.sql.DataSource dataSource;
    @Autowired
    org.springframework.transaction.PlatformTransactionManager transactions;

    @AfterEach
    void noMoreStalls() {
        stalls.never();
    }

    @Test
    void anExportWaitsOutAPauseOfTheStreamAndIsCompleteToItsHead() throws Exception {
        registerSubjects(120);
        stalls.stallAfter(50, Duration.ofSeconds(2));

        Export export = export(-1);

        assertThat(export.end().get("complete").asBoolean()).as(export.end().toString()).isTrue();
        assertThat(export.end().get("lastPosition").asLong()).isEqualTo(export.head());
        assertThat(export.end().get("events").asLong()).isEqualTo(export.entries().size());
        assertThat(export.positions()).isSorted().doesNotHaveDuplicates().allSatisfy(position ->
                assertThat(position).isLessThanOrEqualTo(export.head()));
        assertThat(export.entries()).hasSize(eventsUpTo(export.head()));
    }

    @Test
    void aPageWaitsOutAPauseAndIsEmptyOnlyAtTheEnd() throws Exception {
        registerSubjects(30);
        stalls.stallAfter(0, Duration.ofSeconds(2));

        JsonNode page = auditJson("/api/audit/events?after=-1&size=10");
        assertThat(page.get("events")).hasSize(10);
        assertThat(page.get("nextAfter").asLong()).isEqualTo(page.get("events").get(9).get("position").asLong());

        stalls.never();
        long head = page.get("head").asLong();
        JsonNode last = auditJson("/api/audit/events?after=" + (head - 1) + "&size=10");
        assertThat(last.get("events").get(0).get("position").asLong()).isEqualTo(head);
        assertThat(last.get("nextAfter").isNull()).isTrue();
        JsonNode end = auditJson("/api/audit/events?after=" + last.get("head").asLong() + "&size=10");
        assertThat(end.get("events")).isEmpty();
        assertThat(end.get("nextAfter").isNull()).isTrue();
    }

    @Test
    void anExportUnderSteadyWritesStopsAtTheHeadItBeganAt() throws Exception {
        registerSubjects(60);
        // a pause keeps the export open while the writers go on
        stalls.stallAfter(40, Duration.ofSeconds(1));
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService writers = Executors.newFixedThreadPool(2);
        List<Future<Integer>> written = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            written.add(writers.submit(() -> {
                int count = 0;
                while (writing.get()) {
                    register();
                    count++;
                }
                return count;
            }));
        }
        Thread.sleep(300);
        Export export;
        try {
            export = export(-1);
        } finally {
            writing.set(false);
            writers.shutdown();
            assertThat(writers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(written.get(0).get() + written.get(1).get()).as("written during the export").isPositive();
        assertThat(eventsUpTo(Long.MAX_VALUE)).as("the history grew past the export's head").isGreaterThan(eventsUpTo(export.head()));

        assertThat(export.end().get("complete").asBoolean()).as(export.end().toString()).isTrue();
        assertThat(export.positions()).isSorted().doesNotHaveDuplicates().allSatisfy(position ->
                assertThat(position).isLessThanOrEqualTo(export.head()));
        assertThat(export.end().get("lastPosition").asLong()).isEqualTo(export.head());
        assertThat(export.entries()).hasSize(eventsUpTo(export.head()));
    }

    @Test
    void aPauseLongerThanTheStallTimeoutEndsTheExportWithALineThatSaysItIsIncomplete() throws Exception {
        registerSubjects(80);
        stalls.stallAfter(50, Duration.ofSeconds(60));

        Export export = export(-1);

        assertThat(export.entries()).hasSize(50);
        assertThat(export.end().get("complete").asBoolean()).isFalse();
        assertThat(export.end().get("error").asString()).isEqualTo("urn:problem-type:lethe:history-stalled");
        assertThat(export.end().get("lastPosition").asLong()).isEqualTo(export.positions().get(49));
        assertThat(export.end().get("head").asLong()).isEqualTo(export.head()).isGreaterThan(export.positions().get(49));
    }

    @Test
    void aPauseBeforeTheFirstEventIsA503BeforeTheFirstByte() throws Exception {
        registerSubjects(5);
        stalls.stallAfter(0, Duration.ofSeconds(60));

        for (String path : List.of("/api/audit/export?after=-1", "/api/audit/events?after=-1&size=10")) {
            MvcResult result = mvc.perform(get(path).with(auditor())).andReturn();
            assertThat(result.getResponse().getStatus()).as(path).isEqualTo(503);
            assertThat(result.getResponse().getContentType()).startsWith("application/problem+json");
            assertThat(result.getResponse().getHeader("Retry-After")).isNotBlank();
            assertThat(json.readTree(result.getResponse().getContentAsString()).get("type").asString())
                    .isEqualTo("urn:problem-type:lethe:history-stalled");
        }
    }

    @Test
    void aSubjectsHistoryGivesEveryEventItsPositionInTheGlobalHistory() throws Exception {
        String subject = register();
        mvc.perform(post("/api/subjects/" + subject + "/purchases").with(signedIn("service", "lethe-service"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"item\":\"Pass\",\"amount\":{\"currency\":\"EUR\",\"minorUnits\":900},"
                                + "\"card\":{\"expiry\":\"03/30\",\"lastFour\":\"1881\"}}"))
                .andExpect(status().isCreated());

        JsonNode history = auditJson("/api/audit/subjects/" + subject + "/events");
        assertThat(history.size()).isEqualTo(2);
        for (JsonNode entry : history) {
            long stored = jdbc.sql("SELECT global_index FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = ?")
                    .param(subject).param(entry.get("sequence").asLong()).query(Long.class).single();
            assertThat(entry.get("position").isNumber()).as(entry.toString()).isTrue();
            assertThat(entry.get("position").asLong()).isEqualTo(stored);
        }
    }

    @Test
    void aWriteStillOpenWhenTheHeadWasReadIsWaitedForHoweverLongItTakesAndOneRolledBackIsAGap() throws Exception {
        readsALateWriteInItsPlace(java.time.Instant.now());
    }

    @Test
    void aLateWriteIsReadInItsPlaceThoughTheStoresTokenDroppedItsGap() throws Exception {
        // Axon's token keeps no gap below an event older than its gap timeout (a minute): its stream never
        // brings the late event, the read finds it itself
        readsALateWriteInItsPlace(java.time.Instant.now().minus(Duration.ofMinutes(5)));
    }

    @Test
    void aWriterThatCommitsJustAfterTheTableWasLookedUpIsReadNotTakenForAGap() throws Exception {
        // the writer commits between the read's look at the table and its look at the running transactions:
        // it has ended, and its event is there all the same
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        AtomicBoolean hooked = new AtomicBoolean();
        ExecutorService slowWriters = Executors.newSingleThreadExecutor();
        java.util.concurrent.atomic.AtomicReference<Future<?>> writer = new java.util.concurrent.atomic.AtomicReference<>();
        try (LateHistory late = new LateHistory(); AutoCloseable writerEnds = () -> {
            // closed before the table is dropped: a failure before the hook leaves no writer holding its insert open
            release.countDown();
            if (writer.get() != null) {
                writer.get().get(30, TimeUnit.SECONDS);
            }
        }) {
            EventHistory history = late.history(afterEachQuery(sql -> {
                if (sql.contains("= ANY (CAST(? AS bigint[]))") && hooked.compareAndSet(false, true)) {
                    release.countDown();
                    writer.get().get(10, TimeUnit.SECONDS);
                }
            }));
            for (int i = 1; i <= 3; i++) {
                late.append("committed-" + i);
            }
            java.util.concurrent.CountDownLatch taken = new java.util.concurrent.CountDownLatch(1);
            writer.set(slowWriters.submit(() -> late.inOneTransaction.executeWithoutResult(status -> {
                late.engine.appendEvents(event("late"));
                taken.countDown();
                try {
                    assertThat(release.await(30, TimeUnit.SECONDS)).isTrue();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            })));
            assertThat(taken.await(10, TimeUnit.SECONDS)).isTrue();
            late.append("head");

            ReadToHead whole = readToHead(history);
            assertThat(whole.head()).isEqualTo(5);
            assertThat(whole.gaps()).isEmpty();
            List<HistoryEntry> read = whole.entries();
            assertThat(hooked).as("the writer committed just after the table was looked up").isTrue();
            assertThat(read).extracting(HistoryEntry::payload).containsExactly("committed-1", "committed-2", "committed-3", "late", "head");
            assertThat(read).extracting(HistoryEntry::position).containsExactly(1L, 2L, 3L, 4L, 5L);
        } finally {
            slowWriters.shutdown();
        }
    }

    private void readsALateWriteInItsPlace(java.time.Instant headStoredAt) throws Exception {
        try (LateHistory late = new LateHistory()) {
            EventHistory history = late.history(jdbc);
            for (int i = 1; i <= 3; i++) {
                late.append("committed-" + i);
            }
            // position 4 is taken by a write that commits three seconds later, position 5 by one that rolls back
            java.util.concurrent.CountDownLatch lateTaken = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CountDownLatch undoneTaken = new java.util.concurrent.CountDownLatch(1);
            ExecutorService slowWriters = Executors.newFixedThreadPool(2);
            Future<?> lateWrite = slowWriters.submit(() -> late.inOneTransaction.executeWithoutResult(status -> {
                late.engine.appendEvents(event("late"));
                lateTaken.countDown();
                sleep(Duration.ofSeconds(3));
            }));
            assertThat(lateTaken.await(10, TimeUnit.SECONDS)).isTrue(); // one at a time, so the positions are known
            Future<?> undone = slowWriters.submit(() -> late.inOneTransaction.executeWithoutResult(status -> {
                late.engine.appendEvents(event("undone"));
                undoneTaken.countDown();
                sleep(Duration.ofMillis(1500));
                status.setRollbackOnly();
            }));
            assertThat(undoneTaken.await(10, TimeUnit.SECONDS)).isTrue();
            late.inOneTransaction.executeWithoutResult(status -> late.engine.appendEvents(
                    new org.axonframework.eventhandling.GenericDomainEventMessage<>("Late", "head", 0, "head",
                            org.axonframework.messaging.MetaData.emptyInstance(), java.util.UUID.randomUUID().toString(), headStoredAt)));

            ReadToHead whole = readToHead(history);
            assertThat(whole.head()).isEqualTo(6);
            assertThat(whole.gaps()).as("the rolled-back write's position, and only it").containsExactly(5L);
            List<HistoryEntry> read = whole.entries();
            lateWrite.get(10, TimeUnit.SECONDS);
            undone.get(10, TimeUnit.SECONDS);
            slowWriters.shutdown();
            // in the order of positions, though the late one was committed after the head
            assertThat(read).extracting(HistoryEntry::payload).containsExactly("committed-1", "committed-2", "committed-3", "late", "head");
            assertThat(read).extracting(HistoryEntry::position).containsExactly(1L, 2L, 3L, 4L, 6L);
        }
    }

    /** A whole history as one read gave it: its head, its entries and its gaps. */
    private record ReadToHead(long head, List<HistoryEntry> entries, java.util.Set<Long> gaps) {
    }

    /** Reads {@code history} from its start to the head fixed when the read began, which it must reach. */
    private static ReadToHead readToHead(EventHistory history) throws Exception {
        List<HistoryEntry> read = new ArrayList<>();
        try (EventHistory.Reading reading = history.read(-1)) {
            for (var next = reading.next(); next.isPresent(); next = reading.next()) {
                read.add(next.get());
            }
            assertThat(reading.atHead()).isTrue();
            return new ReadToHead(reading.head(), read, reading.gaps());
        }
    }

    /**
     * A history of its own, on the same database: the platform's processors never see these events. Its
     * table is dropped when it closes.
     */
    private final class LateHistory implements AutoCloseable {
        final EventSchema schema = io.lethe.platform.axon.EventTables.schema("late_event_entry", "snapshot_event_entry");
        final org.springframework.transaction.support.TransactionTemplate inOneTransaction =
                new org.springframework.transaction.support.TransactionTemplate(transactions);
        final org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine engine;
        final org.axonframework.eventsourcing.eventstore.EmbeddedEventStore store;

        LateHistory() {
            jdbc.sql("DROP TABLE IF EXISTS late_event_entry").update();
            jdbc.sql("CREATE TABLE late_event_entry (global_index BIGSERIAL PRIMARY KEY, aggregate_identifier VARCHAR(255) NOT NULL, "
                    + "sequence_number BIGINT NOT NULL, type VARCHAR(255), event_identifier VARCHAR(255) NOT NULL UNIQUE, "
                    + "meta_data BYTEA, payload BYTEA NOT NULL, payload_revision VARCHAR(255), payload_type VARCHAR(255) NOT NULL, "
                    + "time_stamp VARCHAR(255) NOT NULL, UNIQUE (aggregate_identifier, sequence_number))").update();
            engine = org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine.builder()
                    .schema(schema)
                    .connectionProvider(new org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider(dataSource))
                    .transactionManager(new org.axonframework.spring.messaging.unitofwork.SpringTransactionManager(transactions))
                    .eventSerializer(org.axonframework.serialization.json.JacksonSerializer.defaultSerializer())
                    .snapshotSerializer(org.axonframework.serialization.json.JacksonSerializer.defaultSerializer())
                    .build();
            store = org.axonframework.eventsourcing.eventstore.EmbeddedEventStore.builder().storageEngine(engine).build();
        }

        /** The history over this table, its look-ups sent through this client. */
        EventHistory history(JdbcClient lookups) {
            return new EventHistory(store, new EventHistory.EventTable(schema, lookups), Duration.ofSeconds(10));
        }

        void append(String payload) {
            inOneTransaction.executeWithoutResult(status -> engine.appendEvents(event(payload)));
        }

        @Override
        public void close() {
            store.shutDown();
            jdbc.sql("DROP TABLE IF EXISTS late_event_entry").update();
        }
    }

    /** Something to do once a query has run, its rows fetched. */
    @FunctionalInterface
    private interface AfterQuery {
        void ran(String sql) throws Exception;
    }

    /** A client over the application's data source that does this after each query it sends. */
    private JdbcClient afterEachQuery(AfterQuery after) {
        javax.sql.DataSource hooked = (javax.sql.DataSource) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[]{javax.sql.DataSource.class}, (proxy, method, args) -> {
                    Object result = invoke(method, dataSource, args);
                    if (!method.getName().equals("getConnection")) {
                        return result;
                    }
                    java.sql.Connection connection = (java.sql.Connection) result;
                    return java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                            new Class<?>[]{java.sql.Connection.class}, (c, cm, cargs) -> {
                                Object made = invoke(cm, connection, cargs);
                                if (!cm.getName().equals("prepareStatement")) {
                                    return made;
                                }
                                java.sql.PreparedStatement statement = (java.sql.PreparedStatement) made;
                                String sql = (String) cargs[0];
                                return java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                                        new Class<?>[]{java.sql.PreparedStatement.class}, (st, sm, sargs) -> {
                                            Object out = invoke(sm, statement, sargs);
                                            if (sm.getName().equals("executeQuery")) {
                                                after.ran(sql);
                                            }
                                            return out;
                                        });
                            });
                });
        return JdbcClient.create(hooked);
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static org.axonframework.eventhandling.DomainEventMessage<String> event(String payload) {
        return new org.axonframework.eventhandling.GenericDomainEventMessage<>("Late", payload, 0, payload);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An export as read: the header's head, the history entries, and the closing line. */
    record Export(long head, List<JsonNode> entries, JsonNode end) {
        List<Long> positions() {
            return entries.stream().map(entry -> entry.get("position").asLong()).toList();
        }
    }

    private Export export(long after) throws Exception {
        MvcResult started = mvc.perform(get("/api/audit/export?after=" + after).with(auditor()))
                .andExpect(request().asyncStarted())
                .andReturn();
        MvcResult result = mvc.perform(asyncDispatch(started)).andExpect(status().isOk()).andReturn();
        List<JsonNode> lines = Arrays.stream(result.getResponse().getContentAsString().split("\n"))
                .filter(line -> !line.isBlank()).map(line -> json.readTree(line)).toList();
        assertThat(lines).as("an export ends with its closing line").isNotEmpty();
        JsonNode last = lines.get(lines.size() - 1);
        assertThat(last.has("exportEnd")).as("the last line: %s", last).isTrue();
        return new Export(Long.parseLong(result.getResponse().getHeader("Lethe-History-Head")),
                lines.subList(0, lines.size() - 1), last.get("exportEnd"));
    }

    private int eventsUpTo(long head) {
        return jdbc.sql("SELECT count(*) FROM domain_event_entry WHERE global_index <= ?").param(head)
                .query(Integer.class).single();
    }

    private JsonNode auditJson(String path) throws Exception {
        return json.readTree(mvc.perform(get(path).with(auditor())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString());
    }

    private void registerSubjects(int count) throws Exception {
        for (int i = 0; i < count; i++) {
            register();
        }
    }

    private String register() throws Exception {
        String body = mvc.perform(post("/api/subjects").with(signedIn("service", "lethe-service")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"jurisdiction\":\"UK\",\"name\":\"Audra " + letters() + "\",\"dateOfBirth\":\"1991-02-03\","
                                + "\"email\":\"audra@example.uk\"}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return json.readTree(body).get("subjectId").asString();
    }

    private static String letters() {
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            name.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        return name.toString();
    }

    private static RequestPostProcessor auditor() {
        return signedIn("auditor", "lethe-auditor");
    }
}
