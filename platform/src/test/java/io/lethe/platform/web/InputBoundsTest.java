package io.lethe.platform.web;

import io.lethe.core.validation.Lengths;
import io.lethe.platform.PlatformTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static io.lethe.platform.Callers.signedIn;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The lengths the API description states for a request's texts are the ones the platform keeps: a
 * value one character longer is refused as {@code invalid-request} naming the field (never the
 * value), and nothing is recorded; a refusal of thousands of fields names the first ones only.
 */
@PlatformTest
class InputBoundsTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    @DisplayName("A name at its length is taken; one character more is refused, naming the field, and nothing is recorded")
    void aTextPastItsLengthIsRefused() throws Exception {
        long events = events();
        mvc.perform(post("/api/subjects").with(signedIn("service", "lethe-service")).contentType(MediaType.APPLICATION_JSON)
                        .content(registration("N".repeat(Lengths.NAME + 1))))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:problem-type:lethe:invalid-request"))
                .andExpect(jsonPath("$.errors[0].field").value("name"));
        assertThat(events()).isEqualTo(events);

        mvc.perform(post("/api/subjects").with(signedIn("service", "lethe-service")).contentType(MediaType.APPLICATION_JSON)
                        .content(registration("N".repeat(Lengths.NAME))))
                .andExpect(status().isCreated());
    }

    @Test
    @DisplayName("A path's reference and a breach duty's id past their lengths are refused as invalid requests")
    void referencesPastTheirLengthAreRefused() throws Exception {
        long events = events();
        mvc.perform(delete("/api/subjects/" + UUID.randomUUID() + "/legal-holds/" + "h".repeat(Lengths.REFERENCE + 1))
                        .with(signedIn("staff", "lethe-staff")).contentType(MediaType.APPLICATION_JSON))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:problem-type:lethe:invalid-request"))
                .andExpect(jsonPath("$.errors[0].field").value("holdId"));
        mvc.perform(post("/api/breaches/" + UUID.randomUUID() + "/notifications").with(signedIn("staff", "lethe-staff"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"dutyId\":\"" + "d".repeat(Lengths.REFERENCE + 1) + "\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:problem-type:lethe:invalid-request"))
                .andExpect(jsonPath("$.errors[0].field").value("dutyId"));
        assertThat(events()).isEqualTo(events);
    }

    @Test
    @DisplayName("A batch with hundreds of bad pieces is answered with the first hundred fields, and nothing is recorded")
    void aRefusalNamesAtMostAHundredFields() throws Exception {
        String subject = json.readTree(mvc.perform(post("/api/subjects").with(signedIn("service", "lethe-service"))
                        .contentType(MediaType.APPLICATION_JSON).content(registration("Ines Moura")))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString()).get("subjectId").asString();
        String pieces = IntStream.range(0, 300)
                .mapToObj(i -> "{\"subjectId\":\"" + subject + "\",\"occurredAt\":\"2026-01-01T10:00:00Z\",\"kind\":\"APPLICATION\","
                        + "\"action\":\"" + "a".repeat(Lengths.ACTION + 1) + "\",\"target\":\"/home\"}")
                .collect(Collectors.joining(",", "{\"activities\":[", "]}"));
        long events = events();
        JsonNode problem = json.readTree(mvc.perform(post("/api/activity").with(signedIn("service", "lethe-service"))
                        .contentType(MediaType.APPLICATION_JSON).content(pieces))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:problem-type:lethe:invalid-request"))
                .andReturn().getResponse().getContentAsString());
        assertThat(problem.get("errors")).hasSize(ProblemDetailsAdvice.MAX_ERRORS);
        assertThat(problem.get("errors").get(0).get("field").asString()).endsWith("action");
        assertThat(events()).isEqualTo(events);
    }

    private static String registration(String name) {
        return "{\"jurisdiction\":\"EU\",\"name\":\"" + name + "\",\"dateOfBirth\":\"1984-04-04\",\"email\":\"ines@example.pt\"}";
    }

    private long events() {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    }
}
