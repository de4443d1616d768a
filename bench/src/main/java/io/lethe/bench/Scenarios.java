package io.lethe.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lethe.core.activity.ActivityKind;
import io.lethe.command.activity.UsageRecording;
import io.lethe.core.activity.RecordActivityCommand;
import io.lethe.core.activity.UsageActivity;
import io.lethe.core.jurisdiction.Jurisdiction;
import io.lethe.core.personaldata.RetentionClass;
import io.lethe.core.subject.AccountRegisteredEvent;
import io.lethe.core.subject.CardHint;
import io.lethe.core.subject.Money;
import io.lethe.core.subject.PurchaseId;
import io.lethe.core.subject.PurchaseRecordedEvent;
import io.lethe.core.subject.RegisterAccountCommand;
import io.lethe.core.subject.ShredPersonalDataCommand;
import io.lethe.core.subject.ShreddingReason;
import io.lethe.core.subject.SubjectId;
import io.lethe.platform.axon.EventTables;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;

/** The scenarios, each against the running platform and a raw PostgreSQL baseline on the same database. */
final class Scenarios {

    private static final Logger log = LoggerFactory.getLogger(Scenarios.class);
    private static final int EVENTS_PER_SUBJECT = 10;
    private static final long FILL_MARK = 0x1E7E_BE4CL;

    private final ConfigurableApplicationContext context;
    private final LetheBenchmark.Settings settings;
    private final JdbcTemplate jdbc;

    Scenarios(ConfigurableApplicationContext context, LetheBenchmark.Settings settings) {
        this.context = context;
        this.settings = settings;
        this.jdbc = context.getBean(JdbcTemplate.class);
    }

    /**
     * 1. Registering subjects through the command API's bus at 1 and 16 senders vs single-row
     * inserts, on a node of the given shape: every side in one process (the embedded default, where
     * each event is also handled by every projection and saga on the same cores) or the command
     * side alone (a command node of the split shape).
     */
    List<LetheBenchmark.Result> commandAppend(String shape) throws Exception {
        jdbc.execute("CREATE TABLE IF NOT EXISTS bench_raw_insert (id BIGSERIAL PRIMARY KEY, "
                + "aggregate_identifier VARCHAR(255) NOT NULL, payload BYTEA NOT NULL)");
        CommandGateway commands = context.getBean(CommandGateway.class);
        byte[] payload = new byte[600];
        ThreadLocalRandom.current().nextBytes(payload);
        List<LetheBenchmark.Result> results = new ArrayList<>();
        for (int senders : new int[]{1, 16}) {
            int count = settings.commands();
            double raw = rate(count, senders, i -> jdbc.update(
                    "INSERT INTO bench_raw_insert (aggregate_identifier, payload) VALUES (?, ?)",
                    UUID.randomUUID().toString(), payload));
            double sent = rate(count, senders, i -> commands.sendAndWait(new RegisterAccountCommand(SubjectId.random(),
                    Jurisdiction.EU, "Bench Subject " + i, LocalDate.of(1980, 1, 1).plusDays(i % 9000),
                    i + " Bench Street", "bench" + i + "@example.org", null, "AT611904300234573201")));
            log.info("command append ({}) at {} senders: {} commands/s vs {} inserts/s", shape, senders, (long) sent, (long) raw);
            results.add(LetheBenchmark.Result.ratio("command append, " + shape + ", " + senders + " sender(s)", sent, "cmd/s",
                    raw, "ins/s", 0.40, "RegisterAccount: 6 sealed fields, a new subject's 4 data keys in one transaction"));
        }
        return results;
    }

    /** Fills both event tables: the platform's (sealed) and a plaintext twin written with plain Jackson. */
    LetheBenchmark.Result fill() {
        jdbc.execute("CREATE TABLE IF NOT EXISTS bench_plain_event_entry (LIKE domain_event_entry INCLUDING ALL)");
        // a sequence of its own: sharing the platform's would leave gaps in both tables, and gap
        // tracking would then dominate every replay
        jdbc.execute("CREATE SEQUENCE IF NOT EXISTS bench_plain_event_entry_seq INCREMENT BY 1");
        jdbc.execute("ALTER TABLE bench_plain_event_entry ALTER COLUMN global_index SET DEFAULT nextval('bench_plain_event_entry_seq')");
        jdbc.execute("CREATE TABLE IF NOT EXISTS bench_plain_snapshot_event_entry (LIKE snapshot_event_entry INCLUDING ALL)");
        EventStorageEngine sealed = context.getBean(EventStorageEngine.class);
        JdbcEventStorageEngine plain = plainEngine();
        TransactionManager transactions = context.getBean(TransactionManager.class);
        int subjects = Math.max(1, settings.events() / EVENTS_PER_SUBJECT);
        int perBatch = 100;
        long sealedNanos = 0;
        for (int first = 0; first < subjects; first += perBatch) {
            List<DomainEventMessage<?>> batch = new ArrayList<>();
            for (int s = first; s < Math.min(subjects, first + perBatch); s++) {
                batch.addAll(history(s));
            }
            long start = System.nanoTime();
            transactions.executeInTransaction(() -> sealed.appendEvents(batch));
            sealedNanos += System.nanoTime() - start;
            transactions.executeInTransaction(() -> plain.appendEvents(batch));
            if ((first / perBatch) % 100 == 0) {
                log.info("filled {} of {} subjects", first, subjects);
            }
        }
        double rate = (double) subjects * EVENTS_PER_SUBJECT / (sealedNanos / 1e9);
        return LetheBenchmark.Result.absolute("append of the replay data set (sealed, batches of 1000)", rate, "ev/s",
                null, null, subjects * EVENTS_PER_SUBJECT + " events of " + subjects + " subjects, 4 data keys each");
    }

    /** 2. and 3. Replays: raw ordered read, no-op replay sealed and plaintext, and the real projection. */
    List<LetheBenchmark.Result> replay() throws Exception {
        List<LetheBenchmark.Result> results = new ArrayList<>();
        long total = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
        EventProcessingConfiguration processing = context.getBean(EventProcessingConfiguration.class);
        StreamingEventProcessor processor = processing.eventProcessor("subject-summary", StreamingEventProcessor.class).orElseThrow();
        long head = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        // every processor (projections and sagas) first catches up with the fill and the appends, so no
        // measurement below shares the CPU with them
        for (Map.Entry<String, EventProcessor> each : processing.eventProcessors().entrySet()) {
            if (each.getValue() instanceof StreamingEventProcessor streaming) {
                awaitCaughtUp(each.getKey(), streaming, head);
            }
        }

        // PostgreSQL's autovacuum visits the freshly filled tables on its own schedule, and on 2 cores
        // it takes one of them from whichever pass it overlaps (seen halving the sealed pass at 1M
        // events); the store is brought to rest first, as a store in service long has been
        for (String table : List.of("domain_event_entry", "bench_plain_event_entry", "subject_key")) {
            jdbc.execute("VACUUM (ANALYZE) " + table);
        }
        jdbc.execute("CHECKPOINT");

        // one untimed pass over each table first: the JIT and PostgreSQL's buffers are warm for every
        // measured pass alike, so the order of the passes below does not decide their ratio
        rawOrderedRead("domain_event_entry");
        plainEngine().readEvents(null, false).peek(message -> message.getPayload()).count();
        double raw = rawOrderedRead("domain_event_entry");
        long start = System.nanoTime();
        long read = context.getBean(EventStorageEngine.class).readEvents(null, false)
                .peek(message -> message.getPayload()).count();
        double sealed = read / seconds(start);
        start = System.nanoTime();
        context.getBean(EventStorageEngine.class).readEvents(null, false).peek(message -> message.getPayload()).count();
        double sealedWarm = read / seconds(start);
        start = System.nanoTime();
        long readPlain = plainEngine().readEvents(null, false).peek(message -> message.getPayload()).count();
        double plain = readPlain / seconds(start);
        log.info("replay of {} events: raw {} rows/s, sealed {} ev/s, plain {} ev/s", total, (long) raw, (long) sealed, (long) plain);

        results.add(LetheBenchmark.Result.ratio("replay into a no-op handler (sealed, cold keys)", sealed, "ev/s",
                raw, "rows/s", 0.10, read + " events; raw = ordered read of the event table with payloads"));
        results.add(LetheBenchmark.Result.absolute("replay into a no-op handler, absolute", sealed, "ev/s", "≥ 28,000 ev/s",
                sealed >= 28_000, null));
        results.add(LetheBenchmark.Result.ratio("replay, sealed vs plaintext payloads", sealed, "ev/s", plain, "ev/s",
                0.85, "the same events written once sealed and once with plain Jackson"));
        results.add(LetheBenchmark.Result.ratio("replay, sealed with warm keys vs plaintext", sealedWarm, "ev/s", plain, "ev/s",
                0.85, "a second pass: every data key already cached"));

        processor.shutdownAsync().get();
        processor.resetTokens();
        start = System.nanoTime();
        processor.start();
        awaitCaughtUp("subject-summary", processor, head);
        double projection = total / seconds(start);
        results.add(LetheBenchmark.Result.ratio("replay into the subject-summary projection", projection, "ev/s",
                raw, "rows/s", 0.10, "pooled processor, 4 segments, batches of 50 in one transaction each; rebuilt from a reset"));
        return results;
    }

    /**
     * 5. Access report latency over HTTP with the store at full size: one staff sender asks for the
     * reports of random subjects, with a token of the platform's own (the password's bcrypt check is paid
     * once per token, at the token endpoint, not in the figure).
     */
    List<LetheBenchmark.Result> accessReport(String user, String password) throws Exception {
        int subjects = Math.max(1, settings.events() / EVENTS_PER_SUBJECT);
        // the first subjects have a year of activity; the rest are the fill's
        List<LetheBenchmark.Result> results = new ArrayList<>(accessReport(user, password, ACTIVE_SUBJECTS,
                Math.max(ACTIVE_SUBJECTS + 1, subjects), 2_000,
                "random subjects (10 events each)"));
        results.addAll(accessReport(user, password, 0, ACTIVE_SUBJECTS, 500,
                "subjects with a year of activity (~10,200 pieces, " + (EVENTS_PER_SUBJECT + ACTIVITY_DAYS + 13) + " events)"));
        return results;
    }

    private List<LetheBenchmark.Result> accessReport(String user, String password, int from, int to, int measured,
                                                     String population) throws Exception {
        int port = port();
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        int warmUp = 100;
        long[] nanos = new long[measured];
        for (int i = 0; i < warmUp + measured; i++) {
            SubjectId subject = subjectId(ThreadLocalRandom.current().nextInt(from, to));
            java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://localhost:" + port + "/api/subjects/" + subject + "/access-report"))
                    .header("Authorization", authorization(user, password)).GET().build();
            long start = System.nanoTime();
            java.net.http.HttpResponse<String> response = client.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
            long took = System.nanoTime() - start;
            if (response.statusCode() != 200) {
                throw new IllegalStateException("access report answered " + response.statusCode());
            }
            if (i >= warmUp) {
                nanos[i - warmUp] = took;
            }
        }
        java.util.Arrays.sort(nanos);
        double p50 = nanos[measured / 2] / 1e6;
        double p99 = nanos[(int) Math.ceil(measured * 0.99) - 1] / 1e6;
        log.info("access report, {}: p50 {} ms, p99 {} ms", population, p50, p99);
        String note = measured + " reports of " + population + " among "
                + jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class) + " events, over HTTP";
        String suffix = from == 0 ? ", a year of activity" : "";
        return List.of(
                LetheBenchmark.Result.absolute("access report latency p50" + suffix, p50, "ms", null, null, note),
                LetheBenchmark.Result.absolute("access report latency p99" + suffix, p99, "ms", "≤ 50 ms", p99 <= 50, note));
    }

    /** Subjects that get a year of activity in {@link #yearOfActivity()}. */
    private static final int ACTIVE_SUBJECTS = 50;
    private static final int ACTIVITY_DAYS = 365;
    private static final int PIECES_PER_DAY = 28;

    /**
     * 6. A year of network activity for {@value #ACTIVE_SUBJECTS} subjects, as a product service
     * reports it once a day per subject: {@value #ACTIVITY_DAYS} commands of {@value #PIECES_PER_DAY}
     * pieces each (about 10,000 pieces a subject), 16 senders, each subject's days in order.
     */
    LetheBenchmark.Result yearOfActivity() throws Exception {
        UsageRecording usage = context.getBean(UsageRecording.class);
        java.time.Instant now = java.time.Instant.now();
        int total = ACTIVE_SUBJECTS * ACTIVITY_DAYS;
        long start = System.nanoTime();
        // one sender per subject at a time: a subject's days go in order, as one product service sends them
        double rate = rate(ACTIVE_SUBJECTS, 16, subject -> {
            for (int day = ACTIVITY_DAYS - 1; day >= 0; day--) {
                java.time.Instant base = now.minus(Duration.ofDays(day)).minus(Duration.ofHours(1));
                List<UsageActivity> pieces = new ArrayList<>(PIECES_PER_DAY);
                for (int i = 0; i < PIECES_PER_DAY; i++) {
                    pieces.add(new UsageActivity(base.plusSeconds(i * 60L), i % 5 == 0 ? ActivityKind.ADVERTISEMENT
                            : ActivityKind.APPLICATION, i % 3 == 0 ? "clicked" : "viewed", "screen-" + (i * 7 % 40),
                            i % 9 == 0 ? "search term " + i : null, "US-CA"));
                }
                usage.record(new RecordActivityCommand(subjectId(subject), pieces));
            }
        });
        double pieces = total * (double) PIECES_PER_DAY / seconds(start);
        log.info("a year of activity: {} commands/s, {} pieces/s", (long) (rate * ACTIVITY_DAYS), (long) pieces);
        return LetheBenchmark.Result.absolute("activity ingestion, a year for " + ACTIVE_SUBJECTS + " subjects", pieces,
                "pieces/s", null, null, total + " commands of " + PIECES_PER_DAY + " pieces (one a day per subject), 16 senders; "
                        + "each day's pieces go to their usage period's own stream (a month's: ~30 events); the subject "
                        + "is asked only to open each of the 13 periods");
    }

    /**
     * 7. Activity through the batch endpoint at a product service's volume: requests of 1,000 pieces
     * spread over 100 subjects (10 each), 4 senders.
     */
    LetheBenchmark.Result activityBatches(String user, String password) throws Exception {
        int port = port();
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        ObjectMapper mapper = new ObjectMapper();
        int requests = 100;
        long start = System.nanoTime();
        rate(requests, 4, request -> {
            List<Map<String, Object>> pieces = new ArrayList<>(1_000);
            String at = java.time.Instant.now().minusSeconds(5).toString();
            for (int i = 0; i < 1_000; i++) {
                pieces.add(Map.of("subjectId", subjectId(ACTIVE_SUBJECTS + (request % 10) * 100 + i % 100).toString(),
                        "occurredAt", at, "kind", "APPLICATION", "action", "viewed", "target", "screen-" + i % 40,
                        "region", "US-CA"));
            }
            try {
                java.net.http.HttpResponse<String> response = client.send(java.net.http.HttpRequest.newBuilder(
                                java.net.URI.create("http://localhost:" + port + "/api/activity"))
                        .header("Authorization", authorization(user, password)).header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(mapper.writeValueAsString(Map.of("activities", pieces))))
                        .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200 || !response.body().contains("\"recorded\":1000")) {
                    throw new IllegalStateException("activity batch answered " + response.statusCode());
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
        double pieces = requests * 1_000 / seconds(start);
        log.info("activity batches: {} pieces/s", (long) pieces);
        return LetheBenchmark.Result.absolute("activity ingestion over HTTP, batches of 1,000", pieces, "pieces/s", null, null,
                requests + " requests of 1,000 pieces over 100 subjects each (10 per subject: one command per subject), 4 senders");
    }

    /** A product service's registrations beside the retention job, a second. */
    static final int BESIDE_PER_SECOND = 100;

    /**
     * 8. A month's rolling retention for many subjects at once: each of them records a piece of
     * activity in the current period, the period is made due, and its one job shreds every subject's
     * period key, page by page, while a product service keeps registering subjects beside it at a steady
     * {@value #BESIDE_PER_SECOND} a second: their latency with the job running is set beside their latency
     * without it. The job is timed from its start (the scheduler picks a due task within its poll of
     * 5 s) to its end, its hand-overs between slices included.
     */
    LetheBenchmark.Result usagePeriodRetention() throws Exception {
        CommandGateway commands = context.getBean(CommandGateway.class);
        int fillSubjects = Math.max(1, settings.events() / EVENTS_PER_SUBJECT);
        int first = fillSubjects / 2;
        int subjects = Math.min(settings.shredSubjects(), fillSubjects - first);
        java.time.Instant at = java.time.Instant.now().minusSeconds(5);
        UsageRecording usage = context.getBean(UsageRecording.class);
        rate(subjects, 16, i -> usage.record(new RecordActivityCommand(subjectId(first + i), List.of(
                new UsageActivity(at, ActivityKind.APPLICATION, "viewed", "home", null, "US-CA")))));
        String period = jdbc.queryForObject("SELECT period FROM usage_period WHERE subject_id = ?", String.class,
                subjectId(first).toString());
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (jdbc.queryForObject("SELECT count(*) FROM usage_period WHERE period = ?", Long.class, period) < subjects) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the usage-periods processor did not catch up in 10 minutes");
            }
            Thread.sleep(100);
        }
        List<long[]> quietSamples = registrationLatencies(commands, Duration.ofSeconds(10), () -> false);
        long[] quiet = latencies(quietSamples, Long.MIN_VALUE, Long.MAX_VALUE);
        jdbc.update("UPDATE usage_period SET shred_at = now() WHERE period = ?", period);
        jdbc.update("UPDATE scheduled_tasks SET execution_time = now() WHERE task_name = 'usage-period-retention' "
                + "AND task_instance = ?", period);
        // the job's start: the scheduler picks the task (it polls every 5 s), or it is done already
        long[] started = {0};
        long[] ended = {0};
        java.util.function.BooleanSupplier done = () -> {
            Boolean picked = jdbc.query("SELECT picked FROM scheduled_tasks WHERE task_name = 'usage-period-retention' "
                    + "AND task_instance = ?", rows -> rows.next() ? rows.getBoolean(1) : null, period);
            if (started[0] == 0 && !Boolean.FALSE.equals(picked)) {
                started[0] = System.nanoTime();
            }
            if (picked == null) {
                ended[0] = System.nanoTime();
            }
            return picked == null;
        };
        List<long[]> busySamples = registrationLatencies(commands, Duration.ofMinutes(30), done);
        if (started[0] == 0 || ended[0] == 0) {
            throw new IllegalStateException("the retention job was not seen to start and end within 30 minutes");
        }
        double seconds = (ended[0] - started[0]) / 1e9;
        if (seconds < 0.1) {
            throw new IllegalStateException("the retention job ended within one look: it cannot be timed");
        }
        // only the registrations due while the job ran
        long[] busy = latencies(busySamples, started[0], ended[0]);
        double besideRate = busy.length / seconds;
        long live = jdbc.queryForObject("SELECT count(*) FROM subject_key WHERE subject_id LIKE ? AND wrapped_key IS NOT NULL",
                Long.class, "%/" + period);
        if (live > 0) {
            throw new IllegalStateException(live + " period keys outlived their period's job");
        }
        log.info("usage-period retention: {} subjects in {} s; registrations p99 {} ms beside it, {} ms without",
                subjects, (long) seconds, percentile(busy, 0.99), percentile(quiet, 0.99));
        return LetheBenchmark.Result.absolute("usage-period retention, one period for " + subjects + " subjects", subjects / seconds,
                "subj/s", null, null, "one job, pages of 200, from its start (db-scheduler picks it within its 5-s poll) until it "
                        + "is done, its hand-overs between 30-s slices included (each waits for the next poll); registrations "
                        + "beside it, paced at " + BESIDE_PER_SECOND + "/s (" + Math.round(besideRate) + "/s sent while it ran): p50 "
                        + percentile(busy, 0.5) + " ms, p99 "
                        + percentile(busy, 0.99) + " ms (without it: p50 " + percentile(quiet, 0.5) + " ms, p99 "
                        + percentile(quiet, 0.99) + " ms)");
    }

    /**
     * Registrations at a steady {@value #BESIDE_PER_SECOND} a second over 4 senders, each sent at its time
     * (or at once when the one before came back late, and timed from its time), until {@code until} says
     * so: a product service's traffic, not senders that take every cycle the job leaves them. Each sample
     * is the time it was due ({@link System#nanoTime()}) and its latency in ms.
     */
    private List<long[]> registrationLatencies(CommandGateway commands, Duration atMost, java.util.function.BooleanSupplier until)
            throws Exception {
        java.util.concurrent.ConcurrentLinkedQueue<long[]> latencies = new java.util.concurrent.ConcurrentLinkedQueue<>();
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        long every = 4 * 1_000_000_000L / BESIDE_PER_SECOND;
        try {
            List<Future<?>> senders = new ArrayList<>();
            for (int sender = 0; sender < 4; sender++) {
                long first = System.nanoTime() + sender * every / 4;
                senders.add(pool.submit(() -> {
                    int i = 0;
                    long next = first;
                    while (!stop.get()) {
                        // parking may end early: never sent before it is due
                        for (long wait = next - System.nanoTime(); wait > 0; wait = next - System.nanoTime()) {
                            java.util.concurrent.locks.LockSupport.parkNanos(wait);
                        }
                        // timed from when it was due to be sent: a late one before it delays it, as it would a service's
                        long sent = next;
                        next += every;
                        commands.sendAndWait(new RegisterAccountCommand(SubjectId.random(), Jurisdiction.US_CA,
                                "Beside " + i, LocalDate.of(1985, 1, 1), i + " Beside Street", "beside" + i++ + "@example.org",
                                null, null));
                        latencies.add(new long[]{sent, (System.nanoTime() - sent) / 1_000_000});
                    }
                }));
            }
            long end = System.nanoTime() + atMost.toNanos();
            while (System.nanoTime() < end && !until.getAsBoolean()) {
                Thread.sleep(20);
            }
            stop.set(true);
            for (Future<?> sender : senders) {
                sender.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return List.copyOf(latencies);
    }

    /** The latencies of the samples due from {@code from} to {@code to}, sorted. */
    private static long[] latencies(List<long[]> samples, long from, long to) {
        return samples.stream().filter(sample -> sample[0] >= from && sample[0] <= to)
                .mapToLong(sample -> sample[1]).sorted().toArray();
    }

    private static long percentile(long[] sorted, double quantile) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)];
    }

    /**
     * 9. Adopting existing accounts through the import API: one upload of NDJSON (a registration, a
     * purchase and a consent per account, each dated in the past; four events with the adoption's),
     * against a raw batched insert of the same number of rows (one per event, 600 bytes, JDBC batches of 1,000, a commit each) in the same
     * database.
     */
    LetheBenchmark.Result importAccounts(String user, String password) throws Exception {
        int accounts = settings.importAccounts();
        // the registration, the adoption's record of the account, a purchase and a consent
        int eventsPerAccount = 4;
        java.nio.file.Path file = java.nio.file.Files.createTempFile("lethe-import", ".ndjson");
        ObjectMapper mapper = new ObjectMapper();
        java.time.LocalDate today = java.time.LocalDate.now();
        try (java.io.BufferedWriter out = java.nio.file.Files.newBufferedWriter(file)) {
            for (int i = 0; i < accounts; i++) {
                Map<String, Object> line = new java.util.LinkedHashMap<>();
                line.put("accountRef", "bench-import:" + i);
                line.put("jurisdiction", i % 2 == 0 ? "US-CA" : "JP");
                line.put("registeredOn", today.minusDays(400 + i % 2000).toString());
                line.put("name", "Imported Subject " + i);
                line.put("dateOfBirth", LocalDate.of(1960, 1, 1).plusDays(i % 12000).toString());
                line.put("postalAddress", i + " Import Avenue");
                line.put("email", "imported" + i + "@example.org");
                line.put("purchases", List.of(Map.of("purchaseId", new UUID(0x1E9047L, i).toString(), "item", "Plan " + i % 7,
                        "amount", Map.of("currency", "USD", "minorUnits", 1_000 + i % 5_000),
                        "card", Map.of("expiry", "08/29", "lastFour", String.format("%04d", i % 10_000)),
                        "purchasedOn", today.minusDays(1 + i % 300).toString())));
                line.put("consents", List.of(Map.of("type", "FOREIGN_THIRD_PARTY_PROVISION", "grantedBy", "SUBJECT")));
                out.write(mapper.writeValueAsString(line));
                out.write('\n');
            }
        }
        // the baseline: the same number of rows, inserted raw in batches
        jdbc.execute("CREATE TABLE IF NOT EXISTS bench_raw_batch (id BIGSERIAL PRIMARY KEY, "
                + "aggregate_identifier VARCHAR(255) NOT NULL, sequence_number BIGINT NOT NULL, payload BYTEA NOT NULL)");
        byte[] payload = new byte[600];
        ThreadLocalRandom.current().nextBytes(payload);
        TransactionTemplate transactions = new TransactionTemplate(context.getBean(org.springframework.transaction.PlatformTransactionManager.class));
        int rows = accounts * eventsPerAccount;
        long rawStart = System.nanoTime();
        for (int first = 0; first < rows; first += 1_000) {
            int from = first;
            int to = Math.min(rows, first + 1_000);
            transactions.executeWithoutResult(status -> jdbc.batchUpdate(
                    "INSERT INTO bench_raw_batch (aggregate_identifier, sequence_number, payload) VALUES (?, ?, ?)",
                    new org.springframework.jdbc.core.BatchPreparedStatementSetter() {
                        @Override
                        public void setValues(java.sql.PreparedStatement statement, int i) throws java.sql.SQLException {
                            statement.setString(1, new UUID(7, (from + i) / eventsPerAccount).toString());
                            statement.setLong(2, (from + i) % eventsPerAccount);
                            statement.setBytes(3, payload);
                        }

                        @Override
                        public int getBatchSize() {
                            return to - from;
                        }
                    }));
        }
        double raw = rows / seconds(rawStart);
        int port = port();
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpResponse<String> created = client.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://localhost:" + port + "/api/imports"))
                .header("Authorization", authorization(user, password)).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        String importId = mapper.readTree(created.body()).get("importId").asText();
        long start = System.nanoTime();
        java.net.http.HttpResponse<String> done = client.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://localhost:" + port + "/api/imports/" + importId + "/accounts"))
                .header("Authorization", authorization(user, password)).header("Content-Type", "application/x-ndjson")
                .timeout(java.time.Duration.ofHours(2))
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofFile(file)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        double seconds = seconds(start);
        java.nio.file.Files.deleteIfExists(file);
        com.fasterxml.jackson.databind.JsonNode status = mapper.readTree(done.body());
        if (done.statusCode() != 200 || status.get("imported").asLong() != accounts) {
            java.net.http.HttpResponse<String> errors = client.send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://localhost:" + port + "/api/imports/" + importId + "/errors?lines=5"))
                    .header("Authorization", authorization(user, password)).GET().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            throw new IllegalStateException("the import answered " + done.statusCode() + ": " + done.body() + "; " + errors.body());
        }
        double events = rows / seconds;
        log.info("import: {} accounts/s, {} events/s vs {} raw batched rows/s", (long) (accounts / seconds), (long) events, (long) raw);
        return LetheBenchmark.Result.ratio("import of existing accounts over HTTP (NDJSON, one upload)", events, "ev/s",
                raw, "rows/s", 0.40, String.format(java.util.Locale.ROOT,
                        "%,d accounts (registration, adoption, purchase, consent: 4 events, 8 sealed fields) in %.0f s, %,.0f accounts/s; "
                                + "baseline: the same %,d rows inserted raw, JDBC batches of 1,000", accounts, seconds,
                        accounts / seconds, rows));
    }

    /**
     * 10. A burst of new subjects: 64 senders over HTTP (more than the pool's connections), each
     * registering subjects one after another; every answer must be 201.
     */
    LetheBenchmark.Result registrationBurst(String user, String password) throws Exception {
        int port = port();
        java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
                .executor(Executors.newFixedThreadPool(8)).build();
        int senders = 64;
        int perSender = 30;
        java.util.concurrent.ConcurrentLinkedQueue<Long> latencies = new java.util.concurrent.ConcurrentLinkedQueue<>();
        java.util.concurrent.atomic.AtomicInteger refused = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(senders);
        long start = System.nanoTime();
        rate(senders, senders, sender -> {
            try {
                together.await();
                for (int i = 0; i < perSender; i++) {
                    String body = "{\"jurisdiction\":\"EU\",\"name\":\"Burst " + sender + "-" + i
                            + "\",\"dateOfBirth\":\"1990-02-03\",\"email\":\"burst" + sender + "-" + i + "@example.org\"}";
                    long began = System.nanoTime();
                    java.net.http.HttpResponse<Void> response = client.send(java.net.http.HttpRequest.newBuilder(
                                    java.net.URI.create("http://localhost:" + port + "/api/subjects"))
                            .header("Authorization", authorization(user, password)).header("Content-Type", "application/json")
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                            java.net.http.HttpResponse.BodyHandlers.discarding());
                    latencies.add(System.nanoTime() - began);
                    if (response.statusCode() != 201) {
                        refused.incrementAndGet();
                    }
                }
            } catch (Exception e) {
                refused.incrementAndGet();
            }
        });
        double seconds = seconds(start);
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        double p99 = percentile(sorted, 0.99) / 1e6;
        int total = senders * perSender;
        log.info("registration burst: {} of {} not 201, p99 {} ms", refused.get(), total, p99);
        return LetheBenchmark.Result.absolute("registration burst over HTTP, 64 senders at once", p99, "ms p99",
                "every answer 201, p99 ≤ 200 ms", refused.get() == 0 && p99 <= 200, String.format(java.util.Locale.ROOT,
                        "%,d registrations, %d not 201; p50 %.0f ms; %,.0f registrations/s; the pool has 40 connections",
                        total, refused.get(), percentile(sorted, 0.5) / 1e6, total / seconds));
    }

    /** 4. Shredding every class of many subjects, 16 senders. */
    LetheBenchmark.Result shredding() throws Exception {
        CommandGateway commands = context.getBean(CommandGateway.class);
        int subjects = Math.min(settings.shredSubjects(), Math.max(1, settings.events() / EVENTS_PER_SUBJECT));
        double rate = rate(subjects, 16, i -> commands.sendAndWait(new ShredPersonalDataCommand(subjectId(i),
                EnumSet.allOf(RetentionClass.class), ShreddingReason.RETENTION_EXPIRED, "bench-" + i)));
        return LetheBenchmark.Result.absolute("bulk shredding (all classes, 16 senders)", rate, "subj/s",
                "≥ 20,000 subj/s", rate >= 20_000, subjects + " subjects, one command each");
    }

    private double rawOrderedRead(String table) {
        TransactionTemplate transaction = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
        AtomicLong rows = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        long start = System.nanoTime();
        transaction.executeWithoutResult(status -> {
            JdbcTemplate cursor = new JdbcTemplate(jdbc.getDataSource());
            cursor.setFetchSize(1000);
            cursor.query("SELECT global_index, payload, meta_data FROM " + table + " ORDER BY global_index", row -> {
                rows.incrementAndGet();
                bytes.addAndGet(row.getBytes(2).length);
            });
        });
        return rows.get() / seconds(start);
    }

    private JdbcEventStorageEngine plainEngine() {
        ObjectMapper mapper = context.getBean("defaultAxonObjectMapper", ObjectMapper.class);
        JacksonSerializer serializer = JacksonSerializer.builder().objectMapper(mapper).build();
        // the same engine as the platform's in every respect (upcaster chain included) but the serializer
        return JdbcEventStorageEngine.builder()
                .upcasterChain(context.getBean(org.axonframework.config.Configuration.class).upcasterChain())
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .connectionProvider(context.getBean(ConnectionProvider.class))
                .transactionManager(context.getBean(TransactionManager.class))
                .schema(EventTables.schema("bench_plain_event_entry", "bench_plain_snapshot_event_entry"))
                .build();
    }

    private static List<DomainEventMessage<?>> history(int index) {
        SubjectId subject = subjectId(index);
        String id = subject.toString();
        List<DomainEventMessage<?>> events = new ArrayList<>(EVENTS_PER_SUBJECT);
        events.add(new GenericDomainEventMessage<>("DataSubject", id, 0, new AccountRegisteredEvent(subject,
                Jurisdiction.values()[index % 5], "Subject " + index, LocalDate.of(1970, 1, 1).plusDays(index % 15000),
                index + " Replay Road", "subject" + index + "@example.org", null, "AT611904300234573201")));
        for (int seq = 1; seq < EVENTS_PER_SUBJECT; seq++) {
            events.add(new GenericDomainEventMessage<>("DataSubject", id, seq, new PurchaseRecordedEvent(subject,
                    PurchaseId.random(), "Item " + seq, new Money("EUR", 100L * seq),
                    new CardHint("12/29", String.format("%04d", (index + seq) % 10000)))));
        }
        return events;
    }

    private static SubjectId subjectId(int index) {
        return new SubjectId(new UUID(FILL_MARK, index));
    }

    private static void awaitCaughtUp(String name, StreamingEventProcessor processor, long head) throws InterruptedException {
        long started = System.nanoTime();
        long deadline = started + Duration.ofMinutes(30).toNanos();
        while (!caughtUp(processor.processingStatus(), head)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("processor " + name + " did not reach position " + head + " in 30 minutes");
            }
            Thread.sleep(100);
        }
        log.info("processor {} at the head ({}) after {} s of waiting", name, head, (long) seconds(started));
    }

    private static boolean caughtUp(Map<Integer, EventTrackerStatus> status, long head) {
        if (status.isEmpty()) {
            return false;
        }
        for (EventTrackerStatus segment : status.values()) {
            if (!segment.isCaughtUp() || segment.getCurrentPosition().orElse(-1) < head) {
                return false;
            }
        }
        return true;
    }

    private static double rate(int count, int senders, IntConsumer action) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        try {
            long start = System.nanoTime();
            List<Future<?>> futures = new ArrayList<>();
            for (int sender = 0; sender < senders; sender++) {
                int first = sender;
                futures.add(pool.submit(() -> {
                    for (int i = first; i < count; i += senders) {
                        action.accept(i);
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
            return count / seconds(start);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The port the platform under measurement listens on. */
    private int port() {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    private io.lethe.platform.imports.ClientCredentials credentials;

    /** The bench user's {@code Authorization} header: a token of the platform's, from its token endpoint. */
    private synchronized String authorization(String user, String password) {
        if (credentials == null) {
            credentials = new io.lethe.platform.imports.ClientCredentials(
                    java.net.URI.create("http://localhost:" + port() + "/"), user, password);
        }
        return credentials.get();
    }

    private static double seconds(long startNanos) {
        return Math.max(1e-9, (System.nanoTime() - startNanos) / 1e9);
    }
}
