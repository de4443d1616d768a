package io.lethe.platform.crypto;

import io.lethe.platform.PlatformClient;
import io.lethe.platform.PlatformTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * More product services register new subjects at once than the pool has connections. A first
 * registration creates the subject's keys; no registration may wait for a connection it can never get
 * (keys used to be created on a second pooled connection while the command held the first: with as
 * many senders as connections, every one waited for the pool's time-out and failed).
 */
@PlatformTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// the pool's time-out stays at its default (30 s): a slow machine may queue commands for connections,
// but only a command waiting for a connection it can never get times out, and is answered 500
@TestPropertySource(properties = "spring.datasource.hikari.maximum-pool-size=4")
class ConcurrentFirstRegistrationsTest {

    private static final int SENDERS = 32;

    @Autowired
    ConfigurableApplicationContext context;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    @Test
    void manyMoreConcurrentFirstRegistrationsThanConnectionsAllSucceedWithOneKeySetEach() throws Exception {
        PlatformClient client = new PlatformClient(context);
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        CountDownLatch start = new CountDownLatch(1);
        String tag = UUID.randomUUID().toString().substring(0, 8);
        try {
            List<Future<PlatformClient.Answer>> answers = new ArrayList<>();
            for (int i = 0; i < SENDERS; i++) {
                int n = i;
                answers.add(senders.submit(() -> {
                    start.await();
                    return client.post("/api/subjects", "service", "{\"jurisdiction\":\"EU\",\"name\":\"Burst " + n
                            + "\",\"dateOfBirth\":\"1990-02-02\",\"email\":\"burst-" + n + "." + tag + "@example.eu\"}");
                }));
            }
            start.countDown();
            List<String> subjects = new ArrayList<>();
            for (Future<PlatformClient.Answer> answer : answers) {
                PlatformClient.Answer done = answer.get();
                assertThat(done.status()).as("every registration is answered 201").isEqualTo(201);
                subjects.add(done.json().get("subjectId").asString());
            }
            // nor did anything else on the node — processors claiming their segments included — wait for a
            // connection until the pool gave up
            assertThat(meters.get("hikaricp.connections.timeout").counter().count()).isZero();
            List<Map<String, Object>> keys = jdbc.queryForList("SELECT subject_id, count(*) AS classes FROM subject_key "
                    + "WHERE subject_id = ANY (?) AND wrapped_key IS NOT NULL GROUP BY subject_id",
                    (Object) subjects.toArray(String[]::new));
            assertThat(keys).hasSize(SENDERS).allSatisfy(row -> assertThat(((Number) row.get("classes")).intValue()).isEqualTo(4));
        } finally {
            senders.shutdownNow();
        }
    }

    /**
     * A service retrying without an idempotency key, many times at once, with the id it chose: the
     * registration begins its stream without reading it, so the store decides. One is registered; every
     * other is refused as a registration of a registered subject (409), none fails, and the subject has
     * one stream, one set of keys and one published word.
     */
    @Test
    void concurrentRegistrationsOfOneSubjectRegisterItOnceAndRefuseTheRest() throws Exception {
        PlatformClient client = new PlatformClient(context);
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        CountDownLatch start = new CountDownLatch(1);
        String subject = UUID.randomUUID().toString();
        try {
            List<Future<PlatformClient.Answer>> answers = new ArrayList<>();
            for (int i = 0; i < SENDERS; i++) {
                answers.add(senders.submit(() -> {
                    start.await();
                    return client.post("/api/subjects", "service", "{\"subjectId\":\"" + subject + "\",\"jurisdiction\":\"EU\","
                            + "\"name\":\"Once Only\",\"dateOfBirth\":\"1990-02-02\",\"email\":\"once@example.eu\"}");
                }));
            }
            start.countDown();
            int registered = 0;
            String position = null;
            for (Future<PlatformClient.Answer> answer : answers) {
                PlatformClient.Answer done = answer.get();
                if (done.status() == 201) {
                    registered++;
                    position = done.header("Lethe-Position");
                } else {
                    assertThat(done.status()).as("every other registration is refused, none fails").isEqualTo(409);
                    assertThat(done.json().get("type").asString()).isEqualTo("urn:problem-type:lethe:subject-already-registered");
                }
            }
            assertThat(registered).isEqualTo(1);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                    Long.class, subject)).isEqualTo(1);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM subject_key WHERE subject_id = ? AND wrapped_key IS NOT NULL",
                    Long.class, subject)).isEqualTo(4);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM usage_governance WHERE subject_id = ? AND NOT terminated "
                    + "AND NOT restricted AND erased = '{}' AND NOT begun_unread", Long.class, subject))
                    .as("the word is the new subject's").isEqualTo(1);
            // the one stored registration opens with the keys the vault holds for the subject
            PlatformClient.Answer summary = client.get("/api/subjects/" + subject, "staff", "Lethe-Read-After", position);
            assertThat(summary.status()).isEqualTo(200);
            assertThat(summary.json().get("name").asString()).isEqualTo("Once Only");
        } finally {
            senders.shutdownNow();
        }
    }
}
