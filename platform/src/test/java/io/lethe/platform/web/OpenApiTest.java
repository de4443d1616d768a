package io.lethe.platform.web;

import io.lethe.platform.PlatformTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static io.lethe.platform.Callers.signedIn;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The OpenAPI description is served, describes every endpoint the platform has, and is the one
 * committed as {@code docs/openapi.json}, from which the tests check answers and generate a client.
 * After a deliberate change of the API, write the new one with
 * {@code ./mvnw -pl platform -am verify -Dtest=OpenApiTest -Dsurefire.failIfNoSpecifiedTests=false -Dlethe.api-description.write=true}.
 */
@PlatformTest
class OpenApiTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;

    private JsonNode live() throws Exception {
        String body = mvc.perform(get("/v3/api-docs").with(signedIn("auditor", "lethe-auditor")))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        return json.readTree(body);
    }

    @Test
    void theLiveDescriptionIsTheCommittedOne() throws Exception {
        JsonNode live = live();
        Path committed = DescribedAnswers.committed();
        if (Boolean.getBoolean("lethe.api-description.write")) {
            Files.writeString(committed, json.writerWithDefaultPrettyPrinter().writeValueAsString(live) + "\n");
        }
        assertThat(json.readTree(Files.readString(committed)))
                .as("docs/openapi.json is the description the platform serves; if the API changed on purpose, rewrite "
                        + "it with -Dlethe.api-description.write=true (see this class)")
                .isEqualTo(live);
    }

    @Test
    void everyTagIsDeclaredOnceAndEveryOperationHasOne() throws Exception {
        JsonNode api = live();
        List<String> tags = new ArrayList<>();
        api.get("tags").forEach(tag -> tags.add(tag.get("name").asString()));
        assertThat(tags).doesNotHaveDuplicates();
        api.get("paths").properties().forEach(path -> path.getValue().properties().forEach(operation ->
                assertThat(operation.getValue().get("tags")).as(path.getKey()).isNotNull()));
    }

    @Test
    void theRolesTheDescriptionAsksAboutAreThePlatformsRoles() throws Exception {
        Class<?> roles = Class.forName("io.lethe.platform.security.Role");
        assertThat(ApiContract.ROLES).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(roles.getEnumConstants()).map(Object::toString).toList());
    }

    @Test
    void theApiDescriptionListsEveryEndpoint() throws Exception {
        JsonNode paths = live().get("paths");
        List<String> names = new ArrayList<>(paths.propertyNames());
        assertThat(names).as("the console's pages are not part of the API").noneMatch(name -> name.startsWith("/console"));
        assertThat(names).contains(
                "/api/subjects", "/api/subjects/{subjectId}", "/api/subjects/{subjectId}/social-logins",
                "/api/subjects/{subjectId}/purchases", "/api/subjects/{subjectId}/termination",
                "/api/subjects/{subjectId}/privacy-requests", "/api/subjects/{subjectId}/shredding",
                "/api/subjects/{subjectId}/legal-holds", "/api/subjects/{subjectId}/legal-holds/{holdId}",
                "/api/subjects/{subjectId}/retention-exceptions", "/api/subjects/{subjectId}/deletion-evidence",
                "/api/audit/subjects/{subjectId}/events", "/api/audit/subjects/{subjectId}/as-of", "/api/audit/events",
                "/api/audit/export", "/api/admin/processors", "/api/admin/processors/{name}",
                "/api/admin/processors/{name}/rebuild", "/api/admin/key-vault", "/api/admin/key-vault/rotation",
                "/api/subjects/{subjectId}/privacy-requests/{requestId}/identity-verification",
                "/api/subjects/{subjectId}/privacy-requests/{requestId}/extension",
                "/api/subjects/{subjectId}/privacy-requests/{requestId}/fulfilment",
                "/api/subjects/{subjectId}/privacy-requests/{requestId}/denial",
                "/api/subjects/{subjectId}/privacy-requests/{requestId}/fee",
                "/api/subjects/{subjectId}/privacy-requests/{requestId}/acknowledgement",
                "/api/subjects/{subjectId}/privacy-requests/{requestId}/processor-confirmations",
                "/api/subjects/{subjectId}/consents", "/api/subjects/{subjectId}/consents/{type}",
                "/api/subjects/{subjectId}/sale-sharing-opt-out", "/api/subjects/{subjectId}/sensitive-information",
                "/api/subjects/{subjectId}/provisions", "/api/subjects/{subjectId}/receipts",
                "/api/subjects/{subjectId}/underage-findings", "/api/subjects/{subjectId}/access-report",
                "/api/subjects/{subjectId}/portability-export", "/api/privacy-requests",
                "/api/privacy-requests/{requestId}", "/api/processor-deletions", "/api/provision-records",
                "/api/audit/access-log", "/api/breaches", "/api/breaches/{breachId}",
                "/api/breaches/{breachId}/assessment", "/api/breaches/{breachId}/clarification",
                "/api/breaches/{breachId}/notifications", "/api/breaches/{breachId}/closure",
                "/api/purpose-changes", "/api/purpose-changes/{changeId}/notices",
                "/api/subjects/{subjectId}/purpose-change-notices/{changeId}", "/api/activity",
                "/api/subjects/{subjectId}/communications", "/api/subjects/{subjectId}/inferences",
                "/api/subjects/{subjectId}/access-report/activity", "/api/processor-corrections",
                "/api/subjects/{subjectId}/privacy-requests/{requestId}/correction");
    }
}
