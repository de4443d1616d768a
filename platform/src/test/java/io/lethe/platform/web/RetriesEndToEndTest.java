package io.lethe.platform.web;

import io.lethe.platform.PlatformClient;
import io.lethe.platform.PlatformTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Product services retry on time-outs. With an {@code Idempotency-Key} a retry gets the first answer
 * and changes nothing; with another body the key is refused; sent at once, it runs once; a first
 * attempt that failed keeps nothing. Activity pieces a service identifies are counted once even when a
 * batch is sent again without a key.
 */
@PlatformTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = "lethe.idempotency.lease=2s")
class RetriesEndToEndTest {

    private static final String REGISTRATIONS = "SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%AccountRegisteredEvent'";

    @Autowired
    ConfigurableApplicationContext context;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aRetriedRegistrationGetsTheFirstAnswerAndRegistersNoOneTwice() {
        PlatformClient client = new PlatformClient(context);
        String tag = tag();
        String key = UUID.randomUUID().toString();
        long before = registrations();

        PlatformClient.Answer first = client.post("/api/subjects", "service", registration(tag), key);
        PlatformClient.Answer retry = client.post("/api/subjects", "service", registration(tag), key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        // a read after the replayed answer is a read after the first call's writes
        assertThat(first.header("Lethe-Position")).isNotNull();
        assertThat(retry.header("Lethe-Position")).isEqualTo(first.header("Lethe-Position"));
        assertThat(registrations()).isEqualTo(before + 1);
        // the same key from another caller is another key
        assertThat(client.post("/api/subjects", "staff", registration(tag), key).status()).isEqualTo(403);
    }

    @Test
    void theSameKeyWithAnotherRequestIsRefusedAndChangesNothing() {
        PlatformClient client = new PlatformClient(context);
        String key = "order-" + tag();
        assertThat(client.post("/api/subjects", "service", registration(tag()), key).status()).isEqualTo(201);
        long before = registrations();

        PlatformClient.Answer reused = client.post("/api/subjects", "service", registration(tag()), key);

        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(reused.json().get("type").asString()).isEqualTo("urn:problem-type:lethe:idempotency-key-reused");
        assertThat(registrations()).isEqualTo(before);
    }

    @Test
    void aMalformedKeyIsRefusedBeforeAnythingRuns() {
        PlatformClient client = new PlatformClient(context);
        long before = registrations();
        PlatformClient.Answer answer = client.post("/api/subjects", "service", registration(tag()), "x".repeat(256));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("type").asString()).isEqualTo("urn:problem-type:lethe:idempotency-key-invalid");
        assertThat(registrations()).isEqualTo(before);
    }

    @Test
    void manyConcurrentRequestsWithOneKeyRunOnce() throws Exception {
        PlatformClient client = new PlatformClient(context);
        String tag = tag();
        String key = UUID.randomUUID().toString();
        long before = registrations();
        int senders = 24;
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<PlatformClient.Answer>> answers = new ArrayList<>();
            for (int i = 0; i < senders; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return client.post("/api/subjects", "service", registration(tag), key);
                }));
            }
            start.countDown();
            Set<String> subjects = new HashSet<>();
            int created = 0;
            for (Future<PlatformClient.Answer> future : answers) {
                PlatformClient.Answer answer = future.get();
                if (answer.status() == 201) {
                    created++;
                    subjects.add(answer.json().get("subjectId").asString());
                } else {
                    assertThat(answer.status()).as("the others are told the first is still running").isEqualTo(409);
                    assertThat(answer.json().get("type").asString()).isEqualTo("urn:problem-type:lethe:idempotency-key-in-flight");
                    assertThat(answer.header("Retry-After")).isNotNull();
                }
            }
            assertThat(created).isPositive();
            assertThat(subjects).as("every 201 names the same subject").hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(registrations()).isEqualTo(before + 1);
        // once it is done, a retry gets its answer
        assertThat(client.post("/api/subjects", "service", registration(tag), key).status()).isEqualTo(201);
    }

    @Test
    void aFirstAttemptThatFailedOnThePlatformsSideKeepsNothingAndItsRetryRuns() {
        PlatformClient client = new PlatformClient(context);
        String tag = tag();
        String key = UUID.randomUUID().toString();
        long before = registrations();
        jdbc.execute("CREATE OR REPLACE FUNCTION refuse_registrations_" + tag + "() RETURNS trigger AS $$ BEGIN "
                + "IF NEW.payload_type LIKE '%AccountRegisteredEvent' THEN RAISE EXCEPTION 'the event store refuses'; END IF; "
                + "RETURN NEW; END $$ LANGUAGE plpgsql");
        jdbc.execute("CREATE TRIGGER refuse_registrations_" + tag + " BEFORE INSERT ON domain_event_entry FOR EACH ROW "
                + "EXECUTE FUNCTION refuse_registrations_" + tag + "()");
        try {
            assertThat(client.post("/api/subjects", "service", registration(tag), key).status()).isEqualTo(500);
        } finally {
            jdbc.execute("DROP TRIGGER refuse_registrations_" + tag + " ON domain_event_entry");
            jdbc.execute("DROP FUNCTION refuse_registrations_" + tag + "()");
        }
        PlatformClient.Answer retry = client.post("/api/subjects", "service", registration(tag), key);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).isNull();
        assertThat(registrations()).isEqualTo(before + 1);
    }

    /**
     * The process died after the registration committed and before its answer was kept: once the
     * claim's lease has passed, the retry runs again — and names the same subject, which exists, so
     * no second one is made.
     */
    @Test
    void aRetryAfterTheFirstAttemptsProcessDiedCreatesNoSecondSubject() {
        PlatformClient client = new PlatformClient(context);
        String tag = tag();
        String key = UUID.randomUUID().toString();
        PlatformClient.Answer first = client.post("/api/subjects", "service", registration(tag), key);
        assertThat(first.status()).isEqualTo(201);
        long before = registrations();
        // as the dead process left it: claimed, never completed
        jdbc.update("UPDATE idempotency_key SET state = 'IN_FLIGHT', status = NULL, response = NULL, "
                + "lease_until = now() - interval '1 minute' WHERE state = 'DONE' AND expires_at > now() + interval '23 hours 59 minutes 50 seconds'");

        PlatformClient.Answer retry = client.post("/api/subjects", "service", registration(tag), key);

        assertThat(registrations()).as("the subject the first attempt made is the only one").isEqualTo(before);
        assertThat(retry.status()).isEqualTo(409);
        assertThat(retry.json().get("type").asString()).isEqualTo("urn:problem-type:lethe:subject-already-registered");
    }

    /** A request slower than the claim's lease keeps its claim: a retry meanwhile waits, it does not run it twice. */
    @Test
    void aRequestSlowerThanTheLeaseIsNotRunAgainByARetry(@Autowired javax.sql.DataSource dataSource) throws Exception {
        PlatformClient client = new PlatformClient(context);
        String tag = tag();
        String key = UUID.randomUUID().toString();
        long before = registrations();
        java.util.concurrent.CompletableFuture<PlatformClient.Answer> first;
        try (java.sql.Connection lock = dataSource.getConnection()) {
            lock.setAutoCommit(false);
            // the event store takes no insert until this transaction ends: the registration waits
            lock.createStatement().execute("LOCK TABLE domain_event_entry IN SHARE ROW EXCLUSIVE MODE");
            first = java.util.concurrent.CompletableFuture.supplyAsync(() ->
                    client.post("/api/subjects", "service", registration(tag), key));
            Thread.sleep(5_000); // more than twice the lease (2 s)
            PlatformClient.Answer meanwhile = client.post("/api/subjects", "service", registration(tag), key);
            assertThat(meanwhile.status()).as("the first still holds its claim").isEqualTo(409);
            assertThat(meanwhile.json().get("type").asString()).isEqualTo("urn:problem-type:lethe:idempotency-key-in-flight");
            lock.commit();
        }
        assertThat(first.get().status()).isEqualTo(201);
        PlatformClient.Answer after = client.post("/api/subjects", "service", registration(tag), key);
        assertThat(after.status()).isEqualTo(201);
        assertThat(after.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(registrations()).isEqualTo(before + 1);
    }

    /** A batch answer that reports an unexpected failure for one subject is not kept: its retry runs again. */
    @Test
    void aBatchAnswerReportingAnUnexpectedFailureIsNotReplayed() {
        PlatformClient client = new PlatformClient(context);
        String failing = client.post("/api/subjects", "service", registration(tag())).json().get("subjectId").asString();
        String fine = client.post("/api/subjects", "service", registration(tag())).json().get("subjectId").asString();
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        String batch = "{\"activities\":[{\"subjectId\":\"" + failing + "\",\"occurredAt\":\"" + now + "\",\"kind\":\"APPLICATION\","
                + "\"action\":\"viewed\",\"target\":\"home\",\"pieceId\":\"a-1\"},{\"subjectId\":\"" + fine + "\",\"occurredAt\":\""
                + now + "\",\"kind\":\"APPLICATION\",\"action\":\"viewed\",\"target\":\"home\",\"pieceId\":\"b-1\"}]}";
        String key = UUID.randomUUID().toString();
        String tag = tag();
        jdbc.execute("CREATE OR REPLACE FUNCTION refuse_activity_" + tag + "() RETURNS trigger AS $$ BEGIN "
                + "IF NEW.aggregate_identifier LIKE '" + failing + "/%' AND NEW.payload_type LIKE '%ActivityRecordedEvent' "
                + "THEN RAISE EXCEPTION 'the event store refuses'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql");
        jdbc.execute("CREATE TRIGGER refuse_activity_" + tag + " BEFORE INSERT ON domain_event_entry FOR EACH ROW "
                + "EXECUTE FUNCTION refuse_activity_" + tag + "()");
        JsonNode first;
        try {
            first = client.post("/api/activity", "service", batch, key).json();
        } finally {
            jdbc.execute("DROP TRIGGER refuse_activity_" + tag + " ON domain_event_entry");
            jdbc.execute("DROP FUNCTION refuse_activity_" + tag + "()");
        }
        assertThat(first.get("recorded").asInt()).isEqualTo(1);
        assertThat(first.get("refused").get(0).get("code").asString()).isEqualTo("internal-error");

        PlatformClient.Answer retry = client.post("/api/activity", "service", batch, key);

        assertThat(retry.header("Idempotent-Replayed")).isNull();
        assertThat(retry.json().get("recorded").asInt()).isEqualTo(1);
        assertThat(retry.json().get("alreadyRecorded").asInt()).isEqualTo(1);
        assertThat(retry.json().get("refused")).isEmpty();
    }

    @Test
    void theKeysTableHoldsNeitherTheKeyNorTheRequestNorTheAnswerInTheClear() {
        PlatformClient client = new PlatformClient(context);
        String tag = tag();
        String key = "key-of-casey." + tag + "@example.com";
        PlatformClient.Answer answer = client.post("/api/subjects", "service", registration(tag), key);
        assertThat(answer.status()).isEqualTo(201);
        String subject = answer.json().get("subjectId").asString();
        List<byte[]> rows = jdbc.query("SELECT caller_key || fingerprint || seed || coalesce(response, ''::bytea) FROM idempotency_key",
                (row, number) -> row.getBytes(1));
        for (byte[] row : rows) {
            String text = new String(row, StandardCharsets.ISO_8859_1);
            assertThat(text).doesNotContain(tag).doesNotContain(subject).doesNotContain("service");
        }
    }

    @Test
    void anActivityBatchRetriedWithOrWithoutAKeyCountsEachPieceOnce() {
        PlatformClient client = new PlatformClient(context);
        String subject = client.post("/api/subjects", "service", registration(tag())).json().get("subjectId").asString();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        StringBuilder pieces = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            pieces.append(i == 0 ? "" : ",").append("{\"subjectId\":\"").append(subject).append("\",\"occurredAt\":\"")
                    .append(now.minusSeconds(i)).append("\",\"kind\":\"APPLICATION\",\"action\":\"viewed\",\"target\":\"screen-")
                    .append(i).append("\",\"region\":\"US-CA\",\"pieceId\":\"evt-").append(i).append("\"}");
        }
        String batch = "{\"activities\":[" + pieces + "]}";
        String key = UUID.randomUUID().toString();

        JsonNode first = client.post("/api/activity", "service", batch, key).json();
        PlatformClient.Answer replayed = client.post("/api/activity", "service", batch, key);
        JsonNode withoutKey = client.post("/api/activity", "service", batch).json();

        assertThat(first.get("recorded").asInt()).isEqualTo(20);
        assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replayed.json().get("recorded").asInt()).isEqualTo(20);
        assertThat(withoutKey.get("recorded").asInt()).isZero();
        assertThat(withoutKey.get("alreadyRecorded").asInt()).isEqualTo(20);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode report = client.get("/api/subjects/" + subject + "/access-report", "staff").json();
            JsonNode activity = null;
            for (JsonNode category : report.get("categories")) {
                if (category.get("category").asString().startsWith("D")) {
                    activity = category;
                }
            }
            assertThat(activity).as("category D in the report").isNotNull();
            assertThat(activity.get("piecesTotal").asInt()).isEqualTo(20);
        });
    }

    private long registrations() {
        return jdbc.queryForObject(REGISTRATIONS, Long.class);
    }

    private static String tag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static String registration(String tag) {
        return "{\"jurisdiction\":\"US-CA\",\"name\":\"Riley Retry-" + tag + "\",\"dateOfBirth\":\"1987-03-03\","
                + "\"email\":\"riley." + tag + "@retry.example\"}";
    }
}
