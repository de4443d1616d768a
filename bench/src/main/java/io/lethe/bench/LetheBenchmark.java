package io.lethe.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.lethe.platform.EmbeddedPlatform;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs the benchmark scenarios against the whole platform on a fresh embedded PostgreSQL, each next
 * to a raw PostgreSQL baseline measured in the same run on the same database, prints a table and
 * writes {@code bench-result.json}. Targets are reported, never enforced.
 *
 * <p>Run from the repository root: {@code ./mvnw -B -pl bench -am -Pbench verify -DskipTests}
 * (scale with {@code -Dbench.events=…}, {@code -Dbench.commands=…}, {@code -Dbench.shred-subjects=…}).
 */
public final class LetheBenchmark {

    private LetheBenchmark() {
    }

    /** The heap the run really holds: what is left after each collection, sampled every second. */
    private static final LiveHeap LIVE_HEAP = new LiveHeap();

    public static void main(String[] args) {
        try {
            run(args);
        } catch (Throwable failure) {
            // the platform's non-daemon threads (processors, Tomcat, the embedded database's) would keep a
            // failed run's JVM, and its database, alive and busy beside the next run
            failure.printStackTrace();
            System.exit(1);
        }
    }

    private static void run(String[] args) throws Exception {
        LIVE_HEAP.start();
        System.setProperty("axoniq.update-checker.disabled", "true");
        Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
        Settings settings = Settings.parse(args);
        Path data = Path.of("bench-data").toAbsolutePath();
        deleteRecursively(data);
        List<Result> results = new ArrayList<>();
        Map<String, Object> machine;

        try (ConfigurableApplicationContext context = start(data)) {
            Scenarios scenarios = new Scenarios(context, settings);
            machine = machine(context);
            results.addAll(scenarios.commandAppend("all sides"));
            results.add(scenarios.fill());
        }
        // the command side alone, as a command node of the split shape runs it: no processor shares
        // its cores (the events it writes are handled once the next start's processors catch up)
        try (ConfigurableApplicationContext context = start(data, "--lethe.roles=command")) {
            results.addAll(new Scenarios(context, settings).commandAppend("command side only"));
        }
        // a second start: cold key cache, cold processors, the same data; one staff user for the reports
        String password = java.util.UUID.randomUUID().toString();
        String hash = "{bcrypt}" + new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder(4).encode(password);
        try (ConfigurableApplicationContext context = start(data, "--lethe.security.users[0].username=bench",
                "--lethe.security.users[0].password=" + hash, "--lethe.security.users[0].roles=PRIVACY_STAFF,SERVICE")) {
            Scenarios scenarios = new Scenarios(context, settings);
            results.addAll(scenarios.replay());
            // after the replays, so that their figures stay those of the fill alone
            results.add(scenarios.yearOfActivity());
            results.addAll(scenarios.accessReport("bench", password));
            results.add(scenarios.activityBatches("bench", password));
            results.add(scenarios.usagePeriodRetention());
            results.add(scenarios.shredding());
            results.add(scenarios.registrationBurst("bench", password));
            results.add(scenarios.importAccounts("bench", password));
        }

        machine.put("peakLiveHeapMiB", LIVE_HEAP.peak() / (1024 * 1024));
        Report.print(results, machine, settings);
        Path file = Path.of("bench-result.json").toAbsolutePath();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("finishedAt", Instant.now().toString());
        json.put("machine", machine);
        json.put("settings", settings);
        json.put("results", results);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).findAndRegisterModules().writeValue(file.toFile(), json);
        System.out.println("Results written to " + file);
        // Axon's handler-timeout janitor is a non-daemon thread that outlives every context
        System.exit(0);
    }

    private static ConfigurableApplicationContext start(Path data, String... more) {
        List<String> arguments = new ArrayList<>(List.of("--spring.datasource.hikari.maximum-pool-size=40",
                "--logging.level.root=WARN", "--logging.level.io.lethe.bench=INFO"));
        arguments.addAll(List.of(more));
        return EmbeddedPlatform.start(data, arguments.toArray(String[]::new));
    }

    private static Map<String, Object> machine(ConfigurableApplicationContext context) {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("maxHeapMiB", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        machine.put("postgresql", context.getBean(JdbcTemplate.class).queryForObject("SHOW server_version", String.class));
        return machine;
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (Files.notExists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path each : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(each);
            }
        }
    }

    /**
     * The peak of the heap in use right after a collection (the live set, not the garbage waiting for
     * the next one), harness and platform together, as each heap pool reports it after its last
     * collection.
     */
    static final class LiveHeap {
        private final java.util.concurrent.atomic.AtomicLong peak = new java.util.concurrent.atomic.AtomicLong();

        void start() {
            Thread sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    long live = 0;
                    for (java.lang.management.MemoryPoolMXBean pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
                        if (pool.getType() == java.lang.management.MemoryType.HEAP && pool.getCollectionUsage() != null) {
                            live += pool.getCollectionUsage().getUsed();
                        }
                    }
                    peak.accumulateAndGet(live, Math::max);
                    try {
                        Thread.sleep(1_000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "live-heap");
            sampler.setDaemon(true);
            sampler.start();
        }

        long peak() {
            return peak.get();
        }
    }

    /** The scale of a run. */
    record Settings(int events, int commands, int shredSubjects, int importAccounts) {
        static Settings parse(String[] args) {
            Map<String, Integer> values = new LinkedHashMap<>(Map.of(
                    "bench.events", 1_000_000, "bench.commands", 4_000, "bench.shred-subjects", 20_000,
                    "bench.import-accounts", 50_000));
            for (String arg : args) {
                if (arg.startsWith("--") && arg.contains("=")) {
                    String key = arg.substring(2, arg.indexOf('='));
                    if (values.containsKey(key)) {
                        values.put(key, Integer.parseInt(arg.substring(arg.indexOf('=') + 1).replace("_", "")));
                    }
                }
            }
            return new Settings(values.get("bench.events"), values.get("bench.commands"), values.get("bench.shred-subjects"),
                    values.get("bench.import-accounts"));
        }
    }

    /** One line of the report. */
    record Result(String scenario, Double value, String unit, Double baseline, String baselineUnit, Double ratio,
                  String target, Boolean met, String note) {

        static Result ratio(String scenario, double value, String unit, double baseline, String baselineUnit,
                            double targetRatio, String note) {
            double ratio = baseline == 0 ? 0 : value / baseline;
            return new Result(scenario, value, unit, baseline, baselineUnit, ratio,
                    String.format(Locale.ROOT, "≥ %.0f %% of baseline", targetRatio * 100), ratio >= targetRatio, note);
        }

        static Result absolute(String scenario, double value, String unit, String target, Boolean met, String note) {
            return new Result(scenario, value, unit, null, null, null, target, met, note);
        }

        static Result notMeasured(String scenario, String target, String note) {
            return new Result(scenario, null, null, null, null, null, target, null, note);
        }
    }
}
