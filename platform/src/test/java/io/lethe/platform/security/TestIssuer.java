package io.lethe.platform.security;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real OAuth2 authorization server (Spring Authorization Server) for the tests, in the same JVM on a
 * free port, with the clients a deployment would register: two processors and a product service,
 * each allowed the client-credentials grant and its Lethe scope. Nothing of the platform runs in it.
 */
final class TestIssuer implements AutoCloseable {

    static final String SECRET_SUFFIX = "-secret";

    private final ConfigurableApplicationContext context;
    private final String uri;

    private TestIssuer(ConfigurableApplicationContext context) {
        this.context = context;
        this.uri = "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
    }

    static TestIssuer start() {
        SpringApplicationBuilder builder = new SpringApplicationBuilder(Server.class)
                .web(WebApplicationType.SERVLET)
                .properties("spring.config.name=lethe-test-issuer", "server.port=0", "spring.main.banner-mode=off",
                        "logging.level.root=WARN");
        client(builder, "email-delivery", "lethe:processor");
        client(builder, "crm-sync", "lethe:processor");
        client(builder, "game-service", "lethe:service");
        client(builder, "reporting-tool", "reporting:read");
        return new TestIssuer(builder.run());
    }

    private static void client(SpringApplicationBuilder builder, String id, String scope) {
        String prefix = "spring.security.oauth2.authorizationserver.client." + id + ".registration.";
        builder.properties(prefix + "client-id=" + id, prefix + "client-secret={noop}" + id + SECRET_SUFFIX,
                prefix + "client-authentication-methods=client_secret_basic",
                prefix + "authorization-grant-types=client_credentials", prefix + "scopes=" + scope);
    }

    String uri() {
        return uri;
    }

    /** A client-credentials access token for the client, asking for the scope. */
    String token(String client, String scope) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(uri + "/oauth2/token"))
                        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                                (client + ":" + client + SECRET_SUFFIX).getBytes(StandardCharsets.UTF_8)))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=" + scope))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher token = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(response.body());
        if (response.statusCode() != 200 || !token.find()) {
            throw new IllegalStateException("the issuer answered " + response.statusCode());
        }
        return token.group(1);
    }

    @Override
    public void close() {
        context.close();
    }

    /**
     * Only what an authorization server needs: a servlet container, Spring MVC, security and the server
     * itself. Deliberately not a {@code @SpringBootConfiguration} nor a {@code @Configuration}: the
     * platform's tests would find the one and component-scan the other.
     */
    @ImportAutoConfiguration({
            org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration.class,
            org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration.class,
            org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration.class,
            org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration.class,
            org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration.class,
            org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration.class,
            org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration.class,
            org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration.class,
            org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerAutoConfiguration.class,
            org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerJwtAutoConfiguration.class
    })
    static class Server {
    }
}
