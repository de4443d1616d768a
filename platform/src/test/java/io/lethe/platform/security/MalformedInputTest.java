package io.lethe.platform.security;

import io.lethe.platform.PlatformTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Crafted input, sent byte for byte over a socket to the real server (MockMvc would skip Tomcat and its
 * URI checks): values of the wrong JSON type, and paths with encoded separators, dots, backslashes,
 * path parameters, null bytes, overlong or broken UTF-8 and overlong segments. Every answer is a
 * problem detail, wherever it is refused (Tomcat's connector, Spring Security's firewall, or the
 * JSON reader), and nothing is recorded.
 */
@PlatformTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MalformedInputTest {

    private static final String REGISTRATION = "{\"jurisdiction\":\"EU\",\"name\":\"Ada Lind\",\"dateOfBirth\":\"1980-02-02\","
            + "\"email\":\"ada@example.se\"}";

    @LocalServerPort
    int port;

    private String service() {
        return io.lethe.platform.Callers.bearer("http://localhost:" + port, "service", "lethe-service");
    }

    private String staff() {
        return io.lethe.platform.Callers.bearer("http://localhost:" + port, "staff", "lethe-staff");
    }
    @Autowired
    JsonMapper json;
    @Autowired
    JdbcTemplate jdbc;

    static Stream<String> malformedPaths() {
        return Stream.of(
                "/api/subjects/%2e%2e/admin/key-vault",
                "/api/%2e%2e/api/admin/key-vault",
                "/api/subjects%2F..%2Fadmin",
                "/api/subjects/%5C..%5Cadmin",
                "/api/subjects/..%5Cadmin",
                "/api/subjects;jsessionid=abc",
                "/api/subjects/x;y=z/events",
                "/api/subjects/..;/admin/key-vault",
                "/api/subjects/%00",
                "/api/subjects/a%00b",
                "/api/subjects/%c0%ae%c0%ae/admin",
                "/api/subjects/%ff%fe",
                "/api/subjects/%e2%82",
                "/api/subjects/%252e%252e",
                "//api/subjects",
                "/api/subjects/" + "a".repeat(20_000),
                "/api/subjects/\u00ff\u00fe",
                "/api/subjects/%",
                "/api/subjects/%zz");
    }

    @ParameterizedTest(name = "GET {0}")
    @MethodSource("malformedPaths")
    @DisplayName("A malformed or encoded path is refused as a problem detail")
    void aMalformedPathIsAProblem(String path) throws Exception {
        Answer answer = send("GET", path, staff(), null);
        assertProblem(answer, 400);
    }

    @ParameterizedTest(name = "POST {0}")
    @MethodSource("malformedPaths")
    @DisplayName("A registration sent to a malformed path records nothing")
    void aCommandToAMalformedPathRecordsNothing(String path) throws Exception {
        long events = events();
        Answer answer = send("POST", path.replace("/api/subjects", "/api/subjects"), service(), REGISTRATION);
        assertThat(answer.status()).as(answer.toString()).isBetween(400, 499);
        assertThat(answer.contentType()).as(answer.toString()).startsWith("application/problem+json");
        assertThat(events()).isEqualTo(events);
    }

    static Stream<String> wrongTypes() {
        return Stream.of(
                // a number, a boolean, an object for a text field
                "{\"jurisdiction\":\"EU\",\"name\":123,\"dateOfBirth\":\"1980-02-02\",\"email\":\"ada@example.se\"}",
                "{\"jurisdiction\":\"EU\",\"name\":true,\"dateOfBirth\":\"1980-02-02\",\"email\":\"ada@example.se\"}",
                "{\"jurisdiction\":\"EU\",\"name\":{\"first\":\"Ada\"},\"dateOfBirth\":\"1980-02-02\",\"email\":\"ada@example.se\"}",
                // a number for a date, a number for an enum-like code, trailing content
                "{\"jurisdiction\":\"EU\",\"name\":\"Ada Lind\",\"dateOfBirth\":19800202,\"email\":\"ada@example.se\"}",
                "{\"jurisdiction\":1,\"name\":\"Ada Lind\",\"dateOfBirth\":\"1980-02-02\",\"email\":\"ada@example.se\"}",
                REGISTRATION + "{}");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongTypes")
    @DisplayName("A value of the wrong JSON type is refused, not converted, and nothing is recorded")
    void aValueOfTheWrongTypeIsRefused(String body) throws Exception {
        long events = events();
        Answer answer = send("POST", "/api/subjects", service(), body);
        assertProblem(answer, 400);
        assertThat(events()).isEqualTo(events);
    }

    @Test
    @DisplayName("A purchase's amount must be an integer number of minor units, and a flag a boolean")
    void numbersAndFlagsMustBeTheirOwnType() throws Exception {
        Answer registered = send("POST", "/api/subjects", service(), REGISTRATION);
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        String subject = json.readTree(registered.body()).get("subjectId").asString();
        long events = events();
        for (String amount : List.of("\"1999\"", "19.99", "true")) {
            Answer answer = send("POST", "/api/subjects/" + subject + "/purchases", service(),
                    "{\"item\":\"Ticket\",\"amount\":{\"currency\":\"USD\",\"minorUnits\":" + amount + "},"
                            + "\"card\":{\"expiry\":\"08/28\",\"lastFour\":\"4444\"}}");
            assertProblem(answer, 400);
            assertThat(answer.body()).contains("minorUnits");
        }
        for (String flag : List.of("\"true\"", "1")) {
            Answer answer = send("POST", "/api/subjects/" + subject + "/provisions", service(),
                    "{\"provisionId\":\"p-1\",\"recipient\":{\"organisationName\":\"Adnet Inc.\",\"country\":\"US\","
                            + "\"category\":\"ADVERTISING_PARTNER\",\"equivalentSystem\":false},\"categories\":[\"D\"],"
                            + "\"saleOrSharing\":" + flag + ",\"contractRecord\":false,\"providedOn\":\"2026-01-05\"}");
            assertProblem(answer, 400);
            assertThat(answer.body()).contains("saleOrSharing");
        }
        assertThat(events()).isEqualTo(events);
    }

    private void assertProblem(Answer answer, int status) throws Exception {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.contentType()).as(answer.toString()).startsWith("application/problem+json");
        JsonNode problem = json.readTree(answer.body());
        assertThat(problem.get("type").asString()).as(answer.toString()).startsWith("urn:problem-type:lethe:");
        assertThat(problem.get("status").asInt()).isEqualTo(status);
    }

    private long events() {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    }

    /** One request, its target written as given (ISO-8859-1, so a raw byte stays one byte), and the whole answer. */
    private Answer send(String method, String target, String authorization, String body) throws IOException {
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: localhost:").append(port).append("\r\n")
                .append("Authorization: ").append(authorization).append("\r\n")
                .append("Accept: */*\r\nConnection: close\r\n");
        if (body != null) {
            head.append("Content-Type: application/json\r\nContent-Length: ").append(content.length).append("\r\n");
        }
        head.append("\r\n");
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(content);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            return Answer.parse(answer.toString(StandardCharsets.UTF_8));
        }
    }

    record Answer(int status, String contentType, String body, String raw) {

        static Answer parse(String raw) {
            int end = raw.indexOf("\r\n\r\n");
            String head = end < 0 ? raw : raw.substring(0, end);
            String body = end < 0 ? "" : raw.substring(end + 4);
            String[] lines = head.split("\r\n");
            int status = lines[0].startsWith("HTTP/") ? Integer.parseInt(lines[0].split(" ")[1]) : -1;
            String contentType = "";
            boolean chunked = false;
            for (String line : lines) {
                String lower = line.toLowerCase(java.util.Locale.ROOT);
                if (lower.startsWith("content-type:")) {
                    contentType = line.substring(13).trim();
                }
                chunked |= lower.startsWith("transfer-encoding:") && lower.contains("chunked");
            }
            return new Answer(status, contentType, chunked ? unchunk(body) : body, raw);
        }

        private static String unchunk(String body) {
            StringBuilder whole = new StringBuilder();
            int at = 0;
            while (at < body.length()) {
                int lineEnd = body.indexOf("\r\n", at);
                if (lineEnd < 0) {
                    break;
                }
                int size = Integer.parseInt(body.substring(at, lineEnd).trim().split(";")[0], 16);
                if (size == 0) {
                    break;
                }
                whole.append(body, lineEnd + 2, Math.min(body.length(), lineEnd + 2 + size));
                at = lineEnd + 2 + size + 2;
            }
            return whole.toString();
        }

        @Override
        public String toString() {
            return raw.length() > 600 ? raw.substring(0, 600) + "…" : raw;
        }
    }
}
