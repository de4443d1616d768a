package io.lethe.platform.crypto;

import io.lethe.core.crypto.DataKeys;
import io.lethe.platform.PlatformTest;
import io.lethe.platform.axon.EventTables;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An aggregate's stream is read in batches of sequence numbers, and a batch shorter than asked for ends
 * the read (one query fewer on every load than Axon's JDBC default, which reads until a batch is empty):
 * a stream of any length around the batch's size is read whole, from its start or from a snapshot's.
 * The store's producer reads the global stream the same way, every other reader as Axon does (until a
 * batch is empty); and a read with no transaction running is a statement on its own, one inside a
 * transaction joins it.
 */
@PlatformTest
class AggregateStreamBatchesTest {

    private static final int BATCH = 4;

    @Autowired
    DataSource dataSource;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataKeys keys;

    private JdbcEventStorageEngine engine;

    @BeforeEach
    void aStoreOfItsOwn() {
        // on the same database, in a table of its own: the platform's processors never see these events
        jdbc.sql("DROP TABLE IF EXISTS batch_event_entry").update();
        jdbc.sql("CREATE TABLE batch_event_entry (LIKE domain_event_entry INCLUDING DEFAULTS INCLUDING CONSTRAINTS)").update();
        jdbc.sql("ALTER TABLE batch_event_entry ALTER COLUMN global_index DROP DEFAULT").update();
        jdbc.sql("CREATE SEQUENCE IF NOT EXISTS batch_event_entry_seq").update();
        jdbc.sql("ALTER TABLE batch_event_entry ALTER COLUMN global_index SET DEFAULT nextval('batch_event_entry_seq')").update();
        jdbc.sql("ALTER TABLE batch_event_entry ADD UNIQUE (aggregate_identifier, sequence_number)").update();
        SpringDataSourceConnectionProvider spring = new SpringDataSourceConnectionProvider(dataSource);
        org.axonframework.common.jdbc.ConnectionProvider connections = () -> counting(spring.getConnection());
        engine = new KeyPreloadingEventStorageEngine(JdbcEventStorageEngine.builder()
                .schema(EventTables.schema("batch_event_entry", "snapshot_event_entry"))
                .connectionProvider(connections)
                .transactionManager(new io.lethe.platform.axon.ReadsOutsideTransactions(new SpringTransactionManager(transactions)))
                .eventSerializer(JacksonSerializer.defaultSerializer())
                .snapshotSerializer(JacksonSerializer.defaultSerializer())
                .batchSize(BATCH), keys, connections, EventTables.schema("batch_event_entry", "snapshot_event_entry"));
    }

    @AfterEach
    void dropIt() {
        jdbc.sql("DROP TABLE IF EXISTS batch_event_entry").update();
        jdbc.sql("DROP SEQUENCE IF EXISTS batch_event_entry_seq").update();
    }

    private final java.util.concurrent.atomic.AtomicInteger queries = new java.util.concurrent.atomic.AtomicInteger();
    /** Whether each statement prepared ran in a transaction (its connection not in auto-commit). */
    private final List<Boolean> inTransaction = java.util.Collections.synchronizedList(new ArrayList<>());

    private java.sql.Connection counting(java.sql.Connection connection) {
        return (java.sql.Connection) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{java.sql.Connection.class}, (proxy, method, arguments) -> {
                    if (method.getName().equals("prepareStatement")) {
                        queries.incrementAndGet();
                        inTransaction.add(!connection.getAutoCommit());
                    }
                    try {
                        return method.invoke(connection, arguments);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void aStreamOfAnyLengthAroundTheBatchIsReadWholeWithOneQueryPerBatch() {
        for (int length : List.of(1, BATCH - 1, BATCH, BATCH + 1, 2 * BATCH, 2 * BATCH + 1, 5 * BATCH + 3)) {
            String stream = "batches-" + length;
            append(stream, length);
            queries.set(0);
            assertThat(sequences(stream, 0)).as("a stream of %d from its start", length)
                    .containsExactlyElementsOf(LongStream.range(0, length).boxed().toList());
            // a full batch cannot tell it is the last, so one more query follows it; a short one ends the read
            assertThat(queries.get()).as("queries for a stream of %d", length).isEqualTo(length / BATCH + 1);
            for (long from : List.of(1L, (long) BATCH - 1, (long) BATCH, (long) length - 1)) {
                if (from < length) {
                    assertThat(sequences(stream, from)).as("a stream of %d from %d", length, from)
                            .containsExactlyElementsOf(LongStream.range(from, length).boxed().toList());
                }
            }
        }
        queries.set(0);
        assertThat(sequences("batches-none", 0)).isEmpty();
        assertThat(queries.get()).isEqualTo(1);
    }

    @Test
    void theProducersReadOfTheGlobalStreamEndsAtAShortBatchAndOtherReadersReadOn() {
        for (int length : List.of(1, BATCH - 1, BATCH, BATCH + 1, 2 * BATCH, 3 * BATCH + 2)) {
            append("global-" + length, length);
            long head = jdbc.sql("SELECT max(global_index) FROM batch_event_entry").query(Long.class).single();
            org.axonframework.eventhandling.TrackingToken before =
                    org.axonframework.eventhandling.GapAwareTrackingToken.newInstance(head - length, java.util.Set.of());

            queries.set(0);
            assertThat(positions(engine.readEvents(before, true))).as("the producer's read of %d", length)
                    .containsExactlyElementsOf(LongStream.rangeClosed(head - length + 1, head).boxed().toList());
            // full batches, then a short one that ends it; a read ending on a full batch asks once more,
            // finds nothing, and Axon checks beyond the batch's window (one query more)
            assertThat(queries.get()).as("queries of the producer's read of %d", length)
                    .isEqualTo(length % BATCH == 0 ? length / BATCH + 2 : length / BATCH + 1);

            // any other reader's stream is Axon's: it reads on until a batch comes back empty (and checks beyond it)
            queries.set(0);
            assertThat(positions(engine.readEvents(before, false))).as("another reader's read of %d", length)
                    .containsExactlyElementsOf(LongStream.rangeClosed(head - length + 1, head).boxed().toList());
            assertThat(queries.get()).as("queries of another reader's read of %d", length)
                    .isEqualTo(length % BATCH == 0 ? length / BATCH + 2 : length / BATCH + 3);
        }
    }

    @Test
    void aReadWithNoTransactionRunningIsAStatementOnItsOwnAndOneInsideATransactionJoinsIt() {
        append("transactions", 3);
        inTransaction.clear();
        assertThat(positions(engine.readEvents(null, true))).hasSize(3);
        assertThat(sequences("transactions", 0)).hasSize(3);
        assertThat(inTransaction).as("outside a transaction").isNotEmpty().containsOnly(false);

        inTransaction.clear();
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            assertThat(positions(engine.readEvents(null, true))).hasSize(3);
            assertThat(sequences("transactions", 0)).hasSize(3);
        });
        assertThat(inTransaction).as("inside one").isNotEmpty().containsOnly(true);
    }

    private static List<Long> positions(java.util.stream.Stream<? extends org.axonframework.eventhandling.TrackedEventMessage<?>> events) {
        return events.map(event -> event.trackingToken().position().orElseThrow()).toList();
    }

    private void append(String stream, int length) {
        List<DomainEventMessage<?>> events = new ArrayList<>();
        IntStream.range(0, length).forEach(sequence ->
                events.add(new GenericDomainEventMessage<>("Batch", stream, sequence, "event " + sequence)));
        new TransactionTemplate(transactions).executeWithoutResult(status -> engine.appendEvents(events));
    }

    private List<Long> sequences(String stream, long from) {
        return engine.readEvents(stream, from).asStream().map(DomainEventMessage::getSequenceNumber).toList();
    }
}
