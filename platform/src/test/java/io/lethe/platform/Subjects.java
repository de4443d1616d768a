package io.lethe.platform;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

import static io.lethe.platform.Callers.signedIn;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** A product service registering a subject through the API, as most tests begin. */
public final class Subjects {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Subjects() {
    }

    /** Registers a subject born in 1980 and answers its id. */
    public static String register(MockMvc mvc, String jurisdiction, String name, String email) throws Exception {
        String body = mvc.perform(post("/api/subjects").with(signedIn("service", "lethe-service"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(JSON.writeValueAsString(java.util.Map.of("jurisdiction", jurisdiction, "name", name,
                                "dateOfBirth", "1980-01-01", "email", email))))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return JSON.readTree(body).get("subjectId").asString();
    }
}
