package io.lethe.platform.persistence;

import io.lethe.platform.Callers;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The embedded default as a system of record, tested the hard way: the platform runs in a JVM of its
 * own, four senders register subjects, and the JVM is killed with SIGKILL in the middle of it — first
 * alone (its PostgreSQL is left running, an orphan), then together with its PostgreSQL. Each time the
 * platform starts again on the same directory and every registration that was answered 201 is there.
 * The server is durable (fsync, synchronous commit, full-page writes) and takes connections only
 * with its password, over loopback.
 */
class CrashRecoveryTest {

    private static final Pattern SUBJECT_ID = Pattern.compile("\"subjectId\":\"([0-9a-f-]{36})\"");
    private static final Duration LOAD = Duration.ofSeconds(4);

    @TempDir
    Path directory;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void aPlatformKilledUnderLoadLosesNoAcknowledgedRegistrationAndStartsAgain() throws Exception {
        int databasePort = io.lethe.platform.FreePorts.any();
        int httpPort = io.lethe.platform.FreePorts.any();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();

        Process platform = start(databasePort, httpPort);
        acknowledged.addAll(registerUnderLoadThenKill(platform, httpPort, false));
        long orphan = postmasterPid();
        assertThat(ProcessHandle.of(orphan)).as("PostgreSQL outlives the killed JVM").isPresent();

        platform = start(databasePort, httpPort);
        assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false)).as("the orphan was stopped").isFalse();
        assertThat(missing(databasePort, acknowledged)).isEmpty();

        acknowledged.addAll(registerUnderLoadThenKill(platform, httpPort, true));
        platform = start(databasePort, httpPort);
        try {
            assertThat(acknowledged).hasSizeGreaterThan(100);
            assertThat(missing(databasePort, acknowledged)).as("acknowledged registrations lost").isEmpty();
            try (Connection connection = connect(databasePort); Statement statement = connection.createStatement()) {
                for (String setting : List.of("fsync", "synchronous_commit", "full_page_writes")) {
                    try (ResultSet result = statement.executeQuery("SHOW " + setting)) {
                        result.next();
                        assertThat(result.getString(1)).as(setting).isEqualTo("on");
                    }
                }
                try (ResultSet result = statement.executeQuery("SHOW unix_socket_directories")) {
                    result.next();
                    assertThat(result.getString(1)).as("no Unix socket").isEmpty();
                }
            }
            assertThatThrownBy(() -> DriverManager.getConnection("jdbc:postgresql://localhost:" + databasePort + "/lethe",
                    "postgres", "not-the-password").close()).isInstanceOf(SQLException.class)
                    .hasMessageContaining("password authentication failed");
            assertThat(Files.getPosixFilePermissions(directory.resolve("postgres").resolve(EmbeddedPostgresServer.PASSWORD_FILE)))
                    .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                            java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        } finally {
            platform.destroy();
            platform.waitFor(60, TimeUnit.SECONDS);
        }
    }

    /** Registers subjects from four senders for a few seconds, then SIGKILLs the JVM (and PostgreSQL). */
    private Set<String> registerUnderLoadThenKill(Process platform, int httpPort, boolean killPostgresToo) throws Exception {
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicBoolean sending = new AtomicBoolean(true);
        ExecutorService senders = Executors.newFixedThreadPool(4);
        for (int sender = 0; sender < 4; sender++) {
            senders.submit(() -> {
                while (sending.get()) {
                    try {
                        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                                        URI.create("http://localhost:" + httpPort + "/api/subjects"))
                                .header("Authorization", Callers.bearer("http://localhost:" + httpPort, "service", "lethe-service"))
                                .header("Content-Type", "application/json")
                                .timeout(Duration.ofSeconds(5))
                                .POST(HttpRequest.BodyPublishers.ofString("{\"jurisdiction\":\"TW\",\"name\":\"Crash "
                                        + UUID.randomUUID() + "\",\"dateOfBirth\":\"1991-01-01\",\"email\":\"crash@example.tw\"}"))
                                .build(), HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() == 201) {
                            Matcher id = SUBJECT_ID.matcher(response.body());
                            if (id.find()) {
                                acknowledged.add(id.group(1));
                            }
                        }
                    } catch (IOException gone) {
                        return null;
                    }
                }
                return null;
            });
        }
        Thread.sleep(LOAD.toMillis());
        long postmaster = postmasterPid();
        platform.destroyForcibly();
        if (killPostgresToo) {
            ProcessHandle.of(postmaster).ifPresent(ProcessHandle::destroyForcibly);
        }
        platform.waitFor(30, TimeUnit.SECONDS);
        sending.set(false);
        senders.shutdown();
        assertThat(senders.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        if (killPostgresToo) {
            await().atMost(Duration.ofSeconds(30)).until(() -> ProcessHandle.of(postmaster).isEmpty());
        }
        return acknowledged;
    }

    private Process start(int databasePort, int httpPort) throws IOException {
        Path log = directory.resolve("platform-" + Instant.now().toEpochMilli() + ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Xmx512m",
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                "-Daxoniq.update-checker.disabled=true",
                "io.lethe.platform.LetheApplication",
                "--lethe.embedded-postgres.data-directory=" + directory.resolve("postgres"),
                "--lethe.embedded-postgres.port=" + databasePort,
                "--lethe.crypto.kek-file=" + directory.resolve("lethe.kek"),
                "--server.port=" + httpPort,
                // the demo users, with a bcrypt cost of 4: the load is limited by the platform, not by hashing
                "--lethe.security.users[0].username=service", "--lethe.security.users[0].roles=SERVICE",
                "--lethe.security.users[0].password={bcrypt}$2a$04$TmPgKgJGx75EiBp/2fOp1OaKUfASzlzv3SJWDYsuzEvb1dFBeJ86a",
                "--lethe.security.users[1].username=admin", "--lethe.security.users[1].roles=ADMIN",
                "--lethe.security.users[1].password={bcrypt}$2a$04$rl9YFjOX0b/I9aSk862gduw/zTfDojtyuwxKXqWXdCGo0q6zC.QJS"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
            assertThat(process.isAlive()).as("the platform started; see " + log).isTrue();
            try {
                return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort + "/actuator/health"))
                        .header("Authorization", Callers.bearer("http://localhost:" + httpPort, "admin", "lethe-admin")).build(), HttpResponse.BodyHandlers.ofString())
                        .statusCode() == 200;
            } catch (IOException | java.io.UncheckedIOException notYet) {
                return false;
            }
        });
        return process;
    }

    private Set<String> missing(int databasePort, Set<String> acknowledged) throws SQLException {
        Set<String> stored = new HashSet<>();
        try (Connection connection = connect(databasePort); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT aggregate_identifier FROM domain_event_entry WHERE sequence_number = 0")) {
            while (rows.next()) {
                stored.add(rows.getString(1));
            }
        }
        Set<String> missing = new HashSet<>(acknowledged);
        missing.removeAll(stored);
        return missing;
    }

    private Connection connect(int databasePort) throws SQLException {
        try {
            String password = Files.readString(directory.resolve("postgres").resolve(EmbeddedPostgresServer.PASSWORD_FILE)).trim();
            return DriverManager.getConnection("jdbc:postgresql://localhost:" + databasePort + "/lethe", "postgres", password);
        } catch (IOException e) {
            throw new SQLException("No password file", e);
        }
    }

    private long postmasterPid() throws IOException {
        return Long.parseLong(Files.readAllLines(directory.resolve("postgres").resolve("postmaster.pid")).get(0).trim());
    }


}
