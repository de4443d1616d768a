package io.lethe.platform.requests;

import io.lethe.platform.PlatformTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static io.lethe.platform.Callers.signedIn;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The policy's lasting effects and its disclosures through the HTTP API: the §7102 metrics against
 * a hand count, a limit on sensitive use, the EU age of digital consent, contract records.
 */
@PlatformTest
class PolicyEffectsEndToEndTest {

    private static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;

    @Test
    @DisplayName("CCPA Regs §7102: a year's figures per request type match a hand count")
    void theYearsRequestMetricsMatchAHandCount() throws Exception {
        String subject = register("{\"jurisdiction\":\"US-CA\",\"name\":\"Robin Vale\",\"dateOfBirth\":\"1979-05-01\","
                + "\"email\":\"robin@example.com\"}");
        String knowA = submit(subject, "know-specific-pieces", "2023-03-01T18:00:00Z");
        String knowB = submit(subject, "know-specific-pieces", "2023-03-11T18:00:00Z");
        submit(subject, "deletion", "2023-06-01T18:00:00Z");
        submit(subject, "opt-out-of-sale-sharing", "2023-07-01T18:00:00Z");
        // 31 December 2023, 23:30 in Los Angeles: a 2023 request, although 2024 in UTC
        submit(subject, "correction", "2024-01-01T07:30:00Z");
        // 31 December 2022, 23:59 in Los Angeles: a 2022 request, although 2023 in UTC
        submit(subject, "correction", "2023-01-01T07:59:00Z");
        staff(subject, knowA, "identity-verification", "{\"method\":\"AUTHENTICATED_SESSION\"}").andExpect(status().isNoContent());
        staff(subject, knowA, "fulfilment", "{\"responseReference\":\"report-1\"}").andExpect(status().isNoContent());
        staff(subject, knowB, "denial", "{\"reason\":\"UNVERIFIABLE_IDENTITY\"}").andExpect(status().isNoContent());

        LocalDate today = LocalDate.now(LOS_ANGELES);
        long daysA = ChronoUnit.DAYS.between(LocalDate.of(2023, 3, 1), today);
        long daysB = ChronoUnit.DAYS.between(LocalDate.of(2023, 3, 11), today);
        long daysOptOut = ChronoUnit.DAYS.between(LocalDate.of(2023, 7, 1), today);
        String knowMedian = BigDecimal.valueOf(daysA + daysB).divide(BigDecimal.valueOf(2), 1, RoundingMode.HALF_UP)
                .toPlainString();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode metrics = json.readTree(mvc.perform(get("/api/request-metrics").param("year", "2023")
                            .with(signedIn("auditor", "lethe-auditor")).accept(MediaType.APPLICATION_JSON))
                    .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
            assertThat(metrics.get("jurisdiction").asString()).isEqualTo("US-CA");
            JsonNode know = type(metrics, "know-specific-pieces");
            assertThat(know.get("received").asLong()).isEqualTo(2);
            assertThat(know.get("compliedInWholeOrPart").asLong()).isEqualTo(1);
            assertThat(know.get("denied").asLong()).isEqualTo(1);
            assertThat(know.get("open").asLong()).isZero();
            assertThat(know.get("deniedByReason").get("UNVERIFIABLE_IDENTITY").asLong()).isEqualTo(1);
            assertThat(know.get("medianDays").decimalValue()).isEqualByComparingTo(knowMedian);
            assertThat(know.get("meanDays").decimalValue()).isEqualByComparingTo(knowMedian);
            JsonNode deletion = type(metrics, "deletion");
            assertThat(deletion.get("received").asLong()).isEqualTo(1);
            assertThat(deletion.get("open").asLong()).isEqualTo(1);
            assertThat(deletion.get("medianDays").isNull()).isTrue();
            JsonNode optOut = type(metrics, "opt-out-of-sale-sharing");
            assertThat(optOut.get("compliedInWholeOrPart").asLong()).isEqualTo(1);
            assertThat(optOut.get("medianDays").decimalValue()).isEqualByComparingTo(BigDecimal.valueOf(daysOptOut));
            assertThat(type(metrics, "correction").get("received").asLong()).as("the LA calendar year").isEqualTo(1);
            assertThat(type(metrics, "limit-use-of-sensitive-information").get("received").asLong()).isZero();
        });
        mvc.perform(get("/api/privacy-requests").param("state", "all").param("jurisdiction", "US-CA")
                        .param("type", "know-specific-pieces").param("subjectId", subject).with(signedIn("staff", "lethe-staff")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(2));
        String csv = mvc.perform(get("/api/request-metrics").param("year", "2023")
                        .with(signedIn("staff", "lethe-staff")).accept("text/csv"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(csv).startsWith("year,jurisdiction,request_type,received,complied_in_whole_or_part,denied,open,"
                + "median_days,mean_days\r\n");
        assertThat(csv).contains("2023,US-CA,know-specific-pieces,2,1,1,0," + knowMedian + "," + knowMedian + "\r\n");
        assertThat(csv).contains("2023,US-CA,deletion,1,0,0,1,,\r\n");
        mvc.perform(get("/api/request-metrics").param("year", "2023").with(signedIn("service", "lethe-service")))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/request-metrics").param("year", "1999").with(signedIn("staff", "lethe-staff"))
                        .accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:problem-type:lethe:invalid-request"))
                .andExpect(jsonPath("$.errors[0].field").value("year"));
    }

    @Test
    @DisplayName("CCPA 1798.121: a limit request restricts sensitive information and the report shows it")
    void aLimitRequestRestrictsSensitiveInformation() throws Exception {
        String subject = register("{\"jurisdiction\":\"US-CA\",\"name\":\"Sky Moreno\",\"dateOfBirth\":\"1990-02-01\","
                + "\"email\":\"sky@example.com\"}");
        mvc.perform(service("/api/subjects/" + subject + "/consents",
                        "{\"type\":\"SENSITIVE_PERSONAL_INFORMATION\",\"grantedBy\":\"SUBJECT\",\"evidenceReference\":\"c-1\"}"))
                .andExpect(status().isNoContent());
        String limit = submit(subject, "limit-use-of-sensitive-information", null);
        mvc.perform(service("/api/subjects/" + subject + "/sensitive-information",
                        "{\"itemId\":\"s-1\",\"category\":\"HEALTH\",\"content\":\"allergy: penicillin\"}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type").value("urn:problem-type:lethe:sensitive-use-limited"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.not(
                        org.hamcrest.Matchers.containsString("penicillin"))));
        mvc.perform(service("/api/subjects/" + subject + "/sensitive-information",
                        "{\"itemId\":\"s-2\",\"category\":\"HEALTH\",\"content\":\"fit to work\",\"exception\":\"REQUIRED_BY_LAW\"}"))
                .andExpect(status().isNoContent());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                mvc.perform(get("/api/privacy-requests/" + limit).with(signedIn("staff", "lethe-staff")))
                        .andExpect(status().isOk())
                        .andExpect(jsonPath("$.status").value("FULFILLED")));
        mvc.perform(get("/api/subjects/" + subject + "/access-report").with(signedIn("staff", "lethe-staff")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.limitsInForce").value(hasItem("limit-use-of-sensitive-information")));
    }

    @Test
    @DisplayName("GDPR Art. 8: an EU subject under the member state's age of digital consent needs a parent")
    void anEuChildNeedsAParentUnderTheMemberStatesAge() throws Exception {
        String fourteen = LocalDate.now(ZoneId.of("Europe/Brussels")).minusYears(14).minusDays(1).toString();
        mvc.perform(service("/api/subjects", "{\"jurisdiction\":\"EU\",\"memberState\":\"DE\",\"name\":\"Lena Kraus\","
                        + "\"dateOfBirth\":\"" + fourteen + "\",\"email\":\"lena@example.de\"}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type").value("urn:problem-type:lethe:child-without-parental-consent"));
        mvc.perform(service("/api/subjects", "{\"jurisdiction\":\"EU\",\"name\":\"Lena Kraus\","
                        + "\"dateOfBirth\":\"" + fourteen + "\",\"email\":\"lena@example.de\"}"))
                .andExpect(status().isUnprocessableContent());
        mvc.perform(service("/api/subjects", "{\"jurisdiction\":\"EU\",\"memberState\":\"XX\",\"name\":\"Lena Kraus\","
                        + "\"dateOfBirth\":\"1990-01-01\",\"email\":\"lena@example.de\"}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type").value("urn:problem-type:lethe:unknown-member-state"));
        String subject = register("{\"jurisdiction\":\"EU\",\"memberState\":\"AT\",\"name\":\"Lena Kraus\","
                + "\"dateOfBirth\":\"" + fourteen + "\",\"email\":\"lena@example.at\"}");
        mvc.perform(get("/api/subjects/" + subject + "/access-report").with(signedIn("staff", "lethe-staff")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.categories[0].pieces[?(@.field == 'memberState')].value").value(hasItem("AT")));
    }

    @Test
    @DisplayName("A correction request corrects: the new e-mail in the summary, report and export, the old one in no current view")
    void aCaliforniaCorrectionChangesTheEmailEverywhere() throws Exception {
        String subject = register("{\"jurisdiction\":\"US-CA\",\"name\":\"Quinn Park\",\"dateOfBirth\":\"1984-04-04\","
                + "\"email\":\"quinn@old.example\"}");
        String request = submit(subject, "correction", null);
        staff(subject, request, "identity-verification", "{\"method\":\"AUTHENTICATED_SESSION\"}").andExpect(status().isNoContent());
        staff(subject, request, "correction", "{\"email\":\"not-an-email\"}").andExpect(status().isBadRequest());
        staff(subject, request, "correction", "{\"email\":\"quinn@new.example\",\"responseReference\":\"letter-3\"}")
                .andExpect(status().isNoContent());

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                mvc.perform(get("/api/subjects/" + subject).with(signedIn("staff", "lethe-staff")))
                        .andExpect(status().isOk())
                        .andExpect(jsonPath("$.email").value("quinn@new.example"))
                        .andExpect(jsonPath("$.name").value("Quinn Park")));
        mvc.perform(get("/api/subjects/" + subject + "/portability-export").with(signedIn("staff", "lethe-staff")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.account.email").value("quinn@new.example"))
                .andExpect(jsonPath("$.account.name").value("Quinn Park"));
        mvc.perform(get("/api/subjects/" + subject + "/access-report").with(signedIn("staff", "lethe-staff")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.categories[0].pieces[?(@.field == 'email')].value")
                        .value(org.hamcrest.Matchers.contains("quinn@old.example", "quinn@new.example")))
                .andExpect(jsonPath("$.categories[0].pieces[?(@.value == 'quinn@new.example')].source")
                        .value(hasItem("privacy staff, correcting it on request " + request)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                mvc.perform(get("/api/privacy-requests/" + request).with(signedIn("staff", "lethe-staff")))
                        .andExpect(jsonPath("$.status").value("FULFILLED")));

        // a product service records the subject's own new address
        mvc.perform(service("/api/subjects/" + subject + "/profile", "{\"postalAddress\":\"1 Ferry Building, San Francisco\"}"))
                .andExpect(status().isNoContent());
        mvc.perform(service("/api/subjects/" + subject + "/profile", "{}"))
                .andExpect(status().isUnprocessableContent());
        mvc.perform(get("/api/subjects/" + subject + "/portability-export").with(signedIn("staff", "lethe-staff")))
                .andExpect(jsonPath("$.account.postalAddress").value("1 Ferry Building, San Francisco"))
                .andExpect(jsonPath("$.account.email").value("quinn@new.example"));
    }

    @Test
    @DisplayName("A provision dated today in Tokyo is not in the future, whatever the hour in UTC")
    void aDateThatIsTodaySomewhereIsAccepted() throws Exception {
        String subject = register("{\"jurisdiction\":\"JP\",\"name\":\"Ren Sato\",\"dateOfBirth\":\"1981-01-01\","
                + "\"email\":\"ren@example.jp\"}");
        String provision = "{\"provisionId\":\"p-%s\",\"recipient\":{\"organisationName\":\"Tokyo Mail KK\",\"country\":\"JP\","
                + "\"category\":\"SERVICE_PROVIDER\",\"equivalentSystem\":false},\"categories\":[\"A\"],\"saleOrSharing\":false,"
                + "\"contractRecord\":false,\"providedOn\":\"%s\"}";
        // the latest calendar day anywhere (UTC+14) is always today or tomorrow in UTC
        LocalDate latest = LocalDate.now(java.time.ZoneOffset.ofHours(14));
        mvc.perform(service("/api/subjects/" + subject + "/provisions", provision.formatted("today", latest)))
                .andExpect(status().isCreated());
        mvc.perform(service("/api/subjects/" + subject + "/provisions", provision.formatted("later", latest.plusDays(1))))
                .andExpect(status().isBadRequest());
    }

    @Test
    void aContractRecordWithoutItsContractIsRefused() throws Exception {
        String subject = register("{\"jurisdiction\":\"JP\",\"name\":\"Hana Ito\",\"dateOfBirth\":\"1980-01-01\","
                + "\"email\":\"hana@example.jp\"}");
        String provision = "{\"provisionId\":\"p-1\",\"recipient\":{\"organisationName\":\"Tokyo Mail KK\",\"country\":\"JP\","
                + "\"category\":\"SERVICE_PROVIDER\",\"equivalentSystem\":false},\"categories\":[\"A\"],\"saleOrSharing\":false,"
                + "\"contractRecord\":true,\"providedOn\":\"" + LocalDate.now(ZoneId.of("Asia/Tokyo")) + "\"%s}";
        mvc.perform(service("/api/subjects/" + subject + "/provisions", provision.formatted("")))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type").value("urn:problem-type:lethe:contract-reference-required"));
        mvc.perform(service("/api/subjects/" + subject + "/provisions",
                        provision.formatted(",\"contractReference\":\"delivery-contract-7\"")))
                .andExpect(status().isCreated());
    }

    private static JsonNode type(JsonNode metrics, String type) {
        for (JsonNode row : metrics.get("requestTypes")) {
            if (row.get("type").asString().equals(type)) {
                return row;
            }
        }
        throw new AssertionError("no row for " + type);
    }

    private String register(String body) throws Exception {
        return json.readTree(mvc.perform(service("/api/subjects", body)).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString()).get("subjectId").asString();
    }

    private String submit(String subject, String type, String receivedAt) throws Exception {
        String body = "{\"type\":\"" + type + "\",\"requester\":\"SUBJECT\",\"channel\":\"WEB_FORM\""
                + (receivedAt == null ? "" : ",\"receivedAt\":\"" + receivedAt + "\"") + "}";
        return json.readTree(mvc.perform(service("/api/subjects/" + subject + "/privacy-requests", body))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString()).get("requestId").asString();
    }

    private ResultActions staff(String subject, String request, String step, String body) throws Exception {
        return mvc.perform(post("/api/subjects/" + subject + "/privacy-requests/" + request + "/" + step)
                .with(signedIn("staff", "lethe-staff")).contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private static MockHttpServletRequestBuilder service(String path, String body) {
        return post(path).with(signedIn("service", "lethe-service")).contentType(MediaType.APPLICATION_JSON).content(body);
    }
}
