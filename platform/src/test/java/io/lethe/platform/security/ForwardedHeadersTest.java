package io.lethe.platform.security;

import io.lethe.platform.PlatformTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On a platform Spring Boot recognises as Kubernetes, it would honour {@code X-Forwarded-For} from any
 * private-range peer; the platform turns that off, so a client cannot pose as a new address per guess.
 * Through a real port, since the forwarded headers are Tomcat's business.
 */
@PlatformTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = "spring.main.cloud-platform=kubernetes")
class ForwardedHeadersTest {

    @LocalServerPort
    int port;

    @Test
    @DisplayName("A client cannot spoof X-Forwarded-For to escape the sign-in limits")
    void aForgedForwardedForIsIgnored() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            statuses.add(client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/oauth2/token"))
                            .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("ghost:guess-" + i).getBytes()))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .header("X-Forwarded-For", "198.51.100." + (i + 1))
                            .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode());
        }
        assertThat(statuses.subList(0, 5)).containsOnly(401);
        assertThat(statuses.subList(5, 8)).containsOnly(429);
    }
}
