package io.lethe.platform.security;

import org.junit.jupiter.api.Assumptions;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Keycloak, from its server distribution on Maven Central (unpacked by the build into
 * {@code lethe.keycloak.home}), run as its own process in development mode on a fixed host name, and a
 * realm built through its admin API the way the README's recipe says. Keycloak needs a JDK 21 or
 * newer; where neither the distribution nor such a JDK is found, the test using it is skipped with a
 * message saying which is missing ({@code -Dlethe.keycloak.java-home=...} or {@code KEYCLOAK_JAVA_HOME}
 * names a JDK; otherwise the running one, {@code JAVA_HOME} and the JDKs under {@code /usr/lib/jvm} are
 * looked at).
 */
public final class Keycloak implements AutoCloseable {

    public static final String REALM = "company";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

    private final Path home;
    private final Path java;
    private final int port;
    private final int managementPort;
    private final String adminPassword = UUID.randomUUID().toString();
    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Process process;

    private Keycloak(Path home, Path java, int port) {
        this.home = home;
        this.java = java;
        this.port = port;
        this.managementPort = io.lethe.platform.FreePorts.any();
        // a test JVM stopped before the tests' end stops its Keycloak too
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "keycloak-stop"));
    }

    /** A Keycloak for this machine, not started, on {@code port}; skips the calling test where none can run here. */
    public static Keycloak onPort(int port) {
        String configured = System.getProperty("lethe.keycloak.home");
        Assumptions.assumeTrue(configured != null && Files.isExecutable(Path.of(configured, "bin", "kc.sh")),
                "Skipped: Keycloak's distribution is not unpacked (the build unpacks org.keycloak:keycloak-quarkus-dist "
                        + "into target/keycloak and names it in lethe.keycloak.home)");
        Optional<Path> java = javaHome();
        Assumptions.assumeTrue(java.isPresent(), "Skipped: Keycloak needs a JDK 21 or newer and none was found "
                + "(name one with -Dlethe.keycloak.java-home=... or KEYCLOAK_JAVA_HOME); the Spring Authorization "
                + "Server tests still cover the same flows");
        return new Keycloak(Path.of(configured), java.get(), port);
    }

    /** The issuer of the realm, on the host name Keycloak is fixed to. */
    public String issuer() {
        return issuer(port);
    }

    /** The realm's issuer for a Keycloak on {@code port}, before one is found or started. */
    public static String issuer(int port) {
        return "http://localhost:" + port + "/realms/" + REALM;
    }

    public String base() {
        return "http://localhost:" + port;
    }

    /** Starts it, with its stored data wiped first when {@code fresh}; returns once it answers. */
    public void start(boolean fresh) {
        stop();
        try {
            if (fresh) {
                deleteTree(home.resolve("data"));
            }
            Path log = home.resolve("lethe-test-keycloak.log");
            ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/kc.sh").toString(), "start-dev",
                    "--http-port=" + port, "--http-management-port=" + managementPort,
                    // tokens name one issuer whatever address fetched them
                    "--hostname=" + base())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().put("JAVA_HOME", java.toString());
            builder.environment().put("PATH", java.resolve("bin") + ":" + System.getenv("PATH"));
            builder.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
            builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
            builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
            process = builder.start();
            Instant deadline = Instant.now().plus(START_TIMEOUT);
            while (Instant.now().isBefore(deadline)) {
                if (!process.isAlive()) {
                    stop();
                    throw new IllegalStateException("Keycloak stopped while starting; see " + log);
                }
                try {
                    if (answers(base() + "/realms/master/.well-known/openid-configuration")) {
                        return;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(500);
            }
            stop();
            throw new IllegalStateException("Keycloak did not answer within " + START_TIMEOUT + "; see " + log);
        } catch (IOException e) {
            stop();
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            stop();
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops the process and everything it started; its data stays for the next start. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        all.forEach(ProcessHandle::destroy);
        for (ProcessHandle each : all) {
            try {
                each.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception slow) {
                each.destroyForcibly();
            }
        }
        process = null;
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * The realm of the README's recipe: per service or processor a confidential client with service
     * accounts on and the standard flow off, whose default client scope ({@code lethe:service} or
     * {@code lethe:processor}) carries an audience mapper adding {@code lethe}; a client for another API
     * with no such scope; the console's client {@code lethe-console} with the standard flow, the exact
     * redirect and post-logout addresses, and a "User Realm Role" mapper putting realm roles into the
     * ID token as the multivalued claim {@code roles}; and people with the realm roles of the recipe.
     */
    public void buildRealm(String console, Map<String, String> people) throws Exception {
        String admin = adminToken();
        send(admin, "POST", "/admin/realms", Map.of("realm", REALM, "enabled", true));
        Map<String, String> scopes = new java.util.HashMap<>();
        for (String scope : List.of("lethe:service", "lethe:processor")) {
            scopes.put(scope, idFrom(send(admin, "POST", "/admin/realms/" + REALM + "/client-scopes", Map.of(
                    "name", scope, "protocol", "openid-connect",
                    "attributes", Map.of("include.in.token.scope", "true", "display.on.consent.screen", "false"),
                    "protocolMappers", List.of(Map.of("name", "lethe audience", "protocol", "openid-connect",
                            "protocolMapper", "oidc-audience-mapper",
                            "config", Map.of("included.custom.audience", "lethe", "access.token.claim", "true",
                                    "id.token.claim", "false", "introspection.token.claim", "true")))))));
        }
        machineClient(admin, "game-service", scopes.get("lethe:service"));
        machineClient(admin, "email-delivery", scopes.get("lethe:processor"));
        machineClient(admin, "crm-sync", scopes.get("lethe:processor"));
        machineClient(admin, "reporting-tool", null);
        send(admin, "POST", "/admin/realms/" + REALM + "/clients", Map.of(
                "clientId", "lethe-console", "secret", "lethe-console" + TestIssuer.SECRET_SUFFIX, "publicClient", false,
                "standardFlowEnabled", true, "directAccessGrantsEnabled", false, "serviceAccountsEnabled", false,
                "redirectUris", List.of(console + "/login/oauth2/code/company"),
                "attributes", Map.of("post.logout.redirect.uris", console + "/console/login?signed-out"),
                "protocolMappers", List.of(Map.of("name", "roles", "protocol", "openid-connect",
                        "protocolMapper", "oidc-usermodel-realm-role-mapper",
                        "config", Map.of("claim.name", "roles", "multivalued", "true", "jsonType.label", "String",
                                "id.token.claim", "true", "access.token.claim", "false", "userinfo.token.claim", "true")))));
        for (String role : List.of("lethe-privacy-staff", "lethe-auditor", "lethe-admin")) {
            send(admin, "POST", "/admin/realms/" + REALM + "/roles", Map.of("name", role));
        }
        for (Map.Entry<String, String> person : people.entrySet()) {
            String name = person.getKey();
            HttpResponse<String> created = send(admin, "POST", "/admin/realms/" + REALM + "/users", Map.of(
                    "username", name, "enabled", true, "email", name + "@company.example", "emailVerified", true,
                    "firstName", name, "lastName", "Example",
                    "credentials", List.of(Map.of("type", "password", "value", name + "-password", "temporary", false))));
            String user = created.headers().firstValue("Location").orElseThrow();
            if (person.getValue() != null) {
                JsonNode role = json.readTree(send(admin, "GET", "/admin/realms/" + REALM + "/roles/" + person.getValue(), null).body());
                send(admin, "POST", URI.create(user).getPath() + "/role-mappings/realm", List.of(role));
            }
        }
    }

    /** A client-credentials access token for a client of the realm (its secret is its id and the suffix). */
    public String token(String client) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(issuer() + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=" + client
                        + "&client_secret=" + URLEncoder.encode(client + TestIssuer.SECRET_SUFFIX, StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Keycloak answered " + response.statusCode() + " for " + client + "'s token");
        }
        return json.readTree(response.body()).get("access_token").asString();
    }

    /**
     * A client as the admin console makes it, then the scope added beside the realm's default scopes (as
     * the recipe's "Add client scope … Default" does; naming the scopes at creation would replace them).
     */
    private void machineClient(String admin, String client, String scopeId) throws Exception {
        String id = idFrom(send(admin, "POST", "/admin/realms/" + REALM + "/clients", Map.of(
                "clientId", client, "secret", client + TestIssuer.SECRET_SUFFIX, "publicClient", false,
                "serviceAccountsEnabled", true, "standardFlowEnabled", false, "directAccessGrantsEnabled", false)));
        if (scopeId != null) {
            send(admin, "PUT", "/admin/realms/" + REALM + "/clients/" + id + "/default-client-scopes/" + scopeId, null);
        }
    }

    /** The id Keycloak gave what it created, from the answer's {@code Location}. */
    private static String idFrom(HttpResponse<String> created) {
        String location = created.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    private String adminToken() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base() + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=admin-cli&username=admin&password="
                        + URLEncoder.encode(adminPassword, StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        return json.readTree(response.body()).get("access_token").asString();
    }

    private HttpResponse<String> send(String admin, String method, String path, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path)).header("Authorization", "Bearer " + admin);
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException("Keycloak's admin API answered " + response.statusCode() + " to " + method + " "
                    + path + ": " + response.body());
        }
        return response;
    }

    private boolean answers(String uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    }

    /** The oldest JDK of release 21 or newer found here, as Keycloak supports those. */
    static Optional<Path> javaHome() {
        List<String> candidates = new ArrayList<>();
        candidates.add(System.getProperty("lethe.keycloak.java-home"));
        candidates.add(System.getenv("KEYCLOAK_JAVA_HOME"));
        candidates.add(System.getProperty("java.home"));
        candidates.add(System.getenv("JAVA_HOME"));
        for (String parent : List.of("/usr/lib/jvm", "/opt/java", "/usr/local/lib/jvm")) {
            try (Stream<Path> jdks = Files.list(Path.of(parent))) {
                jdks.map(Path::toString).sorted().forEach(candidates::add);
            } catch (IOException | RuntimeException none) {
                // no such directory
            }
        }
        return candidates.stream().filter(candidate -> candidate != null && !candidate.isBlank()).map(Path::of)
                .filter(jdk -> Files.isExecutable(jdk.resolve("bin/java")) && release(jdk) >= 21)
                .min(Comparator.comparingInt(Keycloak::release));
    }

    private static int release(Path jdk) {
        try {
            for (String line : Files.readAllLines(jdk.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String version = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                    return Integer.parseInt(version.split("[.+-]")[0]);
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            // not a JDK this can read
        }
        return 0;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path each : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(each);
            }
        }
    }

}
