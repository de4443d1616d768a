package io.lethe.platform;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Real HTTP to a running platform node, as the README's curl examples do, with the demo users. */
public final class PlatformClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    public PlatformClient(ConfigurableApplicationContext node) {
        int port = ((WebServerApplicationContext) node).getWebServer().getPort();
        this.base = "http://localhost:" + port;
    }

    /** An answer: its status, body and headers. */
    public record Answer(int status, String body, java.net.http.HttpHeaders headers) {
        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    public Answer get(String path, String user) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), user);
    }

    /** A GET with headers of its own, as name, value, name, value… */
    public Answer get(String path, String user, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET().headers(headers), user);
    }

    public Answer post(String path, String user, String body) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : body)), user);
    }

    /** A POST with an {@code Idempotency-Key}, as a product service retrying a call sends it. */
    public Answer post(String path, String user, String body, String idempotencyKey) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : body)), user);
    }

    /** Registers an EU subject and answers its id. */
    public String register(String name, String email) {
        Answer answer = post("/api/subjects", "service", JSON.writeValueAsString(java.util.Map.of(
                "jurisdiction", "EU", "name", name, "dateOfBirth", "1981-04-04", "email", email)));
        if (answer.status() != 201) {
            throw new IllegalStateException("registration answered " + answer.status());
        }
        return answer.json().get("subjectId").asString();
    }

    private Answer send(HttpRequest.Builder request, String user) {
        request.header("Authorization", Callers.bearer(base, user, "email-delivery".equals(user) ? "lethe-processor" : "lethe-" + user));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
