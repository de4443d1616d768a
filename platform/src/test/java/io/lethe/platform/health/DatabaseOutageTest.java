package io.lethe.platform.health;

import io.lethe.platform.LetheApplication;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The platform's PostgreSQL stops while product services keep sending commands — more senders than
 * the connection pool has connections — and starts again on the same port and data directory. A real
 * PostgreSQL, stopped and started inside the test; the platform in this JVM, as the {@code postgres}
 * profile would run it against an external server.
 *
 * <p>During the outage every caller is answered within two seconds, with a 503 problem detail
 * {@code database-unavailable} and {@code Retry-After}, never left hanging on a pool that cannot
 * connect; readiness is DOWN (liveness stays UP: a restart would not help). When the database is back
 * the platform serves again without a restart: every purchase answered 201 is in the event store
 * exactly once, the projections and the sagas' processors catch up with no segment in error, and a
 * retention deadline that fell due during the outage fires.
 */
class DatabaseOutageTest {

    private static final int POOL = 6;
    private static final int SENDERS = 16;
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(2);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path directory;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private int httpPort;

    /** One request of the load: when it was sent and answered, and how. */
    record Answer(Instant sent, Instant answered, int status, String type, String retryAfter, String purchaseId) {
        Duration took() {
            return Duration.between(sent, answered);
        }
    }

    @Test
    void commandsDuringAnOutageAreRefusedFastAndThePlatformRecoversWithoutARestart() throws Exception {
        int databasePort = io.lethe.platform.FreePorts.any();
        EmbeddedPostgres database = postgres(databasePort);
        try (ConfigurableApplicationContext platform = start(databasePort)) {
            httpPort = ((WebServerApplicationContext) platform).getWebServer().getPort();
            assertThat(get("/actuator/health/readiness", null).statusCode()).isEqualTo(200);

            // a Taiwan account terminated now: its deletion deadline falls due during the outage
            String taiwan = register("TW", "Lin Outage", "lin.outage@example.tw").subjectId();
            assertThat(post("/api/subjects/" + taiwan + "/termination", "{\"reason\":\"SUBJECT_REQUEST\"}").statusCode())
                    .isEqualTo(204);

            // purchases for subjects registered first: each takes one pooled connection (a registration
            // also creates the subject's keys)
            List<String> subjects = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                subjects.add(register("EU", "Outage " + letters(), "outage@example.eu").subjectId());
            }
            ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
            AtomicBoolean sending = new AtomicBoolean(true);
            ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
            for (int sender = 0; sender < SENDERS; sender++) {
                senders.submit(() -> {
                    while (sending.get()) {
                        answers.add(purchase(subjects.get(java.util.concurrent.ThreadLocalRandom.current().nextInt(subjects.size()))));
                    }
                    return null;
                });
            }
            Thread.sleep(3_000);
            assertThat(answers).anyMatch(answer -> answer.status() == 201);
            // what a healthy pool's callers wait under this load: the measure a short connection timeout would cut
            io.micrometer.core.instrument.MeterRegistry meters = platform.getBean(io.micrometer.core.instrument.MeterRegistry.class);
            System.out.printf("[DatabaseOutageTest] under load before the stop: longest wait for a connection %.3f s, "
                            + "%.0f waiting, %.0f timed out%n",
                    meters.get("hikaricp.connections.acquire").timer().max(TimeUnit.SECONDS),
                    meters.get("hikaricp.connections.pending").gauge().value(),
                    meters.get("hikaricp.connections.timeout").counter().count());

            database.close();
            Instant stopped = Instant.now();
            await().atMost(ANSWER_WITHIN).pollInterval(Duration.ofMillis(100))
                    .until(() -> get("/actuator/health/readiness", null).statusCode() == 503);
            Thread.sleep(8_000);
            assertThat(get("/actuator/health/liveness", null).statusCode()).as("liveness: no restart wanted").isEqualTo(200);
            HttpResponse<String> health = get("/actuator/health", "admin:lethe-admin");
            assertThat(JSON.readTree(health.body()).get("components").get("database").get("status").asString())
                    .isEqualTo("DOWN");

            Instant restarted = Instant.now();
            database = postgres(databasePort);
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                    .until(() -> get("/actuator/health/readiness", null).statusCode() == 200);
            System.out.printf("[DatabaseOutageTest] ready again %s after the database was started%n",
                    Duration.between(restarted, Instant.now()));
            await().atMost(Duration.ofSeconds(20)).until(() -> answers.stream()
                    .anyMatch(answer -> answer.status() == 201 && answer.sent().isAfter(restarted)));
            sending.set(false);
            senders.shutdown();
            assertThat(senders.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

            List<Answer> duringOutage = answers.stream()
                    .filter(answer -> answer.answered().isAfter(stopped) && answer.sent().isBefore(restarted))
                    .toList();
            System.out.printf("[DatabaseOutageTest] %d requests during the outage: %s; slowest answer %s%n", duringOutage.size(),
                    duringOutage.stream().collect(java.util.stream.Collectors.groupingBy(
                            answer -> answer.status() + " " + answer.type(), java.util.TreeMap::new, java.util.stream.Collectors.counting())),
                    duringOutage.stream().map(Answer::took).max(Duration::compareTo).orElse(Duration.ZERO));
            assertThat(duringOutage).as("requests during the outage").hasSizeGreaterThan(SENDERS);
            assertThat(duringOutage).as("every caller answered within %s of the stop or of sending", ANSWER_WITHIN)
                    .allSatisfy(answer -> assertThat(Duration.between(
                            answer.sent().isAfter(stopped) ? answer.sent() : stopped, answer.answered()))
                            .isLessThanOrEqualTo(ANSWER_WITHIN));
            assertThat(duringOutage.stream().filter(answer -> answer.sent().isAfter(stopped.plusMillis(500))))
                    .as("refused while the database is down").isNotEmpty()
                    .allSatisfy(answer -> {
                        assertThat(answer.status()).isEqualTo(503);
                        assertThat(answer.type()).isEqualTo("urn:problem-type:lethe:database-unavailable");
                        assertThat(answer.retryAfter()).isNotBlank();
                    });
            assertThat(duringOutage).allSatisfy(answer -> assertThat(answer.status()).isIn(201, 503));

            List<String> acknowledged = answers.stream().filter(answer -> answer.status() == 201).map(Answer::purchaseId).toList();
            Map<String, Integer> purchases = purchases(databasePort);
            assertThat(acknowledged).as("purchases answered 201").hasSizeGreaterThan(SENDERS)
                    .allSatisfy(purchase -> assertThat(purchases.get(purchase)).as("events of purchase %s", purchase).isEqualTo(1));
            int stored = purchases.values().stream().mapToInt(Integer::intValue).sum();

            // every processor resumes: summaries for every registration, positions at the head, none in error
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                assertThat(purchasesInSummaries(databasePort)).isEqualTo(stored);
                JsonNode processors = JSON.readTree(get("/api/admin/processors", "admin:lethe-admin").body());
                assertThat(processors.size()).isGreaterThan(5);
                for (JsonNode processor : processors) {
                    assertThat(processor.get("running").asBoolean()).as(processor.get("name").asString()).isTrue();
                    assertThat(processor.get("segmentsInError").asInt()).as(processor.get("name").asString()).isZero();
                    assertThat(processor.get("caughtUp").asBoolean()).as(processor.get("name").asString()).isTrue();
                    assertThat(processor.get("behind").asLong()).as(processor.get("name").asString()).isZero();
                }
            });
            // the deadline that fell due while the database was down has fired: Taiwan's deletion happened
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    shreddings(databasePort, taiwan) == 4);
        } finally {
            database.close();
        }
    }

    private ConfigurableApplicationContext start(int databasePort) {
        return new SpringApplicationBuilder(LetheApplication.class).run(
                "--lethe.embedded-postgres.enabled=false",
                "--spring.datasource.url=jdbc:postgresql://localhost:" + databasePort + "/postgres",
                "--spring.datasource.username=postgres",
                "--spring.datasource.hikari.maximum-pool-size=" + POOL,
                "--lethe.crypto.kek-file=" + directory.resolve("lethe.kek"),
                "--server.port=0",
                "--lethe.retention.taiwan-deletion=PT12S",
                "--db-scheduler.polling-interval=1s",
                // the demo users with a bcrypt cost of 4: the load is limited by the platform, not by hashing
                "--lethe.security.users[0].username=service", "--lethe.security.users[0].roles=SERVICE",
                "--lethe.security.users[0].password={bcrypt}$2a$04$TmPgKgJGx75EiBp/2fOp1OaKUfASzlzv3SJWDYsuzEvb1dFBeJ86a",
                "--lethe.security.users[1].username=admin", "--lethe.security.users[1].roles=ADMIN",
                "--lethe.security.users[1].password={bcrypt}$2a$04$rl9YFjOX0b/I9aSk862gduw/zTfDojtyuwxKXqWXdCGo0q6zC.QJS");
    }

    /** A real PostgreSQL on a fixed port, over the same data directory every time it starts. */
    private EmbeddedPostgres postgres(int port) throws IOException {
        return EmbeddedPostgres.builder()
                .setDataDirectory(directory.resolve("postgres"))
                .setCleanDataDirectory(false)
                .setPort(port)
                .setRegisterShutdownHook(false)
                .start();
    }

    private Registered register(String jurisdiction, String name, String email) throws IOException, InterruptedException {
        HttpResponse<String> response = post("/api/subjects", JSON.writeValueAsString(Map.of("jurisdiction", jurisdiction,
                "name", name, "dateOfBirth", "1990-05-05", "email", email)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return new Registered(JSON.readTree(response.body()).get("subjectId").asString());
    }

    record Registered(String subjectId) {
    }

    /** Records a purchase with an id of the caller's choosing, so the event store can be searched for it. */
    private Answer purchase(String subject) {
        String purchaseId = UUID.randomUUID().toString();
        Instant sent = Instant.now();
        try {
            HttpResponse<String> response = post("/api/subjects/" + subject + "/purchases", "{\"purchaseId\":\"" + purchaseId
                    + "\",\"item\":\"Ticket\",\"amount\":{\"currency\":\"EUR\",\"minorUnits\":900},"
                    + "\"card\":{\"expiry\":\"03/30\",\"lastFour\":\"1881\"}}");
            Instant answered = Instant.now();
            JsonNode body = response.body().isBlank() ? null : JSON.readTree(response.body());
            return new Answer(sent, answered, response.statusCode(),
                    body != null && body.has("type") ? body.get("type").asString() : null,
                    response.headers().firstValue("Retry-After").orElse(null), purchaseId);
        } catch (HttpTimeoutException hung) {
            return new Answer(sent, Instant.now(), -1, "no answer within 10 s", null, purchaseId);
        } catch (IOException e) {
            return new Answer(sent, Instant.now(), -2, e.getClass().getSimpleName(), null, purchaseId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort + path))
                .header("Authorization", io.lethe.platform.Callers.bearer("http://localhost:" + httpPort, "service", "lethe-service"))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String credentials) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort + path))
                .timeout(Duration.ofSeconds(10));
        if (credentials != null) {
            String[] user = credentials.split(":", 2);
            request.header("Authorization", io.lethe.platform.Callers.bearer("http://localhost:" + httpPort, user[0], user[1]));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Events per purchase id in the event store (the id is not personal data, so it is stored plain). */
    private static Map<String, Integer> purchases(int databasePort) throws SQLException {
        Map<String, Integer> count = new HashMap<>();
        try (Connection connection = connect(databasePort); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT convert_from(payload, 'UTF8')::jsonb ->> 'purchaseId' "
                     + "FROM domain_event_entry WHERE payload_type LIKE '%PurchaseRecordedEvent'")) {
            while (rows.next()) {
                count.merge(rows.getString(1), 1, Integer::sum);
            }
        }
        return count;
    }

    private static int purchasesInSummaries(int databasePort) throws SQLException {
        try (Connection connection = connect(databasePort); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT coalesce(sum(purchase_count), 0) FROM subject_summary")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static int shreddings(int databasePort, String subject) throws SQLException {
        try (Connection connection = connect(databasePort); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = '"
                     + UUID.fromString(subject) + "' AND payload_type LIKE '%PersonalDataShreddedEvent'")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static Connection connect(int databasePort) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + databasePort + "/postgres", "postgres", "");
    }

    /** A random name: digits in a name could read as a card number, which is refused. */
    private static String letters() {
        StringBuilder name = new StringBuilder();
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int i = 0; i < 12; i++) {
            name.append((char) ('a' + random.nextInt(26)));
        }
        return name.toString();
    }


}
