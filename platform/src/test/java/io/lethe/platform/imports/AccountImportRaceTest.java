package io.lethe.platform.imports;

import io.lethe.command.KnownStreams;
import io.lethe.platform.PlatformTest;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static io.lethe.platform.Callers.signedIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A batch's subjects are asked once whether they exist, and those that do not are adopted unread
 * (ADR 0023). Here the answer is always "none": as if another upload adopted an account between the
 * question and the commit. The batch fails as it commits, nothing of it stays, and its accounts are
 * adopted one by one — the one that exists completed, the new ones adopted — each exactly once.
 */
@PlatformTest
@TestPropertySource(properties = "lethe.import.batch-size=5")
class AccountImportRaceTest {

    @TestConfiguration
    static class EveryStreamLooksNew {
        @Bean
        @Primary
        KnownStreams noneExist() {
            return ids -> Optional.of(Set.of());
        }
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    EventStore eventStore;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void anAccountThatExistsAfterAllIsCompletedAndTheRestAdoptedOnce() throws Exception {
        String ref = "crm:" + UUID.randomUUID();
        UUID subject = UUID.nameUUIDFromBytes(("lethe-import|" + ref).getBytes(StandardCharsets.UTF_8));
        UUID purchase = UUID.randomUUID();
        assertThat(upload(account(ref, "Ada Again", Map.of())).get("imported").asLong()).isEqualTo(1);
        long events = eventStore.lastSequenceNumberFor(subject.toString()).orElseThrow();

        String later = account(ref, "Ada Again", Map.of("purchases", java.util.List.of(Map.of("purchaseId", purchase.toString(),
                "item", "Annual plan", "amount", Map.of("currency", "EUR", "minorUnits", 4900),
                "card", Map.of("expiry", "12/29", "lastFour", "4242"), "purchasedOn", LocalDate.now().minusMonths(2).toString()))));
        String newRef = "crm:" + UUID.randomUUID();
        UUID newSubject = UUID.nameUUIDFromBytes(("lethe-import|" + newRef).getBytes(StandardCharsets.UTF_8));
        JsonNode status = upload(later + "\n" + account(newRef, "Bo Beside", Map.of()) + "\n");

        assertThat(status.get("completed").asLong()).isEqualTo(1);
        assertThat(status.get("imported").asLong()).isEqualTo(1);
        assertThat(status.get("refused").asLong()).isZero();
        assertThat(eventStore.lastSequenceNumberFor(subject.toString())).as("only the new purchase").contains(events + 1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND sequence_number = 0", Long.class, newSubject.toString())).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM subject_key WHERE subject_id = ? AND wrapped_key IS NOT NULL",
                Long.class, newSubject.toString())).isEqualTo(4);
    }

    private JsonNode upload(String lines) throws Exception {
        String created = mvc.perform(post("/api/imports").with(signedIn("service", "lethe-service"))
                        .contentType(MediaType.APPLICATION_JSON))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        String importId = json.readTree(created).get("importId").asString();
        return json.readTree(mvc.perform(put("/api/imports/" + importId + "/accounts").with(signedIn("service", "lethe-service"))
                        .contentType("application/x-ndjson").content(lines.getBytes(StandardCharsets.UTF_8)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
    }

    private String account(String ref, String name, Map<String, Object> more) {
        Map<String, Object> line = new java.util.LinkedHashMap<>();
        line.put("accountRef", ref);
        line.put("jurisdiction", "EU");
        line.put("registeredOn", LocalDate.now().minusYears(1).toString());
        line.put("name", name);
        line.put("dateOfBirth", "1985-06-15");
        line.put("email", "import-race@example.eu");
        line.putAll(more);
        return json.writeValueAsString(line);
    }
}
