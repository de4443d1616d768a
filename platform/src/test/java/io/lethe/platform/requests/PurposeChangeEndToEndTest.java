package io.lethe.platform.requests;

import io.lethe.platform.PlatformTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static io.lethe.platform.Callers.signedIn;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Rule 18: a purpose change gives every affected subject a notification record, tracked to delivery. */
@PlatformTest
class PurposeChangeEndToEndTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;

    @Test
    @DisplayName("RULES.md rule 18: a purpose change gives every affected subject a notification record")
    void everyHeldSubjectIsOwedTheNoticeUntilItsDeliveryIsConfirmed() throws Exception {
        String body = mvc.perform(post("/api/subjects").with(signedIn("service", "lethe-service"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"jurisdiction\":\"JP\",\"name\":\"Hanako Sato\",\"dateOfBirth\":\"1990-01-01\",\"email\":\"hanako@example.jp\"}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        String subject = json.readTree(body).get("subjectId").asString();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> mvc.perform(get("/api/subjects/" + subject)
                .with(signedIn("staff", "lethe-staff"))).andExpect(status().isOk()));

        String change = "purposes-" + UUID.randomUUID();
        mvc.perform(post("/api/purpose-changes").with(signedIn("staff", "lethe-staff")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"changeId\":\"" + change + "\",\"purposes\":[\"ADVERTISING\"],\"categories\":[\"D\",\"F\"],"
                                + "\"effectiveOn\":\"2027-01-01\",\"noticeReference\":\"notice-2027-01\"}"))
                .andExpect(status().isCreated());
        // the walk may wait for the summaries' gaps to settle (HeldSubjects.GAPS_SETTLE)
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> mvc.perform(get("/api/purpose-changes/" + change + "/notices")
                        .with(signedIn("service", "lethe-service")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].subjectId").value(hasItem(subject))));

        mvc.perform(post("/api/subjects/" + subject + "/purpose-change-notices/" + change)
                        .with(signedIn("service", "lethe-service")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"channel\":\"EMAIL\"}"))
                .andExpect(status().isNoContent());
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> mvc.perform(get("/api/purpose-changes/" + change + "/notices")
                        .with(signedIn("service", "lethe-service")))
                .andExpect(jsonPath("$[*].subjectId").value(not(hasItem(subject)))));
        mvc.perform(get("/api/purpose-changes").with(signedIn("staff", "lethe-staff")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.changeId == '" + change + "')].noticesDelivered").value(hasItem(1)));
        // the list is paged, latest first, and a size beyond the page's maximum is refused
        String later = "purposes-" + UUID.randomUUID();
        mvc.perform(post("/api/purpose-changes").with(signedIn("staff", "lethe-staff")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"changeId\":\"" + later + "\",\"purposes\":[\"ADVERTISING\"],\"categories\":[\"D\"],"
                                + "\"effectiveOn\":\"2027-02-01\",\"noticeReference\":\"notice-2027-02\"}"))
                .andExpect(status().isCreated());
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> mvc.perform(get("/api/purpose-changes?size=1")
                        .with(signedIn("staff", "lethe-staff")))
                .andExpect(jsonPath("$.length()").value(1))
                .andExpect(jsonPath("$[0].changeId").value(later)));
        mvc.perform(get("/api/purpose-changes?size=1&page=1").with(signedIn("staff", "lethe-staff")))
                .andExpect(jsonPath("$.length()").value(1))
                .andExpect(jsonPath("$[0].changeId").value(change));
        mvc.perform(get("/api/purpose-changes?size=201").with(signedIn("staff", "lethe-staff")))
                .andExpect(status().isBadRequest());
    }
}
