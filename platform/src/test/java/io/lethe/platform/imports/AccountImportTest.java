package io.lethe.platform.imports;

import io.lethe.platform.PlatformTest;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static io.lethe.platform.Callers.signedIn;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A company adopting Lethe brings its accounts: they are imported with their original dates, sealed,
 * refused line by line with a report that names no value, and the import resumes and repeats safely.
 */
@PlatformTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = "lethe.import.batch-size=3")
class AccountImportTest {

    private static final LocalDate TODAY = LocalDate.now();

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    EventStore eventStore;
    @LocalServerPort
    int port;

    @Test
    @DisplayName("Accounts are imported with their dates; bad lines are refused whole and reported without values; a second run adds nothing")
    void importsAccountsWithTheirDatesAndReportsRefusedLinesWithoutValues() throws Exception {
        String ref = "crm:" + UUID.randomUUID();
        String childRef = "crm:" + UUID.randomUUID();
        UUID given = UUID.randomUUID();
        UUID oldPurchase = UUID.randomUUID();
        UUID recentPurchase = UUID.randomUUID();
        List<String> lines = List.of(
                account(ref, "US-CA", "Imogen Archer", "imogen.archer@example.com", TODAY.minusYears(3), Map.of(
                        "socialLogins", List.of(Map.of("provider", "google", "externalId", "g-8812", "linkedOn", TODAY.minusYears(2).toString())),
                        "purchases", List.of(purchase(oldPurchase, "Annual plan 2024", TODAY.minusYears(2)),
                                purchase(recentPurchase, "Annual plan", TODAY.minusMonths(2))),
                        "consents", List.of(Map.of("type", "FOREIGN_THIRD_PARTY_PROVISION", "grantedBy", "SUBJECT", "grantedOn", TODAY.minusYears(3).toString())))),
                "{\"accountRef\": \"crm:broken\", \"name\": \"Unfinished Line",
                account("crm:" + UUID.randomUUID(), "US-CA", "Card Holder", "card.holder@example.com", TODAY.minusYears(1), Map.of(
                        "purchases", List.of(purchase(UUID.randomUUID(), "paid with 4111 1111 1111 1111", TODAY.minusMonths(1))))),
                childAccount("crm:" + UUID.randomUUID(), null, List.of()),
                "",
                withSubjectId(given, account("crm:" + UUID.randomUUID(), "JP", "Haruto Sato", "haruto.sato@example.jp", TODAY.minusYears(5), Map.of())),
                // a child's account with its parent's consent, whose sale/sharing opt-in the child alone may not give:
                // the registration goes through, the consent is refused, and nothing of the account stays
                childAccount(childRef, "parental-consent:77", List.of(Map.of("type", "SALE_SHARING_OPT_IN", "grantedBy", "SUBJECT"))),
                account("crm:" + UUID.randomUUID(), "US-CA", "Late Purchase", "late@example.com", TODAY.minusYears(1), Map.of(
                        "purchases", List.of(purchase(UUID.randomUUID(), "Before its time", TODAY.minusYears(2))))));

        String importId = createImport();
        JsonNode status = upload(importId, 1, String.join("\n", lines) + "\n");
        assertThat(status.get("linesDone").asLong()).isEqualTo(8);
        assertThat(status.get("imported").asLong()).isEqualTo(2);
        assertThat(status.get("alreadyPresent").asLong()).isZero();
        assertThat(status.get("refused").asLong()).isEqualTo(5);
        assertThat(status.get("uploading").asBoolean()).isFalse();

        String report = mvc.perform(get("/api/imports/" + importId + "/errors").with(service()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        Map<Long, String> types = new java.util.TreeMap<>();
        json.readTree(report).get("errors").forEach(error -> types.putIfAbsent(error.get("line").asLong(), error.get("type").asString()));
        assertThat(types).containsExactly(Map.entry(2L, "malformed-line"), Map.entry(3L, "card-number-refused"),
                Map.entry(4L, "child-without-parental-consent"), Map.entry(7L, "consent-needs-parent"),
                Map.entry(8L, "invalid-line"));
        assertThat(report).as("the report names fields and rules, never a value")
                .doesNotContain("Unfinished", "4111", "Card Holder", "card.holder", "Before its time", "late@example.com")
                .contains("purchases[0].purchasedOn", "purchases[0].item");

        UUID imported = nameUuid(ref);
        UUID child = nameUuid(childRef);
        assertThat(eventStore.lastSequenceNumberFor(child.toString())).as("nothing of a refused account is kept").isEmpty();
        long events = eventStore.lastSequenceNumberFor(imported.toString()).orElseThrow();
        assertThat(events).as("registration, adoption, login, two purchases, consent").isEqualTo(5);
        assertThat(eventStore.lastSequenceNumberFor(given.toString())).as("the subjectId the line gave").isPresent();

        // the access report dates each piece by when it happened: a US-CA report looks back 12 months
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode access = json.readTree(mvc.perform(get("/api/subjects/" + imported + "/access-report")
                    .with(signedIn("staff", "lethe-staff"))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
            String text = access.toString();
            assertThat(text).contains("Annual plan").doesNotContain("Annual plan 2024");
            assertThat(text).doesNotContain("Imogen Archer").as("the profile was collected three years ago");
        });
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode history = json.readTree(mvc.perform(get("/api/audit/subjects/" + imported + "/events")
                    .with(signedIn("auditor", "lethe-auditor"))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
            assertThat(history.toString()).contains("occurredAt", TODAY.minusYears(3).toString());
        });

        // the same file again, as a second import: the accounts are found, nothing is added
        String again = createImport();
        JsonNode second = upload(again, 1, String.join("\n", lines));
        assertThat(second.get("imported").asLong()).isZero();
        assertThat(second.get("alreadyPresent").asLong()).isEqualTo(2);
        assertThat(second.get("refused").asLong()).isEqualTo(5);
        assertThat(eventStore.lastSequenceNumberFor(imported.toString())).contains(events);
    }

    @Test
    @DisplayName("A second import completes an adopted account, never grants a withdrawn consent again, and leaves other subjects alone")
    void aSecondImportCompletesTheAccountItAdoptedAndNothingElse() throws Exception {
        String ref = "crm:" + UUID.randomUUID();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        Map<String, Object> consent = Map.of("type", "FOREIGN_THIRD_PARTY_PROVISION", "grantedBy", "SUBJECT");
        String before = account(ref, "JP", "Ren Kobayashi", "ren.kobayashi@example.jp", TODAY.minusYears(2), Map.of(
                "purchases", List.of(purchase(first, "Monthly plan", TODAY.minusMonths(5))), "consents", List.of(consent)));
        assertThat(upload(createImport(), 1, "\uFEFF" + before + "\r\n").get("imported").asLong())
                .as("a byte-order mark and CRLF are read as the file's encoding and line ends").isEqualTo(1);
        UUID subject = nameUuid(ref);
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                        .delete("/api/subjects/" + subject + "/consents/FOREIGN_THIRD_PARTY_PROVISION")
                        .with(service()).contentType(MediaType.APPLICATION_JSON))
                .andExpect(status().is2xxSuccessful());
        long events = eventStore.lastSequenceNumberFor(subject.toString()).orElseThrow();

        String later = account(ref, "JP", "Ren Kobayashi", "ren.kobayashi@example.jp", TODAY.minusYears(2), Map.of(
                "purchases", List.of(purchase(first, "Monthly plan", TODAY.minusMonths(5)),
                        purchase(second, "Monthly plan", TODAY.minusMonths(4))), "consents", List.of(consent)));
        String registeredHere = io.lethe.platform.Subjects.register(mvc, "JP", "Someone Else", "someone.else@example.jp");
        String other = withSubjectId(UUID.fromString(registeredHere),
                account("crm:" + UUID.randomUUID(), "JP", "Other Person", "other@example.jp", TODAY.minusYears(1), Map.of()));
        byte[] body = (later + "\n" + other + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] notUtf8 = {'{', '"', 'n', (byte) 0xC3, (byte) 0x28, '"', '}', '\n'};
        byte[] whole = java.util.Arrays.copyOf(body, body.length + notUtf8.length);
        System.arraycopy(notUtf8, 0, whole, body.length, notUtf8.length);
        String importId = createImport();
        JsonNode status = json.readTree(mvc.perform(put("/api/imports/" + importId + "/accounts").with(service())
                        .contentType("application/x-ndjson").content(whole))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        assertThat(status.get("completed").asLong()).isEqualTo(1);
        assertThat(status.get("refused").asLong()).isEqualTo(2);
        assertThat(eventStore.lastSequenceNumberFor(subject.toString())).as("only the new purchase").contains(events + 1);
        assertThat(eventStore.lastSequenceNumberFor(registeredHere)).as("nothing added to a subject of another origin").contains(0L);
        String report = mvc.perform(get("/api/imports/" + importId + "/errors").with(service()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(json.readTree(report).get("errors").get(0).get("type").asString()).isEqualTo("subject-of-another-account");
        assertThat(json.readTree(report).get("errors").get(1).get("message").asString()).contains("not valid UTF-8");
    }

    @Test
    @DisplayName("An upload resumes after the lines already done, and refuses to leave a gap")
    void resumesAfterTheLinesDone() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            lines.add(account("crm:" + UUID.randomUUID(), "EU", "Resumed Subject " + i, "resumed" + i + "@example.org",
                    TODAY.minusYears(2), Map.of()));
        }
        String importId = createImport();
        assertThat(upload(importId, 1, String.join("\n", lines.subList(0, 4))).get("linesDone").asLong()).isEqualTo(4);
        mvc.perform(put("/api/imports/" + importId + "/accounts").param("firstLine", "7").with(service())
                        .contentType("application/x-ndjson").content(lines.get(6)))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value(org.hamcrest.Matchers.endsWith("import-lines-missing")));
        // the whole file again: the first four are read past, not imported twice
        JsonNode done = upload(importId, 1, String.join("\n", lines));
        assertThat(done.get("linesDone").asLong()).isEqualTo(7);
        assertThat(done.get("imported").asLong()).isEqualTo(7);
        assertThat(done.get("alreadyPresent").asLong()).isZero();
        mvc.perform(get("/api/imports/" + UUID.randomUUID()).with(service()))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value(org.hamcrest.Matchers.endsWith("import-not-found")));
    }

    @Test
    @DisplayName("The jar's command-line import streams a file to the API, and a second run finds every account present")
    void theCommandLineImportsAFile(@org.junit.jupiter.api.io.TempDir Path directory) throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            lines.add(account("crm:" + UUID.randomUUID(), "UK", "Command Line " + i, "cli" + i + "@example.org",
                    TODAY.minusYears(1), Map.of("purchases", List.of(purchase(UUID.randomUUID(), "Plan", TODAY.minusMonths(3))))));
        }
        lines.add("not json");
        Path file = directory.resolve("accounts.ndjson");
        Files.writeString(file, String.join("\n", lines) + "\n");
        Map<String, String> environment = Map.of("LETHE_USER", "service", "LETHE_PASSWORD", "lethe-service");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = ImportCommandLine.run(new String[]{file.toString(), "--url=http://localhost:" + port},
                environment, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(2);
        JsonNode result = json.readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(result.get("import").get("imported").asLong()).isEqualTo(10);
        assertThat(result.get("errors").get(0).get("line").asLong()).isEqualTo(11);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("10 imported");

        out.reset();
        assertThat(ImportCommandLine.run(new String[]{file.toString(), "--url=http://localhost:" + port},
                environment, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)))
                .isEqualTo(2);
        assertThat(json.readTree(out.toString(StandardCharsets.UTF_8)).get("import").get("alreadyPresent").asLong()).isEqualTo(10);
        assertThat(ImportCommandLine.run(new String[]{file.toString()}, Map.of(), System.out, new PrintStream(err)))
                .as("no credentials").isEqualTo(1);
    }

    /**
     * An account twice in one batch: the first line begins its subject (unread, ADR 0023), the second
     * finds it in the batch and completes it with what it adds — no second beginning, no failed batch.
     */
    @Test
    void anAccountTwiceInOneBatchIsAdoptedOnceAndCompleted() throws Exception {
        String ref = "crm:" + UUID.randomUUID();
        UUID purchase = UUID.randomUUID();
        String first = account(ref, "EU", "Twice Seen", "twice@example.eu", TODAY.minusYears(1), Map.of());
        String again = account(ref, "EU", "Twice Seen", "twice@example.eu", TODAY.minusYears(1), Map.of(
                "purchases", List.of(purchase(purchase, "Monthly plan", TODAY.minusMonths(1)))));
        JsonNode status = upload(createImport(), 1, first + "\n" + again + "\n");
        assertThat(status.get("imported").asLong()).isEqualTo(1);
        assertThat(status.get("completed").asLong()).isEqualTo(1);
        assertThat(status.get("refused").asLong()).isZero();
        assertThat(eventStore.lastSequenceNumberFor(nameUuid(ref).toString())).as("registered, adopted, and the purchase")
                .contains(2L);
    }

    private String createImport() throws Exception {
        String body = mvc.perform(post("/api/imports").with(service()).contentType(MediaType.APPLICATION_JSON))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return json.readTree(body).get("importId").asString();
    }

    private JsonNode upload(String importId, long firstLine, String body) throws Exception {
        return json.readTree(mvc.perform(put("/api/imports/" + importId + "/accounts").param("firstLine", String.valueOf(firstLine))
                        .with(service()).contentType("application/x-ndjson").content(body.getBytes(StandardCharsets.UTF_8)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor service() {
        return signedIn("service", "lethe-service");
    }

    private String account(String ref, String jurisdiction, String name, String email, LocalDate registeredOn,
                           Map<String, Object> more) {
        Map<String, Object> line = new java.util.LinkedHashMap<>();
        line.put("accountRef", ref);
        line.put("jurisdiction", jurisdiction);
        line.put("registeredOn", registeredOn.toString());
        line.put("name", name);
        line.put("dateOfBirth", "1985-06-15");
        line.put("email", email);
        line.putAll(more);
        return json.writeValueAsString(line);
    }

    private String childAccount(String ref, String parentalConsent, List<Map<String, String>> consents) {
        Map<String, Object> line = new java.util.LinkedHashMap<>();
        line.put("accountRef", ref);
        line.put("jurisdiction", "US-CA");
        line.put("registeredOn", TODAY.minusMonths(6).toString());
        line.put("name", "Young Subject");
        line.put("dateOfBirth", TODAY.minusYears(10).toString());
        line.put("email", "young@example.com");
        if (parentalConsent != null) {
            line.put("parentalConsentReference", parentalConsent);
        }
        line.put("consents", consents);
        return json.writeValueAsString(line);
    }

    private String withSubjectId(UUID subjectId, String line) {
        var node = (tools.jackson.databind.node.ObjectNode) json.readTree(line);
        node.put("subjectId", subjectId.toString());
        return json.writeValueAsString(node);
    }

    private static Map<String, Object> purchase(UUID id, String item, LocalDate on) {
        return Map.of("purchaseId", id.toString(), "item", item,
                "amount", Map.of("currency", "USD", "minorUnits", 9900),
                "card", Map.of("expiry", "12/29", "lastFour", "4242"), "purchasedOn", on.toString());
    }

    private static UUID nameUuid(String ref) {
        return UUID.nameUUIDFromBytes(("lethe-import|" + ref).getBytes(StandardCharsets.UTF_8));
    }
}
