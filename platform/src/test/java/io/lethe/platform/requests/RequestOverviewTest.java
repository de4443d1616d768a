package io.lethe.platform.requests;

import io.lethe.platform.PlatformTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static io.lethe.platform.Callers.signedIn;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The overview counts each open request once, in its law's line and its due window. */
@PlatformTest
class RequestOverviewTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;

    @Test
    @DisplayName("A Japanese disclosure is due within 30 days, a California right to know later, a UK request waits for identity")
    void eachOpenRequestInItsLawsLineAndWindow() throws Exception {
        JsonNode before = overview();
        request("JP", "disclosure");
        request("US-CA", "know-categories");
        request("UK", "access");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode after = overview();
            // at least: requests of other tests sharing this platform may still be reaching the read model
            assertThat(count(after, "JP", "open") - count(before, "JP", "open")).isGreaterThanOrEqualTo(1);
            assertThat(count(after, "JP", "dueIn30Days") + count(after, "JP", "dueIn7Days")
                    - count(before, "JP", "dueIn30Days") - count(before, "JP", "dueIn7Days")).isGreaterThanOrEqualTo(1);
            assertThat(count(after, "US-CA", "later") - count(before, "US-CA", "later")).isGreaterThanOrEqualTo(1);
            assertThat(count(after, "UK", "clockStopped") - count(before, "UK", "clockStopped")).isGreaterThanOrEqualTo(1);
        });
        JsonNode now = overview();
        for (JsonNode law : now.get("laws")) {
            assertThat(law.get("open").asLong()).as(law.get("jurisdiction").asString()).isEqualTo(law.get("overdue").asLong()
                    + law.get("dueIn7Days").asLong() + law.get("dueIn30Days").asLong() + law.get("later").asLong()
                    + law.get("clockStopped").asLong());
        }
    }

    private JsonNode overview() throws Exception {
        return json.readTree(mvc.perform(get("/api/privacy-requests/overview").with(signedIn("staff", "lethe-staff")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
    }

    private static long count(JsonNode overview, String jurisdiction, String field) {
        for (JsonNode law : overview.get("laws")) {
            if (law.get("jurisdiction").asString().equals(jurisdiction)) {
                return law.get(field).asLong();
            }
        }
        return 0;
    }

    private void request(String jurisdiction, String type) throws Exception {
        String subject = json.readTree(mvc.perform(post("/api/subjects").with(signedIn("service", "lethe-service"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"jurisdiction\":\"" + jurisdiction + "\",\"name\":\"Ren Ito\",\"dateOfBirth\":\"1990-01-01\","
                                + "\"email\":\"ren@example.jp\"}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString()).get("subjectId").asString();
        mvc.perform(post("/api/subjects/" + subject + "/privacy-requests").with(signedIn("service", "lethe-service"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"type\":\"" + type + "\",\"requester\":\"SUBJECT\",\"channel\":\"EMAIL\"}"))
                .andExpect(status().isCreated());
    }
}
