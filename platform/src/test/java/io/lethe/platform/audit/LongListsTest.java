package io.lethe.platform.audit;

import io.lethe.platform.PlatformTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;

import static io.lethe.platform.Callers.signedIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * No answer holds more than 1,000 items in one list: a subject's history is read a page at a time, and
 * the documents say which page they are and how many there are.
 */
@PlatformTest
class LongListsTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;

    @Test
    @DisplayName("A subject's history a page at a time: every event once, in order, the total in X-Total-Count")
    void aSubjectsHistoryIsReadAPageAtATime() throws Exception {
        String subject = register("JP", "Page Turner", "pages@example.jp");
        for (int i = 0; i < 4; i++) {
            mvc.perform(post("/api/subjects/" + subject + "/purchases").with(signedIn("service", "lethe-service"))
                            .contentType(MediaType.APPLICATION_JSON)
                            .content("{\"item\":\"Book " + i + "\",\"amount\":{\"currency\":\"JPY\",\"minorUnits\":1200},"
                                    + "\"card\":{\"expiry\":\"08/28\",\"lastFour\":\"4444\"}}"))
                    .andExpect(status().isCreated());
        }
        String total = mvc.perform(get("/api/audit/subjects/" + subject + "/events").with(signedIn("auditor", "lethe-auditor")))
                .andExpect(status().isOk()).andReturn().getResponse().getHeader("X-Total-Count");
        assertThat(Integer.parseInt(total)).isGreaterThanOrEqualTo(5);
        List<Long> sequences = new ArrayList<>();
        for (int page = 0; page * 2 < Integer.parseInt(total); page++) {
            JsonNode entries = json.readTree(mvc.perform(get("/api/audit/subjects/" + subject + "/events")
                            .param("page", Integer.toString(page)).param("size", "2").with(signedIn("auditor", "lethe-auditor")))
                    .andExpect(status().isOk()).andExpect(header().string("X-Total-Count", total))
                    .andReturn().getResponse().getContentAsString());
            assertThat(entries.size()).isBetween(1, 2);
            entries.forEach(entry -> sequences.add(entry.get("sequence").asLong()));
        }
        assertThat(sequences).hasSize(Integer.parseInt(total)).isSorted().doesNotHaveDuplicates();
        mvc.perform(get("/api/audit/subjects/" + subject + "/events").param("page", "9").param("size", "2")
                        .with(signedIn("auditor", "lethe-auditor")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.length()").value(0));
    }

    @Test
    @DisplayName("A page size or page past the bounds is refused, naming the parameter")
    void pagesPastTheBoundsAreRefused() throws Exception {
        String subject = "8e7d6c5b-4a39-4281-9706-f5e4d3c2b1a0";
        mvc.perform(get("/api/audit/subjects/" + subject + "/events").param("size", "1001").with(signedIn("auditor", "lethe-auditor")))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("size"));
        mvc.perform(get("/api/subjects/" + subject + "/access-report").param("page", "1000").with(signedIn("staff", "lethe-staff")))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("page"));
        mvc.perform(get("/api/subjects/" + subject + "/portability-export").param("page", "-1").with(signedIn("staff", "lethe-staff")))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("page"));
        mvc.perform(get("/api/subjects/" + subject + "/deletion-evidence").param("page", "-1").with(signedIn("auditor", "lethe-auditor")))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("page"));
    }

    @Test
    @DisplayName("A document of a short life is one page, and says so")
    void aShortLifeIsOnePage() throws Exception {
        String subject = register("EU", "Short Story", "short@example.eu");
        mvc.perform(get("/api/subjects/" + subject + "/access-report").with(signedIn("staff", "lethe-staff")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.page").value(0)).andExpect(jsonPath("$.pages").value(1));
        mvc.perform(get("/api/subjects/" + subject + "/portability-export").param("page", "1").with(signedIn("staff", "lethe-staff")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.page").value(1)).andExpect(jsonPath("$.pages").value(1))
                .andExpect(jsonPath("$.purchases.length()").value(0))
                .andExpect(jsonPath("$.account.name").value("Short Story"));
    }

    @Test
    @DisplayName("The access log newest first, paged back with before; oldest first with after")
    void theAccessLogReadsBothWays() throws Exception {
        String subject = register("EU", "Log Reader", "log.reader@example.eu");
        // the summary is a read model: read once it has caught up with the registration
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> mvc.perform(
                get("/api/subjects/" + subject).with(signedIn("staff", "lethe-staff"))).andReturn().getResponse().getStatus() == 200);
        mvc.perform(get("/api/subjects/" + subject + "/access-report").with(signedIn("staff", "lethe-staff")))
                .andExpect(status().isOk());
        JsonNode newest = json.readTree(mvc.perform(get("/api/audit/access-log").param("subjectId", subject)
                        .param("before", Long.toString(Long.MAX_VALUE)).param("size", "1").with(signedIn("auditor", "lethe-auditor")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        assertThat(newest.get(0).get("view").asString()).isEqualTo("access-report");
        JsonNode older = json.readTree(mvc.perform(get("/api/audit/access-log").param("subjectId", subject)
                        .param("before", newest.get(0).get("id").asString()).with(signedIn("auditor", "lethe-auditor")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        assertThat(older.get(0).get("view").asString()).isEqualTo("subject-summary");
        JsonNode oldestFirst = json.readTree(mvc.perform(get("/api/audit/access-log").param("subjectId", subject)
                        .with(signedIn("auditor", "lethe-auditor")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        assertThat(oldestFirst.get(0).get("id").asLong()).isLessThan(oldestFirst.get(1).get("id").asLong());
        mvc.perform(get("/api/audit/access-log").param("before", "0").with(signedIn("auditor", "lethe-auditor")))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("before"));
        mvc.perform(get("/api/audit/access-log").param("before", "10").param("after", "5").with(signedIn("auditor", "lethe-auditor")))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.type").value("urn:problem-type:lethe:invalid-request"));
    }

    @Test
    @DisplayName("The subject list pages within its bounds, and names the parameter it refuses")
    void theSubjectListStatesItsBounds() throws Exception {
        mvc.perform(get("/api/subjects").param("size", "201").with(signedIn("staff", "lethe-staff")))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("size"));
        mvc.perform(get("/api/subjects").param("page", "-1").with(signedIn("staff", "lethe-staff")))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("page"));
        mvc.perform(get("/api/subjects").param("status", "TERMINATED").param("size", "200").with(signedIn("staff", "lethe-staff")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.items[?(@.status != 'TERMINATED')]").isEmpty());
    }

    private String register(String jurisdiction, String name, String email) throws Exception {
        return json.readTree(mvc.perform(post("/api/subjects").with(signedIn("service", "lethe-service"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"jurisdiction\":\"" + jurisdiction + "\",\"name\":\"" + name
                                + "\",\"dateOfBirth\":\"1980-01-01\",\"email\":\"" + email + "\"}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString()).get("subjectId").asString();
    }
}
