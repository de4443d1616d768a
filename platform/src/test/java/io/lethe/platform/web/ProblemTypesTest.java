package io.lethe.platform.web;

import io.lethe.platform.PlatformTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import java.util.UUID;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static io.lethe.platform.Callers.signedIn;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Answers Spring MVC makes itself, and refusals of unknown aggregates, carry Lethe's stable problem types. */
@PlatformTest
class ProblemTypesTest {

    @Autowired
    MockMvc mvc;

    @Test
    void anAcceptHeaderNoRepresentationMeetsIsANotAcceptableProblem() throws Exception {
        mvc.perform(get("/api/privacy-requests").accept(MediaType.TEXT_PLAIN)
                        .with(signedIn("staff", "lethe-staff")))
                .andExpect(status().isNotAcceptable())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("urn:problem-type:lethe:not-acceptable"));
    }

    @Test
    void aBodyThatIsNotJsonIsAnUnsupportedMediaTypeProblemThatDoesNotRepeatTheType() throws Exception {
        mvc.perform(post("/api/subjects").contentType("text/x-secret-type").content("name=Casey")
                        .with(signedIn("service", "lethe-service")))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(jsonPath("$.type").value("urn:problem-type:lethe:unsupported-media-type"))
                .andExpect(jsonPath("$.detail", not(containsString("secret"))));
    }

    @Test
    void aMissingRequiredParameterIsAnInvalidRequestNamingIt() throws Exception {
        mvc.perform(get("/api/request-metrics").with(signedIn("auditor", "lethe-auditor")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:problem-type:lethe:invalid-request"))
                .andExpect(jsonPath("$.errors[0].field").value("year"));
    }

    @Test
    void aStepOnAnUnknownBreachIsABreachNotFoundNotAnUnknownSubject() throws Exception {
        mvc.perform(post("/api/breaches/" + UUID.randomUUID() + "/assessment").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"risk\":\"HIGH\",\"assessmentReference\":\"assessment-1\"}")
                        .with(signedIn("staff", "lethe-staff")))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("urn:problem-type:lethe:breach-not-found"));
    }
}
