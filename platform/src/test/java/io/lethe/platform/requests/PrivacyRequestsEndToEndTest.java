package io.lethe.platform.requests;

import io.lethe.platform.PlatformTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static io.lethe.platform.Callers.signedIn;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * One request per jurisdiction from intake to fulfilment through the HTTP API, on the real event
 * store, sagas and projections; an erasure through a downstream processor's confirmation.
 */
@PlatformTest
@TestPropertySource(properties = "lethe.requests.processors.email-delivery=7d")
class PrivacyRequestsEndToEndTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void japanDisclosureNeedsIdentityAndTheFeeBeforeItIsFulfilled() throws Exception {
        String subject = register("JP", "Taro Suzuki", "taro@example.jp");
        String request = submit(subject, "disclosure", "MAIL");
        staff(subject, request, "fulfilment", "{\"responseReference\":\"letter-1\"}")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("urn:problem-type:lethe:identity-not-verified"));
        staff(subject, request, "identity-verification", "{\"method\":\"IDENTITY_DOCUMENT\",\"reference\":\"check-1\"}")
                .andExpect(status().isNoContent());
        staff(subject, request, "fulfilment", "{\"responseReference\":\"letter-1\"}")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("urn:problem-type:lethe:fee-unsettled"));
        staff(subject, request, "fee", "{\"settlement\":\"PAID\",\"reference\":\"receipt-9\"}").andExpect(status().isNoContent());
        staff(subject, request, "extension", "{\"reason\":\"COMPLEXITY\",\"noticeSentOn\":\"" + today("Asia/Tokyo") + "\"}")
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type").value("urn:problem-type:lethe:extension-not-granted"));

        mvc.perform(staffGet("/api/subjects/" + subject + "/access-report"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.collectedSince").doesNotExist())
                .andExpect(jsonPath("$.categories[0].category").value("A"))
                .andExpect(jsonPath("$.categories[0].pieces[?(@.field == 'email')].value").value(hasItem("taro@example.jp")))
                .andExpect(jsonPath("$.rights").value(hasItem("cessation-of-provision")));
        staff(subject, request, "fulfilment", "{\"responseReference\":\"letter-1\"}").andExpect(status().isNoContent());

        JsonNode view = awaitRequest(request, "FULFILLED");
        assertThat(view.get("fee").get("minorUnits").asLong()).isEqualTo(1000);
        assertThat(view.get("fee").get("settlement").asString()).isEqualTo("PAID");
        LocalDate received = LocalDate.ofInstant(java.time.Instant.parse(view.get("receivedAt").asString()), ZoneId.of("Asia/Tokyo"));
        assertThat(view.get("dueOn").asString()).isEqualTo(received.plusDays(14).toString());
    }

    @Test
    void californiaRightToKnowIsAnsweredFromTheLookbackAndGpcOptsOut() throws Exception {
        String subject = register("US-CA", "Casey Rivera", "casey@example.com");
        mvc.perform(service("/api/subjects/" + subject + "/purchases",
                        "{\"item\":\"Event ticket\",\"amount\":{\"currency\":\"USD\",\"minorUnits\":1999},"
                                + "\"card\":{\"expiry\":\"08/28\",\"lastFour\":\"4444\"}}").header("Sec-GPC", "1"))
                .andExpect(status().isCreated());
        mvc.perform(service("/api/subjects/" + subject + "/provisions", """
                        {"provisionId":"ads-1","recipient":{"organisationName":"Adnet Inc.","country":"US",
                         "category":"ADVERTISING_PARTNER","equivalentSystem":false},"categories":["D"],
                         "saleOrSharing":true,"contractRecord":false,"providedOn":"%s"}""".formatted(today("America/Los_Angeles"))))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type").value("urn:problem-type:lethe:opted-out-of-sale-sharing"));

        String request = submit(subject, "know-specific-pieces", "WEB_FORM");
        staff(subject, request, "acknowledgement", null).andExpect(status().isNoContent());
        staff(subject, request, "identity-verification", "{\"method\":\"AUTHENTICATED_SESSION\"}").andExpect(status().isNoContent());
        mvc.perform(staffGet("/api/subjects/" + subject + "/access-report"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.collectedSince").isNotEmpty())
                .andExpect(jsonPath("$.optedOutOfSaleSharing").value(true))
                .andExpect(jsonPath("$.categories[*].category").value(org.hamcrest.Matchers.contains("A", "B", "C")))
                .andExpect(jsonPath("$.categories[2].pieces[?(@.field =~ /.*item/)].value").value(hasItem("Event ticket")))
                .andExpect(jsonPath("$.sources").value(hasItem("the subject's use of the Service (purchases)")));
        staff(subject, request, "fulfilment", "{\"responseReference\":\"portal-download-1\"}").andExpect(status().isNoContent());

        JsonNode view = awaitRequest(request, "FULFILLED");
        assertThat(view.get("acknowledgeBy").asString()).isNotEmpty();
        assertThat(view.get("acknowledgedAt").asString()).isNotEmpty();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM personal_data_access_log WHERE subject_id = ?::uuid "
                + "AND view = 'access-report' AND principal = 'staff'", Long.class, subject)).isEqualTo(1);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> mvc.perform(staffGet("/api/subjects?jurisdiction=US-CA&size=200"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[?(@.subjectId == '" + subject + "')]").exists()));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM personal_data_access_log WHERE subject_id = ?::uuid "
                + "AND view = 'subject-summaries' AND principal = 'staff'", Long.class, subject)).isPositive();
    }

    @Test
    @DisplayName("Sec-GPC speaks for the subject on subject-facing commands only, never on a staff member's actions")
    void aStaffMembersGpcSignalDoesNotOptTheSubjectOut() throws Exception {
        String subject = register("US-CA", "Sasha Keller", "sasha@example.com");
        String request = submit(subject, "know-categories", "EMAIL");
        mvc.perform(post("/api/subjects/" + subject + "/privacy-requests/" + request + "/acknowledgement")
                        .with(signedIn("staff", "lethe-staff")).header("Sec-GPC", "1").contentType(MediaType.APPLICATION_JSON))
                .andExpect(status().isNoContent());
        mvc.perform(post("/api/subjects/" + subject + "/privacy-requests").with(signedIn("staff", "lethe-staff"))
                        .header("Sec-GPC", "1").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"type\":\"know-categories\",\"requester\":\"SUBJECT\",\"channel\":\"MAIL\"}"))
                .andExpect(status().isCreated());
        mvc.perform(staffGet("/api/subjects/" + subject + "/access-report"))
                .andExpect(jsonPath("$.optedOutOfSaleSharing").value(false));

        mvc.perform(service("/api/subjects/" + subject + "/consents",
                        "{\"type\":\"SENSITIVE_PERSONAL_INFORMATION\",\"grantedBy\":\"SUBJECT\"}").header("Sec-GPC", "1"));
        mvc.perform(staffGet("/api/subjects/" + subject + "/access-report"))
                .andExpect(jsonPath("$.optedOutOfSaleSharing").value(true));
    }

    @Test
    @DisplayName("CCPA Regs §7023(c): a correction directs the processors to correct, with the values, until each confirms")
    void aCorrectionDirectsTheProcessorToFollowWithTheCorrectedValues() throws Exception {
        String subject = register("US-CA", "Casey Ruiz", "casey@old.example");
        String request = submit(subject, "correction", "WEB_FORM");
        staff(subject, request, "identity-verification", "{\"method\":\"AUTHENTICATED_SESSION\"}").andExpect(status().isNoContent());
        staff(subject, request, "correction", "{\"email\":\"casey@new.example\",\"responseReference\":\"letter-9\"}")
                .andExpect(status().isNoContent());
        awaitRequest(request, "FULFILLED");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> mvc.perform(get("/api/processor-corrections")
                        .with(signedIn("email-delivery", "lethe-processor")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.requestId == '" + request + "')].action").value(hasItem("CORRECT")))
                .andExpect(jsonPath("$[?(@.requestId == '" + request + "')].fields[0]").value(hasItem("email")))
                // the request's law, whose zone a processor's deadline is read in
                .andExpect(jsonPath("$[?(@.requestId == '" + request + "')].jurisdiction").value(hasItem("US-CA"))));
        mvc.perform(get("/api/processor-deletions").with(signedIn("email-delivery", "lethe-processor")))
                .andExpect(jsonPath("$[?(@.requestId == '" + request + "')]").doesNotExist());
        // the processor reads the new value, and the read is logged as its own
        mvc.perform(get("/api/subjects/" + subject + "/privacy-requests/" + request + "/correction")
                        .with(signedIn("email-delivery", "lethe-processor")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.values.email").value("casey@new.example"))
                .andExpect(jsonPath("$.values.name").doesNotExist());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM personal_data_access_log WHERE subject_id = ?::uuid "
                + "AND view = 'correction' AND principal = 'email-delivery'", Long.class, subject)).isEqualTo(1);
        // a request it was not directed for is not its to read
        String other = submit(subject, "correction", "WEB_FORM");
        awaitRequest(other, "AWAITING_IDENTITY");
        mvc.perform(get("/api/subjects/" + subject + "/privacy-requests/" + other + "/correction")
                        .with(signedIn("email-delivery", "lethe-processor")))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("urn:problem-type:lethe:not-directed-to-correct"));
        mvc.perform(processor("/api/subjects/" + subject + "/privacy-requests/" + request + "/processor-confirmations",
                        "{\"reference\":\"crm-ticket-7\"}"))
                .andExpect(status().isNoContent());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> mvc.perform(staffGet("/api/privacy-requests/" + request))
                .andExpect(jsonPath("$.processors[0].action").value("CORRECT"))
                .andExpect(jsonPath("$.processors[0].confirmedAt").isNotEmpty())
                .andExpect(jsonPath("$.processors[0].reference").value("crm-ticket-7")));
        mvc.perform(get("/api/processor-corrections").with(signedIn("email-delivery", "lethe-processor")))
                .andExpect(jsonPath("$[?(@.requestId == '" + request + "')]").doesNotExist());
    }

    @Test
    void anEuErasureWaitsForTheProcessorThenShredsAndCertifies() throws Exception {
        String subject = register("EU", "Anna Schmidt", "anna@example.de");
        String request = submit(subject, "erasure", "EMAIL");
        staff(subject, request, "identity-verification", "{\"method\":\"EMAIL_CONFIRMATION\"}").andExpect(status().isNoContent());

        // the processor's integration polls its own work and confirms as itself; until then nothing is erased
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> mvc.perform(get("/api/processor-deletions")
                        .with(signedIn("email-delivery", "lethe-processor")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.requestId == '" + request + "')]").exists()));
        assertThat(awaitRequest(request, "IN_PROGRESS").get("certificate").isNull()).isTrue();
        // it cannot read another processor's queue, a product service cannot confirm for it, and the body
        // cannot name the processor
        mvc.perform(get("/api/processor-deletions?processor=crm-sync").with(signedIn("email-delivery", "lethe-processor")))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("urn:problem-type:lethe:another-processors-queue"));
        mvc.perform(service("/api/subjects/" + subject + "/privacy-requests/" + request + "/processor-confirmations",
                        "{\"reference\":\"ticket-42\"}"))
                .andExpect(status().isForbidden());
        mvc.perform(processor("/api/subjects/" + subject + "/privacy-requests/" + request + "/processor-confirmations",
                        "{\"processor\":\"crm-sync\",\"reference\":\"ticket-42\"}"))
                .andExpect(status().isBadRequest());
        mvc.perform(processor("/api/subjects/" + subject + "/privacy-requests/" + request + "/processor-confirmations",
                        "{\"reference\":\"ticket-42\"}"))
                .andExpect(status().isNoContent());
        mvc.perform(processor("/api/subjects/" + subject + "/privacy-requests/" + request + "/processor-confirmations",
                        "{\"reference\":\"ticket-42\"}"))
                .andExpect(status().isNoContent());

        JsonNode view = awaitRequest(request, "FULFILLED");
        // the erasure process completed it: the platform's own command, not the staff member's
        assertThat(jdbc.queryForList("SELECT convert_from(meta_data, 'UTF8')::jsonb ->> 'principal' FROM domain_event_entry "
                + "WHERE aggregate_identifier = ? AND payload_type LIKE '%PersonalDataShreddedEvent'", String.class, subject))
                .hasSize(4).containsOnly("system");
        assertThat(jdbc.queryForObject("SELECT convert_from(meta_data, 'UTF8')::jsonb ->> 'principal' FROM domain_event_entry "
                + "WHERE aggregate_identifier = ? AND payload_type LIKE '%ProcessorDeletionConfirmedEvent'", String.class, subject))
                .isEqualTo("email-delivery");
        JsonNode certificate = view.get("certificate");
        assertThat(certificate.get("processorsConfirmed").get(0).asString()).isEqualTo("email-delivery");
        assertThat(certificate.get("erasedClasses")).hasSize(4);
        mvc.perform(staffGet("/api/subjects/" + subject + "/access-report"))
                .andExpect(jsonPath("$.erasedClasses").value(hasItem("PROFILE")))
                .andExpect(jsonPath("$.categories[0].pieces[?(@.field == 'email')].value").value(hasItem("[erased]")))
                .andExpect(content().string(not(org.hamcrest.Matchers.containsString("anna@example.de"))));
    }

    @Test
    void taiwanCopyRequestIsAnsweredWithThePortableCopyAndAnUngrantedTypeIsRefused() throws Exception {
        String subject = register("TW", "Mei Lin", "mei@example.tw");
        mvc.perform(service("/api/subjects/" + subject + "/privacy-requests",
                        "{\"type\":\"portability\",\"requester\":\"SUBJECT\",\"channel\":\"WEB_FORM\"}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type").value("urn:problem-type:lethe:request-type-not-granted"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("query-or-review, copy")));
        String request = submit(subject, "copy", "IN_APP");
        staff(subject, request, "identity-verification", "{\"method\":\"AUTHENTICATED_SESSION\"}").andExpect(status().isNoContent());
        mvc.perform(staffGet("/api/subjects/" + subject + "/portability-export"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.format").value("lethe.portability/3"))
                .andExpect(jsonPath("$.page").value(0))
                .andExpect(jsonPath("$.pages").value(1))
                .andExpect(jsonPath("$.account.email").value("mei@example.tw"));
        staff(subject, request, "extension", "{\"reason\":\"OTHER\",\"noticeSentOn\":\"" + today("Asia/Taipei")
                + "\",\"noticeReference\":\"letter-3\"}").andExpect(status().isNoContent());
        staff(subject, request, "fulfilment", "{\"responseReference\":\"copy-sent-1\"}").andExpect(status().isNoContent());

        JsonNode view = awaitRequest(request, "FULFILLED");
        LocalDate received = LocalDate.ofInstant(java.time.Instant.parse(view.get("receivedAt").asString()), ZoneId.of("Asia/Taipei"));
        assertThat(view.get("dueOn").asString()).isEqualTo(received.plusDays(30).toString());
        assertThat(view.get("extension").get("reason").asString()).isEqualTo("OTHER");
    }

    @Test
    void theQueueShowsOpenRequestsAndTheGaugesCountThem() throws Exception {
        String subject = register("UK", "Oliver Brown", "oliver@example.co.uk");
        String request = submit(subject, "access", "EMAIL");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> mvc.perform(staffGet("/api/privacy-requests?jurisdiction=UK"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.requestId == '" + request + "')].status").value(hasItem("AWAITING_IDENTITY"))));
        Thread.sleep(5_100); // the gauges reuse a count for five seconds
        mvc.perform(get("/actuator/prometheus").with(signedIn("admin", "lethe-admin")))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.matchesPattern(
                        "(?s).*lethe_requests_open\\{[^}]*jurisdiction=\"UK\"[^}]*\\} [1-9].*")));
        staff(subject, request, "denial", "{\"reason\":\"UNVERIFIABLE_IDENTITY\",\"reference\":\"letter-5\"}")
                .andExpect(status().isNoContent());
        JsonNode view = awaitRequest(request, "DENIED");
        assertThat(view.get("denialReason").asString()).isEqualTo("UNVERIFIABLE_IDENTITY");
    }

    @Test
    void aStepForARequestTheSubjectDoesNotHaveIsNotFound() throws Exception {
        String subject = register("EU", "Anna Nowak", "anna@example.pl");
        submit(subject, "access", "EMAIL");
        String unknown = java.util.UUID.randomUUID().toString();
        staff(subject, unknown, "acknowledgement", null)
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("urn:problem-type:lethe:request-not-found"));
        staff(subject, unknown, "fulfilment", "{\"responseReference\":\"letter-1\"}")
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("urn:problem-type:lethe:request-not-found"));
    }

    private JsonNode awaitRequest(String request, String status) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String body = mvc.perform(staffGet("/api/privacy-requests/" + request)).andExpect(status().isOk())
                    .andReturn().getResponse().getContentAsString();
            found[0] = json.readTree(body);
            assertThat(found[0].get("status").asString()).isEqualTo(status);
        });
        return found[0];
    }

    private String register(String jurisdiction, String name, String email) throws Exception {
        String body = mvc.perform(service("/api/subjects", "{\"jurisdiction\":\"" + jurisdiction + "\",\"name\":\"" + name
                        + "\",\"dateOfBirth\":\"1985-03-02\",\"email\":\"" + email + "\"}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return json.readTree(body).get("subjectId").asString();
    }

    private String submit(String subject, String type, String channel) throws Exception {
        String body = mvc.perform(service("/api/subjects/" + subject + "/privacy-requests",
                        "{\"type\":\"" + type + "\",\"requester\":\"SUBJECT\",\"channel\":\"" + channel + "\"}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return json.readTree(body).get("requestId").asString();
    }

    private org.springframework.test.web.servlet.ResultActions staff(String subject, String request, String step, String body)
            throws Exception {
        MockHttpServletRequestBuilder call = post("/api/subjects/" + subject + "/privacy-requests/" + request + "/" + step)
                .with(signedIn("staff", "lethe-staff")).contentType(MediaType.APPLICATION_JSON);
        if (body != null) {
            call.content(body);
        }
        return mvc.perform(call);
    }

    private static MockHttpServletRequestBuilder service(String path, String body) {
        return post(path).with(signedIn("service", "lethe-service")).contentType(MediaType.APPLICATION_JSON).content(body);
    }

    private static MockHttpServletRequestBuilder processor(String path, String body) {
        return post(path).with(signedIn("email-delivery", "lethe-processor")).contentType(MediaType.APPLICATION_JSON).content(body);
    }

    private static MockHttpServletRequestBuilder staffGet(String path) {
        return get(path).with(signedIn("staff", "lethe-staff"));
    }

    private static String today(String zone) {
        return LocalDate.now(ZoneId.of(zone)).toString();
    }
}
