package io.lethe.platform.imports;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.function.Supplier;

/**
 * A client of the platform's token endpoint ({@code oauth2/token}, OAuth2 client credentials): a name
 * and password exchanged for a token, kept until a minute before it expires, and given as the value of
 * an {@code Authorization} header. The command-line import, the benchmark and the tests sign in with it.
 * Wrong credentials are {@link Refused} at once; a busy or restarting endpoint is an
 * {@link UncheckedIOException}, which a caller may try again.
 */
public final class ClientCredentials implements Supplier<String> {

    /** The token endpoint refused the name and password: not an outage, and not worth trying again. */
    public static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI endpoint;
    private final String basic;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private String token;
    private long renewAt;

    /** The user at the platform answering at {@code base} (its root, ending in {@code /}). */
    public ClientCredentials(URI base, String user, String password) {
        this.endpoint = base.resolve("oauth2/token");
        this.basic = basic(user, password);
    }

    /** The HTTP Basic header of a client at the token endpoint: RFC 6749 §2.3.1, each URL-encoded, then Base64. */
    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((URLEncoder.encode(user, StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(password, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
    }

    /** The token was refused (a node that does not know its key, a user changed): the next call asks again. */
    public synchronized void forget() {
        token = null;
    }

    /** {@code Bearer <token>}, asked for when there is none or it expires within a minute. */
    @Override
    public synchronized String get() {
        if (token == null || System.nanoTime() - renewAt > 0) {
            try {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(endpoint).header("Authorization", basic)
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                if (answer.statusCode() == 400 || answer.statusCode() == 401) {
                    // wrong credentials are not an outage: said at once, not retried
                    throw new Refused("the token endpoint refused the name and password: HTTP " + answer.statusCode());
                }
                if (answer.statusCode() != 200) {
                    // busy (429) or restarting (5xx): a broken connection like any other, tried again
                    throw new UncheckedIOException(new IOException("the token endpoint answered HTTP " + answer.statusCode()));
                }
                JsonNode body = JSON.readTree(answer.body());
                token = "Bearer " + body.get("access_token").asString();
                renewAt = System.nanoTime() + Duration.ofSeconds(Math.max(0, body.path("expires_in").asLong(60) - 60)).toNanos();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while asking for a token", e);
            }
        }
        return token;
    }
}
