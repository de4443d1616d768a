package io.lethe.platform.crypto;

import io.lethe.platform.DataDirectoryForensics;
import io.lethe.platform.PlatformTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static io.lethe.platform.Callers.signedIn;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Erasure as someone holding a copy of the disk would test it: subjects are registered, one is erased
 * through an EU erasure request, and then every file of the database cluster — table pages with their
 * old row versions, indexes, the write-ahead log — and the whole log output are searched byte for byte
 * for the erased subject's values. None is found; the other subjects stay readable. A value written in
 * plain text on purpose is found in both a table file and the WAL, so the search itself is shown to work.
 */
@PlatformTest
@ExtendWith(OutputCaptureExtension.class)
class ErasureForensicsTest {

    /** Where {@link PlatformTest} puts the embedded cluster. */
    private static final Path CLUSTER = Path.of("target/embedded-postgres-" + System.getProperty("lethe.test.fork", "1"));

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    org.springframework.transaction.PlatformTransactionManager transactions;

    record Person(String name, String email, String address, String bankAccount, String username, String searchTerm,
                  String inquiry, String inference) {
        List<String> values() {
            return List.of(name, email, address, bankAccount, username, searchTerm, inquiry, inference);
        }
    }

    @Test
    void anErasedSubjectsValuesAreInNoFileOfTheClusterAndInNoLogLine(CapturedOutput output) throws Exception {
        Person erased = person("Erika");
        Person kept = person("Konrad");
        String erasedId = register(erased);
        String keptId = register(kept);
        readSummary(erasedId).andExpect(jsonPath("$.name").value(erased.name()));

        String request = body(post("/api/subjects/" + erasedId + "/privacy-requests").with(service())
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"type\":\"erasure\",\"requester\":\"SUBJECT\",\"channel\":\"WEB_FORM\"}")).get("requestId").asString();
        mvc.perform(post("/api/subjects/" + erasedId + "/privacy-requests/" + request + "/identity-verification")
                        .with(staff()).contentType(MediaType.APPLICATION_JSON).content("{\"method\":\"EMAIL_CONFIRMATION\"}"))
                .andExpect(status().isNoContent());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                body(get("/api/privacy-requests/" + request).with(staff())).get("status").asString()).isEqualTo("FULFILLED"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> readSummary(erasedId).andExpect(jsonPath("$.name").value("[erased]")));
        readSummary(keptId).andExpect(jsonPath("$.name").value(kept.name())).andExpect(jsonPath("$.email").value(kept.email()));

        // the usage period's own key went with the subject's: no live key is left under any of its holders
        assertThat(jdbc.queryForObject("SELECT count(*) FROM subject_key WHERE subject_id LIKE ?", Long.class,
                erasedId + "/%")).as("the period's key holder").isPositive();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM subject_key WHERE (subject_id = ? OR subject_id LIKE ?)"
                + " AND wrapped_key IS NOT NULL", Long.class, erasedId, erasedId + "/%")).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM subject_key WHERE subject_id LIKE ? AND wrapped_key IS NOT NULL",
                Long.class, keptId + "/%")).as("the kept subject's period key").isEqualTo(1L);

        String control = "plaintext-control-" + UUID.randomUUID();
        jdbc.execute("CREATE TABLE IF NOT EXISTS forensics_control (value TEXT)");
        jdbc.update("INSERT INTO forensics_control VALUES (?)", control);
        // the row reaches the table's file; the WAL segment that recorded it may then be recycled and written
        // over by the rest of the suite's platforms, so the control is recorded once more after the checkpoint,
        // in the current segment, and written out there (the test server commits asynchronously)
        jdbc.execute("CHECKPOINT");
        new org.springframework.transaction.support.TransactionTemplate(transactions).executeWithoutResult(status -> {
            jdbc.execute("SET LOCAL synchronous_commit TO on");
            jdbc.update("INSERT INTO forensics_control VALUES (?)", control);
        });

        List<String> needles = new ArrayList<>(erased.values());
        needles.add(control);
        Map<String, TreeSet<String>> found = new DataDirectoryForensics(CLUSTER).whereFound(needles);

        assertThat(found.get(control)).as("positive control")
                .anyMatch(file -> file.startsWith("base/")).anyMatch(file -> file.startsWith("pg_wal/"));
        for (String value : erased.values()) {
            assertThat(found.get(value)).as("files holding %s", value).isEmpty();
            assertThat(output.getAll()).as("log output").doesNotContain(value);
        }
    }

    private org.springframework.test.web.servlet.ResultActions readSummary(String subject) throws Exception {
        return mvc.perform(get("/api/subjects/" + subject).with(staff())).andExpect(status().isOk());
    }

    private String register(Person person) throws Exception {
        String subject = body(post("/api/subjects").with(service()).contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(Map.of("jurisdiction", "EU", "name", person.name(),
                        "dateOfBirth", "1979-11-23", "postalAddress", person.address(), "email", person.email(),
                        "bankAccountNumber", person.bankAccount())))).get("subjectId").asString();
        mvc.perform(post("/api/subjects/" + subject + "/social-logins").with(service())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(Map.of("provider", "github", "externalId", "gh-" + person.username(),
                                "username", person.username()))))
                .andExpect(status().isCreated());
        // categories D, E and F: a search, an inquiry, an inference
        mvc.perform(post("/api/activity").with(service()).contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(Map.of("activities", List.of(Map.of("subjectId", subject,
                                "occurredAt", java.time.Instant.now().toString(), "kind", "APPLICATION", "action", "searched",
                                "target", "search", "detail", person.searchTerm()))))))
                .andExpect(status().isOk()).andExpect(jsonPath("$.recorded").value(1));
        mvc.perform(post("/api/subjects/" + subject + "/communications").with(service())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(Map.of("kind", "INQUIRY", "occurredAt", java.time.Instant.now().toString(),
                                "content", person.inquiry()))))
                .andExpect(status().isCreated());
        mvc.perform(post("/api/subjects/" + subject + "/inferences").with(service())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(Map.of("characteristic", "interest", "value", person.inference(),
                                "drawnFrom", List.of("D"), "inferredBy", "forensics-model"))))
                .andExpect(status().isCreated());
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> readSummary(subject));
        return subject;
    }

    private JsonNode body(MockHttpServletRequestBuilder call) throws Exception {
        return json.readTree(mvc.perform(call).andReturn().getResponse().getContentAsString());
    }

    private static Person person(String first) {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        return new Person(first + " Vergessen-" + tag, first.toLowerCase() + "." + tag + "@forensics.example",
                tag + " Mnemosyneweg, Graz", "AT48" + tag.hashCode() + "77120583", first.toLowerCase() + "_" + tag,
                "search-" + first + "-" + tag, first + " asks about invoice " + tag, "likes-" + tag + "-puzzles");
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor service() {
        return signedIn("service", "lethe-service");
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor staff() {
        return signedIn("staff", "lethe-staff");
    }
}
