package io.lethe.platform.crypto;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lethe.core.crypto.TamperedCiphertextException;
import io.lethe.core.personaldata.Redaction;
import io.lethe.core.subject.AccountRegisteredEvent;
import io.lethe.core.subject.PurchaseRecordedEvent;
import io.lethe.core.subject.SocialLoginLinkedEvent;
import io.lethe.core.subject.SubjectId;
import io.lethe.platform.DatabaseForensics;
import io.lethe.platform.PlatformTest;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static io.lethe.platform.Callers.signedIn;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Crypto-shredding through the whole platform: HTTP in, the real event store, the projection, a replay. */
@PlatformTest
@ExtendWith(OutputCaptureExtension.class)
class CryptoShreddingIntegrationTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventStore eventStore;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    @Qualifier("defaultAxonObjectMapper")
    ObjectMapper axonMapper;

    /** The distinctive values of one test subject; each must be findable before and gone after. */
    record Person(String name, String email, String address, String bankAccount, String lastFour, String username) {
        List<String> values() {
            return List.of(name, email, address, bankAccount, lastFour, username);
        }
    }

    @Test
    void aSubjectsEventsReadBackDecryptedWhileTheStoreHoldsOnlyCiphertext() throws Exception {
        Person ada = person("Ada");
        String subject = registerWithLoginAndPurchase(ada);

        List<Object> payloads = payloads(subject);
        assertThat(payloads.get(0)).isInstanceOfSatisfying(AccountRegisteredEvent.class, event -> {
            assertThat(event.name()).isEqualTo(ada.name());
            assertThat(event.email()).isEqualTo(ada.email());
            assertThat(event.bankAccountNumber()).isEqualTo(ada.bankAccount());
            assertThat(event.jurisdiction().code()).isEqualTo("EU");
        });
        assertThat(payloads.get(2)).isInstanceOfSatisfying(PurchaseRecordedEvent.class,
                event -> assertThat(event.card().lastFour()).isEqualTo(ada.lastFour()));

        String stored = new String(jdbc.queryForObject(
                "SELECT payload FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = 0",
                byte[].class, subject), StandardCharsets.UTF_8);
        assertThat(stored).contains("\"jurisdiction\":\"EU\"", "\"subjectId\":\"" + subject + "\"",
                "\"name\":\"lethe:v2:PROFILE:", "\"bankAccountNumber\":\"lethe:v2:FINANCIAL:");
        assertThat(stored).doesNotContain(ada.name(), ada.email(), ada.bankAccount());
        // the non-personal fields stay queryable in the store
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM domain_event_entry
                WHERE aggregate_identifier = ? AND convert_from(payload, 'UTF8')::jsonb ->> 'jurisdiction' = 'EU'""",
                Long.class, subject)).isEqualTo(1L);
    }

    @Test
    void anErasedSubjectsValuesAreFoundNowhereWhileTheOthersStayReadable(CapturedOutput output) throws Exception {
        Person erased = person("Erin");
        Person keptOne = person("Kim");
        Person keptTwo = person("Kai");
        String erasedId = registerWithLoginAndPurchase(erased);
        String keptOneId = registerWithLoginAndPurchase(keptOne);
        String keptTwoId = registerWithLoginAndPurchase(keptTwo);
        awaitSummaryName(erasedId, erased.name());
        DatabaseForensics forensics = new DatabaseForensics(jdbc);
        // sealed at rest from the start: readable through the edge, stored nowhere in plaintext
        for (String value : erased.values()) {
            assertThat(forensics.whereFound(value)).as("where %s is stored before the erasure", value).isEmpty();
        }
        String sealedName = jdbc.queryForObject("SELECT name FROM subject_summary WHERE subject_id = ?::uuid",
                String.class, erasedId);
        assertThat(sealedName).startsWith("lethe:v2:PROFILE:");
        assertThat(forensics.whereFound(sealedName)).as("positive control: the search sees the summary")
                .contains("public.subject_summary.name");

        shred(erasedId, "PROFILE", "FINANCIAL", "USAGE", "COMMUNICATIONS").andExpect(status().isOk());
        awaitSummaryName(erasedId, Redaction.ERASED);

        for (String value : erased.values()) {
            assertThat(forensics.whereFound(value)).as("where %s is still stored", value).isEmpty();
            assertThat(output.getAll()).as("log output").doesNotContain(value);
        }
        assertThat(forensics.tables()).contains("public.domain_event_entry", "public.subject_key",
                "public.subject_summary", "public.token_entry");

        for (var kept : Map.of(keptOneId, keptOne, keptTwoId, keptTwo).entrySet()) {
            mvc.perform(get("/api/subjects/" + kept.getKey()).with(signedIn("staff", "lethe-staff")))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.name").value(kept.getValue().name()))
                    .andExpect(jsonPath("$.email").value(kept.getValue().email()));
            assertThat(payloads(kept.getKey()).get(2)).isInstanceOfSatisfying(PurchaseRecordedEvent.class,
                    event -> assertThat(event.card().lastFour()).isEqualTo(kept.getValue().lastFour()));
        }
    }

    @Test
    void readingAnErasedSubjectsStreamYieldsTheRedactionValuesWithoutAnError() throws Exception {
        Person person = person("Rory");
        String subject = registerWithLoginAndPurchase(person);
        shred(subject, "PROFILE", "FINANCIAL").andExpect(status().isOk());

        List<Object> payloads = payloads(subject);
        assertThat(payloads.get(0)).isInstanceOfSatisfying(AccountRegisteredEvent.class, event -> {
            assertThat(event.name()).isEqualTo(Redaction.ERASED);
            assertThat(event.email()).isEqualTo(Redaction.ERASED);
            assertThat(event.dateOfBirth()).isNull();
            assertThat(event.bankAccountNumber()).isEqualTo(Redaction.ERASED);
            assertThat(event.jurisdiction().code()).isEqualTo("EU");
        });
        assertThat(payloads.get(1)).isInstanceOfSatisfying(SocialLoginLinkedEvent.class, event -> {
            assertThat(event.provider()).isEqualTo("github");
            assertThat(event.username()).isEqualTo(Redaction.ERASED);
        });
        assertThat(payloads.get(2)).isInstanceOfSatisfying(PurchaseRecordedEvent.class, event -> {
            assertThat(event.item()).isEqualTo(Redaction.ERASED);
            assertThat(event.card()).isNull();
            assertThat(event.amount()).isNull();
        });
        // the erased class takes no new data; shredding again changes nothing
        mvc.perform(post("/api/subjects/" + subject + "/social-logins").with(signedIn("service", "lethe-service"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"provider\":\"google\",\"externalId\":\"g-1\",\"username\":\"again\"}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("urn:problem-type:lethe:personal-data-erased"));
        long events = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, subject);
        shred(subject, "PROFILE").andExpect(status().isOk());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, subject)).isEqualTo(events);
    }

    @Test
    void shreddingTheProfileLeavesTheFinancialRecordsReadable() throws Exception {
        Person person = person("Pat");
        String subject = registerWithLoginAndPurchase(person);
        shred(subject, "PROFILE").andExpect(status().isOk());

        List<Object> payloads = payloads(subject);
        assertThat(payloads.get(0)).isInstanceOfSatisfying(AccountRegisteredEvent.class, event -> {
            assertThat(event.name()).isEqualTo(Redaction.ERASED);
            assertThat(event.bankAccountNumber()).isEqualTo(person.bankAccount());
        });
        assertThat(payloads.get(2)).isInstanceOfSatisfying(PurchaseRecordedEvent.class, event -> {
            assertThat(event.card().lastFour()).isEqualTo(person.lastFour());
            assertThat(event.amount().minorUnits()).isEqualTo(2500);
        });
        // the name reads erased at once (its key is gone); the row records the class once the projection sees it
        awaitSummaryName(subject, Redaction.ERASED);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                mvc.perform(get("/api/subjects/" + subject).with(signedIn("staff", "lethe-staff")))
                        .andExpect(jsonPath("$.erasedClasses[0]").value("PROFILE"))
                        .andExpect(jsonPath("$.purchaseCount").value(1)));
    }

    @Test
    @DisplayName("RULES.md rule 11: a rebuilt projection reads a shredded subject as redacted")
    void aRebuiltProjectionShowsTheErasedSubjectRedactedAndTheOthersIntact() throws Exception {
        Person erased = person("Quinn");
        Person kept = person("Robin");
        String erasedId = registerWithLoginAndPurchase(erased);
        String keptId = registerWithLoginAndPurchase(kept);
        shred(erasedId, "PROFILE", "FINANCIAL", "USAGE", "COMMUNICATIONS").andExpect(status().isOk());
        awaitSummaryName(erasedId, Redaction.ERASED);

        StreamingEventProcessor processor = subjectSummaryProcessor();
        processor.shutdownAsync().get();
        processor.resetTokens();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM subject_summary", Long.class)).isZero();
        processor.start();

        awaitSummaryName(erasedId, Redaction.ERASED);
        awaitSummaryName(keptId, kept.name());
        assertThat(new DatabaseForensics(jdbc).whereFound(erased.email())).isEmpty();
    }

    @Test
    void aCiphertextCopiedIntoAnotherSubjectsEventDoesNotDecrypt() throws Exception {
        Person victim = person("Vic");
        Person other = person("Otto");
        String victimId = registerWithLoginAndPurchase(victim);
        String otherId = registerWithLoginAndPurchase(other);

        copySealedField("name", victimId, otherId);

        assertThatThrownBy(() -> payloads(otherId))
                .satisfies(thrown -> assertThat(rootCause(thrown)).isInstanceOf(TamperedCiphertextException.class))
                .satisfies(thrown -> assertThat(describe(thrown)).doesNotContain(victim.name(), other.name()));
        // the victim's own stream is untouched
        assertThat(((AccountRegisteredEvent) payloads(victimId).get(0)).name()).isEqualTo(victim.name());
    }

    @Test
    void anEventTheProjectionCannotReadIsParkedStillSealedInTheDeadLetterQueue() throws Exception {
        Person victim = person("Dee");
        Person other = person("Lex");
        String victimId = registerWithLoginAndPurchase(victim);
        String otherId = registerWithLoginAndPurchase(other);
        copySealedField("email", victimId, otherId);

        StreamingEventProcessor processor = subjectSummaryProcessor();
        processor.shutdownAsync().get();
        processor.resetTokens();
        processor.start();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jdbc.queryForList(
                "SELECT payload FROM dead_letter_entry WHERE processing_group = 'subject-summary' AND sequence_identifier = ?",
                byte[].class, otherId)).isNotEmpty());
        String parked = new String(jdbc.queryForList("SELECT payload FROM dead_letter_entry WHERE sequence_identifier = ?",
                byte[].class, otherId).get(0), StandardCharsets.UTF_8);
        assertThat(parked).contains("lethe:v2:PROFILE:").doesNotContain(other.name(), other.email(), victim.email());
        awaitSummaryName(victimId, victim.name());
    }

    /** Tampering: copies one subject's sealed registration field into another subject's registration. */
    private void copySealedField(String field, String fromSubject, String toSubject) throws Exception {
        ObjectNode from = (ObjectNode) axonMapper.readTree(registrationPayload(fromSubject));
        ObjectNode to = (ObjectNode) axonMapper.readTree(registrationPayload(toSubject));
        to.set(field, from.get(field));
        jdbc.update("UPDATE domain_event_entry SET payload = ? WHERE aggregate_identifier = ? AND sequence_number = 0",
                axonMapper.writeValueAsBytes(to), toSubject);
    }

    private StreamingEventProcessor subjectSummaryProcessor() {
        return processing.eventProcessor("subject-summary", StreamingEventProcessor.class).orElseThrow();
    }

    private byte[] registrationPayload(String subject) {
        return jdbc.queryForObject(
                "SELECT payload FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = 0",
                byte[].class, subject);
    }

    private List<Object> payloads(String subject) {
        return eventStore.readEvents(subject).asStream().map(EventMessage::getPayload).map(Object.class::cast).toList();
    }

    private static Person person(String first) {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        return new Person(first + " Zyxwvut-" + tag, first.toLowerCase() + "." + tag + "@forget.example",
                tag + " Lethestrasse, Wien", "AT61" + Math.abs(tag.hashCode() % 1_000_000_000L) + "0234573201",
                String.valueOf(1000 + Math.floorMod(tag.hashCode(), 9000)), first.toLowerCase() + "_" + tag);
    }

    private String registerWithLoginAndPurchase(Person person) throws Exception {
        String body = mvc.perform(post("/api/subjects").with(service()).contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(Map.of("jurisdiction", "EU", "name", person.name(),
                                "dateOfBirth", "1985-05-05", "postalAddress", person.address(), "email", person.email(),
                                "bankAccountNumber", person.bankAccount()))))
                .andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString();
        String subject = json.readTree(body).get("subjectId").asString();
        mvc.perform(post("/api/subjects/" + subject + "/social-logins").with(service())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(Map.of("provider", "github", "externalId", "gh-" + person.username(),
                                "username", person.username()))))
                .andExpect(status().isCreated());
        mvc.perform(post("/api/subjects/" + subject + "/purchases").with(service())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(Map.of("item", "Season pass",
                                "amount", Map.of("currency", "EUR", "minorUnits", 2500),
                                "card", Map.of("expiry", "09/29", "lastFour", person.lastFour())))))
                .andExpect(status().isCreated());
        return subject;
    }

    private ResultActions shred(String subject, String... classes) throws Exception {
        return mvc.perform(post("/api/subjects/" + subject + "/shredding").with(signedIn("staff", "lethe-staff"))
                .contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(Map.of("retentionClasses", List.of(classes),
                        "reason", "ERASURE_REQUEST", "reference", "request-" + UUID.randomUUID()))));
    }

    private void awaitSummaryName(String subject, String name) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                mvc.perform(get("/api/subjects/" + subject).with(signedIn("staff", "lethe-staff")))
                        .andExpect(status().isOk())
                        .andExpect(jsonPath("$.name").value(name)));
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor service() {
        return signedIn("service", "lethe-service");
    }

    private static Throwable rootCause(Throwable thrown) {
        Throwable cause = thrown;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static String describe(Throwable thrown) {
        StringBuilder text = new StringBuilder();
        for (Throwable cause = thrown; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            text.append(cause).append('\n');
        }
        return text.toString();
    }
}
