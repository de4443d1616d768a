package io.lethe.platform.imports;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The command-line form of an import: {@code java -jar lethe-exec.jar import accounts.ndjson}. It
 * streams the file to a running platform's import API (any node, any shape), shows progress, and
 * resumes by itself after a broken connection, an outage (503) or a busy import, from the line after
 * the import's {@code linesDone}; so it is safe to stop and run again with {@code --import-id}. The
 * credentials come from the environment, never the command line (where {@code ps} shows them):
 * {@code LETHE_TOKEN} (a bearer token), or {@code LETHE_USER} and {@code LETHE_PASSWORD}, which it
 * exchanges at the platform's token endpoint for a token, and again before that token expires.
 *
 * <p>Prints the import's final status and its report of refused lines (field and rule, no values) as
 * JSON on standard output, progress on standard error. Exit status: 0 all imported or present, 2 some
 * lines refused, 1 it could not finish.
 */
public final class ImportCommandLine {

    /** Attempts in a row that bring no progress before it gives up. */
    private static final int ATTEMPTS = 12;

    private final URI base;
    private final java.util.function.Supplier<String> authorization;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final PrintStream out;
    private final PrintStream err;

    private ImportCommandLine(URI base, java.util.function.Supplier<String> authorization, PrintStream out, PrintStream err) {
        this.base = base;
        this.authorization = authorization;
        this.out = out;
        this.err = err;
    }

    /** Runs {@code import <file> [--url=…] [--import-id=…]}; returns the exit status. */
    public static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
        Map<String, String> options = new LinkedHashMap<>();
        Path file = null;
        for (String arg : args) {
            if (arg.startsWith("--") && arg.contains("=")) {
                options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            } else if (file == null) {
                file = Path.of(arg);
            } else {
                return usage(err, "one file at a time");
            }
        }
        if (file == null || !Files.isReadable(file)) {
            return usage(err, file == null ? "which file?" : "cannot read " + file);
        }
        URI base = URI.create(options.getOrDefault("url", "http://localhost:8080").replaceAll("/+$", "") + "/");
        java.util.function.Supplier<String> authorization;
        if (environment.get("LETHE_TOKEN") != null) {
            String token = "Bearer " + environment.get("LETHE_TOKEN");
            authorization = () -> token;
        } else if (environment.get("LETHE_USER") != null && environment.get("LETHE_PASSWORD") != null) {
            authorization = new ClientCredentials(base, environment.get("LETHE_USER"), environment.get("LETHE_PASSWORD"));
        } else {
            return usage(err, "set LETHE_TOKEN, or LETHE_USER and LETHE_PASSWORD (a SERVICE caller)");
        }
        try {
            return new ImportCommandLine(base, authorization, out, err).upload(file, options.get("import-id"));
        } catch (ClientCredentials.Refused | IllegalStateException e) {
            err.println("import: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("import: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private static int usage(PrintStream err, String problem) {
        err.println("import: " + problem);
        err.println("usage: java -jar lethe-exec.jar import <accounts.ndjson> [--url=http://localhost:8080] [--import-id=<id to resume>]");
        return 1;
    }

    int upload(Path file, String importId) throws IOException, InterruptedException {
        String id = importId;
        if (id == null) {
            HttpResponse<String> created = send(request("api/imports").POST(HttpRequest.BodyPublishers.noBody())
                    .header("Content-Type", "application/json"));
            if (created.statusCode() == 401 && renewToken()) {
                created = send(request("api/imports").POST(HttpRequest.BodyPublishers.noBody())
                        .header("Content-Type", "application/json"));
            }
            if (created.statusCode() != 201) {
                return failed("could not create an import", created);
            }
            id = json.readTree(created.body()).get("importId").asString();
            err.println("import " + id + " created (resume with --import-id=" + id + ")");
        }
        String path = "api/imports/" + URLEncoder.encode(id, StandardCharsets.UTF_8);
        ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "import-progress");
            thread.setDaemon(true);
            return thread;
        });
        long started = System.nanoTime();
        progress.scheduleAtFixedRate(() -> report(path, started), 5, 5, TimeUnit.SECONDS);
        try {
            int fruitless = 0;
            long lastDone = -1;
            while (true) {
                HttpResponse<String> status;
                try {
                    status = send(request(path).GET());
                } catch (IOException unreachable) {
                    status = null;
                }
                if (status == null || status.statusCode() == 503 || status.statusCode() == 429) {
                    // the platform is down, restarting or busy: wait, and count it as an attempt without progress
                    if (++fruitless >= ATTEMPTS) {
                        err.println("import: the platform cannot be reached; run again with --import-id=" + id);
                        return 1;
                    }
                    err.println("import: the platform is not answering; retrying");
                    pause(fruitless);
                    continue;
                }
                if (status.statusCode() == 401 && renewToken()) {
                    continue;
                }
                if (status.statusCode() != 200) {
                    return failed("could not read the import", status);
                }
                renewedSinceSuccess = false;
                long done = json.readTree(status.body()).get("linesDone").asLong();
                fruitless = done > lastDone ? 0 : fruitless + 1;
                lastDone = done;
                if (fruitless >= ATTEMPTS) {
                    err.println("import: no progress after " + ATTEMPTS + " attempts; run again with --import-id=" + id);
                    return 1;
                }
                HttpResponse<String> uploaded;
                try {
                    uploaded = send(request(path + "/accounts?firstLine=" + (done + 1))
                            .header("Content-Type", "application/x-ndjson")
                            .timeout(Duration.ofHours(12))
                            .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> linesAfter(file, done))));
                } catch (IOException broken) {
                    err.println("import: the upload broke off (" + broken.getClass().getSimpleName() + "); resuming");
                    pause(fruitless);
                    continue;
                }
                if (uploaded.statusCode() == 200) {
                    return finished(path, json.readTree(uploaded.body()));
                }
                if (uploaded.statusCode() == 401 && renewToken()) {
                    continue;
                }
                if (uploaded.statusCode() == 503 || uploaded.statusCode() == 409 || uploaded.statusCode() == 429) {
                    err.println("import: " + problemType(uploaded) + "; resuming");
                    pause(fruitless);
                    continue;
                }
                return failed("the upload was refused", uploaded);
            }
        } finally {
            progress.shutdownNow();
        }
    }

    /** Whether a token has been asked for anew since the last answer that took the current one. */
    private boolean renewedSinceSuccess;

    /**
     * A token the node refuses (one that does not know its key yet, a user changed) is asked for anew,
     * once until an answer takes the new one; false where the token is not ours to renew.
     */
    private boolean renewToken() {
        if (!(authorization instanceof ClientCredentials credentials) || renewedSinceSuccess) {
            return false;
        }
        renewedSinceSuccess = true;
        credentials.forget();
        err.println("import: the token was refused; asking for a new one");
        return true;
    }

    /** The file from the line after {@code done} (lines end at LF, as the platform counts them): lines done are not sent again. */
    private static InputStream linesAfter(Path file, long done) {
        try {
            InputStream in = Files.newInputStream(file);
            long skipped = 0;
            java.io.BufferedInputStream buffered = new java.io.BufferedInputStream(in, 1 << 16);
            while (skipped < done) {
                int b = buffered.read();
                if (b < 0) {
                    break;
                }
                if (b == '\n') {
                    skipped++;
                }
            }
            return buffered;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private int finished(String path, JsonNode status) throws IOException, InterruptedException {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("import", status);
        java.util.List<JsonNode> errors = new java.util.ArrayList<>();
        long after = 0;
        while (true) {
            HttpResponse<String> page = send(request(path + "/errors?afterLine=" + after).GET());
            if (page.statusCode() != 200) {
                return failed("could not read the report", page);
            }
            JsonNode body = json.readTree(page.body());
            body.get("errors").forEach(errors::add);
            JsonNode next = body.get("nextAfterLine");
            if (next == null || next.isNull()) {
                break;
            }
            after = next.asLong();
        }
        result.put("errors", errors);
        out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(result));
        err.println("import: " + status.get("linesDone").asLong() + " lines done: " + status.get("imported").asLong()
                + " imported, " + status.get("completed").asLong() + " completed, "
                + status.get("alreadyPresent").asLong() + " already present, "
                + status.get("refused").asLong() + " refused");
        return status.get("refused").asLong() > 0 ? 2 : 0;
    }

    private void report(String path, long started) {
        try {
            HttpResponse<String> status = send(request(path).GET());
            if (status.statusCode() == 200) {
                JsonNode node = json.readTree(status.body());
                double seconds = (System.nanoTime() - started) / 1e9;
                err.printf("import: %d lines done (%d imported, %d completed, %d present, %d refused), %.0f s%n",
                        node.get("linesDone").asLong(), node.get("imported").asLong(), node.get("completed").asLong(),
                        node.get("alreadyPresent").asLong(), node.get("refused").asLong(), seconds);
            }
        } catch (IOException | RuntimeException e) {
            // progress is a courtesy; the upload itself reports what matters
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private int failed(String what, HttpResponse<String> response) {
        err.println("import: " + what + ": HTTP " + response.statusCode() + " " + problemType(response));
        return 1;
    }

    private String problemType(HttpResponse<String> response) {
        try {
            JsonNode problem = json.readTree(response.body());
            return problem.path("type").asString("") + " " + problem.path("detail").asString("");
        } catch (RuntimeException e) {
            return "";
        }
    }

    private static void pause(int fruitless) throws InterruptedException {
        Thread.sleep(Math.min(30_000L, 1_000L << Math.min(fruitless, 5)));
    }

    /** A request with the current token; a token endpoint out of reach is a broken connection like any other. */
    private HttpRequest.Builder request(String path) throws IOException {
        String current;
        try {
            current = authorization.get();
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
        return HttpRequest.newBuilder(base.resolve(path)).header("Authorization", current)
                .header("Accept", "application/json, application/problem+json");
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
