package io.lethe.platform.web;

import io.lethe.platform.PlatformTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static io.lethe.platform.Callers.signedIn;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The fields a request body's schema says are required are exactly those the platform refuses to go
 * without: every operation that takes a JSON body is sent an empty object ({@code {}}) by a caller
 * of its role, and the fields its 400 names must be the schema's required ones (none, if it is not
 * refused for missing fields).
 */
@PlatformTest
class RequiredFieldsTest {

    private static final Map<String, String[]> USERS = Map.of(
            "SERVICE", new String[] {"service", "lethe-service"},
            "PRIVACY_STAFF", new String[] {"staff", "lethe-staff"},
            "AUDITOR", new String[] {"auditor", "lethe-auditor"},
            "ADMIN", new String[] {"admin", "lethe-admin"},
            "PROCESSOR", new String[] {"email-delivery", "lethe-processor"});

    /** How a malformed body names the field it could not bind ({@code ProblemDetailsAdvice}). */
    private static final java.util.regex.Pattern MISSING_PRIMITIVE =
            java.util.regex.Pattern.compile("Field '(\\w+)' has an invalid value or type");

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;

    @Test
    void aBodysRequiredFieldsAreThoseAnEmptyBodyIsRefusedFor() throws Exception {
        JsonNode api = json.readTree(mvc.perform(get("/v3/api-docs").with(signedIn("auditor", "lethe-auditor")))
                .andReturn().getResponse().getContentAsString());
        JsonNode schemas = api.get("components").get("schemas");
        List<String> mismatches = new ArrayList<>();
        int checked = 0;
        for (Map.Entry<String, JsonNode> path : api.get("paths").properties()) {
            JsonNode operation = path.getValue().get("post");
            JsonNode body = operation == null || operation.get("requestBody") == null ? null
                    : operation.get("requestBody").get("content").get("application/json");
            if (body == null) {
                continue;
            }
            JsonNode schema = schemas.get(body.get("schema").get("$ref").asString().replace("#/components/schemas/", ""));
            Set<String> documented = new TreeSet<>();
            if (schema.get("required") != null) {
                schema.get("required").forEach(name -> documented.add(name.asString()));
            }
            String[] user = USERS.get(operation.get("x-roles").get(0).asString());
            String uri = path.getKey().replaceAll("\\{type}", "PARENTAL").replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
            Set<String> refused = new TreeSet<>();
            Map<String, Object> sent = new java.util.TreeMap<>();
            MockHttpServletResponse answer = send(uri, user, sent);
            // a missing Java primitive (a boolean flag) fails binding before validation, one field at a time
            for (java.util.regex.Matcher missing = MISSING_PRIMITIVE.matcher(answer.getContentAsString());
                 answer.getStatus() == 400 && missing.find() && sent.size() < 10;
                 missing = MISSING_PRIMITIVE.matcher(answer.getContentAsString())) {
                String field = missing.group(1);
                String type = schema.get("properties").path(field).path("type").asString("");
                if (!type.equals("boolean") && !type.equals("integer")) {
                    break;
                }
                refused.add(field);
                sent.put(field, type.equals("boolean") ? Boolean.FALSE : Integer.valueOf(0));
                answer = send(uri, user, sent);
            }
            if (answer.getStatus() == 400) {
                JsonNode errors = json.readTree(answer.getContentAsString()).get("errors");
                if (errors != null) {
                    errors.forEach(error -> {
                        String field = error.get("field").asString().split("[.\\[]")[0];
                        if (schema.get("properties").has(field)) {
                            refused.add(field);
                        }
                    });
                }
            }
            checked++;
            if (!refused.equals(documented)) {
                mismatches.add("POST " + path.getKey() + ": documented required " + documented + ", refused without "
                        + refused + " (" + answer.getStatus() + ")");
            }
        }
        assertThat(checked).isGreaterThan(30);
        assertThat(mismatches).isEmpty();
    }

    private MockHttpServletResponse send(String uri, String[] user, Map<String, Object> body) throws Exception {
        return mvc.perform(post(uri).contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(body))
                .with(signedIn(user[0], user[1]))).andReturn().getResponse();
    }
}
