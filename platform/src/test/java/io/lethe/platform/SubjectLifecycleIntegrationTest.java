package io.lethe.platform;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static io.lethe.platform.Callers.signedIn;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** A subject's lifecycle through the HTTP API, on the real event store and projection. */
@PlatformTest
@ExtendWith(OutputCaptureExtension.class)
class SubjectLifecycleIntegrationTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aSubjectIsRegisteredLinkedChargedTerminatedAndErasureRequested() throws Exception {
        String subject = register("{\"jurisdiction\":\"US-CA\",\"name\":\"Casey Rivera\",\"dateOfBirth\":\"1988-07-14\","
                + "\"postalAddress\":\"500 Castro St, Mountain View\",\"email\":\"casey@example.com\"}");

        mvc.perform(command("/api/subjects/" + subject + "/social-logins",
                        "{\"provider\":\"google\",\"externalId\":\"g-77\",\"username\":\"casey.r\"}"))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "http://localhost/api/subjects/" + subject + "/social-logins/google"));
        mvc.perform(command("/api/subjects/" + subject + "/purchases",
                        "{\"item\":\"Event ticket\",\"amount\":{\"currency\":\"USD\",\"minorUnits\":1999},"
                                + "\"card\":{\"expiry\":\"08/28\",\"lastFour\":\"4444\"}}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.purchaseId").isNotEmpty());
        mvc.perform(command("/api/subjects/" + subject + "/termination", "{\"reason\":\"SUBJECT_REQUEST\"}"))
                .andExpect(status().isNoContent());
        mvc.perform(command("/api/subjects/" + subject + "/privacy-requests",
                        "{\"type\":\"deletion\",\"requester\":\"AUTHORISED_AGENT\",\"channel\":\"EMAIL\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.requestId").isNotEmpty());

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> mvc.perform(staffGet("/api/subjects/" + subject))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.jurisdiction").value("US-CA"))
                .andExpect(jsonPath("$.status").value("TERMINATED"))
                .andExpect(jsonPath("$.name").value("Casey Rivera"))
                .andExpect(jsonPath("$.socialLoginProviders[0]").value("google"))
                .andExpect(jsonPath("$.purchaseCount").value(1))
                .andExpect(jsonPath("$.terminationReason").value("SUBJECT_REQUEST"))
                .andExpect(jsonPath("$.erasureRequestedAt").isNotEmpty()));

        mvc.perform(staffGet("/api/subjects?jurisdiction=US-CA&status=TERMINATED&size=5"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[?(@.subjectId == '" + subject + "')]").exists())
                .andExpect(jsonPath("$.size").value(5));
    }

    @Test
    @DisplayName("RULES.md rule 1: a purchase carrying a full card number is refused and the number stored nowhere")
    void aFullCardNumberIsRefusedAndFoundNowhere(CapturedOutput output) throws Exception {
        String subject = register("{\"jurisdiction\":\"JP\",\"name\":\"Taro Suzuki\",\"dateOfBirth\":\"1979-01-30\","
                + "\"email\":\"taro@example.jp\"}");
        String[] attempts = {
                "{\"item\":\"Pass\",\"amount\":{\"currency\":\"JPY\",\"minorUnits\":500},\"card\":{\"expiry\":\"01/30\",\"lastFour\":\"4916 3389 7712 0583\"}}",
                "{\"item\":\"Pass for card 4916-3389-7712-0583\",\"amount\":{\"currency\":\"JPY\",\"minorUnits\":500},\"card\":{\"expiry\":\"01/30\",\"lastFour\":\"0583\"}}",
                "{\"item\":\"Pass\",\"amount\":{\"currency\":\"JPY\",\"minorUnits\":500},\"card\":{\"expiry\":\"4916338977120583\",\"lastFour\":\"0583\"}}"
        };
        for (String attempt : attempts) {
            MvcResult result = mvc.perform(command("/api/subjects/" + subject + "/purchases", attempt))
                    .andExpect(status().isUnprocessableContent())
                    .andExpect(jsonPath("$.type").value("urn:problem-type:lethe:card-number-refused"))
                    .andReturn();
            assertThat(result.getResponse().getContentAsString()).doesNotContain("4916", "0583");
        }
        // an unexpected field is refused too, and its value is not repeated
        MvcResult unknownField = mvc.perform(command("/api/subjects/" + subject + "/purchases",
                        "{\"item\":\"Pass\",\"cardNumber\":\"4916338977120583\",\"amount\":{\"currency\":\"JPY\",\"minorUnits\":500},"
                                + "\"card\":{\"expiry\":\"01/30\",\"lastFour\":\"0583\"}}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("Unknown field 'cardNumber'."))
                .andReturn();
        assertThat(unknownField.getResponse().getContentAsString()).doesNotContain("4916");

        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, subject)).as("only the registration was written").isEqualTo(1L);
        DatabaseForensics forensics = new DatabaseForensics(jdbc);
        for (String form : new String[]{"4916338977120583", "4916 3389 7712 0583", "4916-3389-7712-0583", "3389"}) {
            assertThat(forensics.whereFound(form)).as("tables holding " + form).isEmpty();
            assertThat(output.getAll()).as("log output").doesNotContain(form);
        }
        // positive control: the same search finds what is stored in plain text (the subject's id, in the
        // event store and the projection); its personal data is stored sealed everywhere, so nowhere in clear
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(forensics.whereFound(subject)).contains("public.domain_event_entry.aggregate_identifier",
                        "public.subject_summary.subject_id"));
        assertThat(forensics.whereFound("taro@example.jp")).isEmpty();
    }

    @Test
    void badInputIsAProblemDetailThatNamesTheFieldButNotTheValue() throws Exception {
        mvc.perform(command("/api/subjects", "{\"jurisdiction\":\"Mars\",\"name\":\"A\",\"dateOfBirth\":\"1990-01-01\","
                        + "\"email\":\"a@example.com\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("Field 'jurisdiction' must be one of JP, US-CA, EU, UK, TW, OTHER."));
        MvcResult invalid = mvc.perform(command("/api/subjects", "{\"jurisdiction\":\"EU\",\"name\":\"Anna Schmidt\","
                        + "\"dateOfBirth\":\"1990-02-30\",\"email\":\"anna@example.de\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("Field 'dateOfBirth' has an invalid value or type."))
                .andReturn();
        assertThat(invalid.getResponse().getContentAsString()).doesNotContain("Anna", "1990-02-30");
        mvc.perform(command("/api/subjects", "{\"jurisdiction\":\"EU\",\"name\":\"Anna Schmidt\","
                        + "\"dateOfBirth\":\"1990-02-10\",\"email\":\"anna-at-example.de\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("email"))
                .andExpect(jsonPath("$.errors[0].message").value("must be a valid email address"));
        mvc.perform(command("/api/subjects", "not json"))
                .andExpect(status().isBadRequest())
                .andExpect(header().string("Content-Type", MediaType.APPLICATION_PROBLEM_JSON_VALUE));
        mvc.perform(staffGet("/api/subjects/not-a-uuid"))
                .andExpect(status().isBadRequest());
        mvc.perform(staffGet("/api/subjects?size=100000"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("size"))
                .andExpect(jsonPath("$.errors[0].message").value("must be less than or equal to 200"));
    }

    @Test
    void refusalsCarryTheirStatus() throws Exception {
        String unknown = UUID.randomUUID().toString();
        mvc.perform(command("/api/subjects/" + unknown + "/purchases",
                        "{\"item\":\"Pass\",\"amount\":{\"currency\":\"JPY\",\"minorUnits\":1},\"card\":{\"expiry\":\"01/30\",\"lastFour\":\"1234\"}}"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("urn:problem-type:lethe:subject-not-found"));
        mvc.perform(staffGet("/api/subjects/" + unknown))
                .andExpect(status().isNotFound());

        String body = "{\"subjectId\":\"" + unknown + "\",\"jurisdiction\":\"TW\",\"name\":\"Lin Mei\","
                + "\"dateOfBirth\":\"1985-02-03\",\"email\":\"mei@example.tw\"}";
        mvc.perform(command("/api/subjects", body)).andExpect(status().isCreated())
                .andExpect(header().string("Location", "http://localhost/api/subjects/" + unknown));
        mvc.perform(command("/api/subjects", body))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("urn:problem-type:lethe:subject-already-registered"));

        mvc.perform(command("/api/subjects/" + unknown + "/termination", "{\"reason\":\"INACTIVITY\"}"))
                .andExpect(status().isNoContent());
        mvc.perform(command("/api/subjects/" + unknown + "/social-logins", "{\"provider\":\"line\",\"externalId\":\"U1\"}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("urn:problem-type:lethe:account-terminated"));
    }

    private String register(String body) throws Exception {
        MvcResult result = mvc.perform(command("/api/subjects", body))
                .andExpect(status().isCreated())
                .andReturn();
        JsonNode created = json.readTree(result.getResponse().getContentAsString());
        return created.get("subjectId").asString();
    }

    static org.springframework.test.web.servlet.RequestBuilder command(String path, String body) {
        return post(path).with(signedIn("service", "lethe-service"))
                .contentType(MediaType.APPLICATION_JSON).content(body);
    }

    static org.springframework.test.web.servlet.RequestBuilder staffGet(String path) {
        return get(path).with(signedIn("staff", "lethe-staff"));
    }
}
