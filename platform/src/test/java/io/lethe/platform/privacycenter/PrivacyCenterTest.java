package io.lethe.platform.privacycenter;

import io.lethe.platform.Subjects;
import io.lethe.platform.notice.WithMailServer;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.lethe.platform.Callers.signedIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A person makes their own request in the privacy center: the code goes to the address the platform
 * holds, the request is made and verified with it, and its status and answer open by the secret link.
 * An unknown address is answered the same, a code cannot be guessed, and nothing is written for a
 * refused form.
 */
class PrivacyCenterTest extends WithMailServer {

    private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;

    /** Each test comes from a network of its own, so that the per-network limits of one do not reach another. */
    private final String network = "198.51.100." + (1 + new java.util.Random().nextInt(250));

    @Test
    void aCalifornianMakesARequestWithTheCodeSentToTheirAddressFollowsItAndDownloadsTheAnswer() throws Exception {
        String subject = registered("US-CA", "Rosa Delgado", "rosa.delgado@example.com");
        mvc.perform(get("/privacy-center?law=US-CA").header("Accept-Language", "en-US"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Know the specific pieces")))
                .andExpect(header().string("Content-Security-Policy", containsString("default-src 'none'")))
                .andExpect(header().string("Referrer-Policy", "no-referrer"));

        String verify = ask("US-CA", "know-specific-pieces", "SUBJECT", "Rosa.Delgado@Example.com", "en-US");
        MimeMessage mail = awaitMail("rosa.delgado@example.com", "Your privacy request code");
        String code = code(text(mail));
        assertThat(mail.getSubject()).isEqualTo("Your privacy request code: " + code);

        MvcResult made = mvc.perform(post(verify).with(csrf()).with(from(network)).param("code", code).header("Sec-GPC", "1"))
                .andExpect(status().is3xxRedirection()).andReturn();
        String statusPage = made.getResponse().getRedirectedUrl();
        assertThat(statusPage).matches("/privacy-center/status/[A-Za-z0-9_-]{43}\\?made");
        assertThat(eventTypes(subject)).contains("PrivacyRequestSubmittedEvent", "IdentityVerifiedEvent", "OptedOutOfSaleSharingEvent");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND payload_type LIKE '%IdentityVerifiedEvent' AND convert_from(payload, 'UTF8') LIKE '%EMAIL_CONFIRMATION%'",
                Long.class, subject)).isEqualTo(1);

        String page = statusPage.replace("?made", "");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> mvc.perform(get(page).header("Accept-Language", "en"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Being handled")))
                .andExpect(content().string(not(containsString("Download your answer")))));
        // the same code again opens the same page, and makes nothing more
        mvc.perform(post(verify).with(csrf()).with(from(network)).param("code", code))
                .andExpect(status().is3xxRedirection())
                .andExpect(header().string("Location", statusPage));
        assertThat(eventTypes(subject).stream().filter("PrivacyRequestSubmittedEvent"::equals)).hasSize(1);

        String request = jdbc.queryForObject("SELECT CAST(request_id AS VARCHAR) FROM privacy_center_challenge WHERE subject_id = CAST(? AS UUID)",
                String.class, subject);
        mvc.perform(post("/api/subjects/" + subject + "/privacy-requests/" + request + "/fulfilment")
                        .with(signedIn("staff", "lethe-staff")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"responseReference\":\"portal-answer\"}"))
                .andExpect(status().isNoContent());
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> mvc.perform(get(page))
                .andExpect(content().string(containsString("Download your answer"))));
        mvc.perform(get(page + "/answer").header("Accept-Language", "en"))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", containsString("attachment")))
                .andExpect(content().string(containsString("Rosa Delgado")));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM personal_data_access_log WHERE view = 'privacy-center-answer' "
                + "AND subject_id = CAST(? AS UUID)", Long.class, subject)).isEqualTo(1);
    }

    @Test
    void aEuropeanTakesTheirDataAwayThenHasItErasedAndKeepsTheCertificate() throws Exception {
        String subject = registered("EU", "Greta Lindqvist", "greta.lindqvist@example.eu");
        String portability = made(ask("EU", "portability", "SUBJECT", "greta.lindqvist@example.eu", "en"),
                "greta.lindqvist@example.eu", 1);
        fulfil(subject);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> mvc.perform(get(portability))
                .andExpect(content().string(containsString("Download your data"))));
        MvcResult zip = mvc.perform(get(portability + "/package"))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "application/zip"))
                .andExpect(header().string("Content-Disposition", containsString("attachment")))
                .andReturn();
        java.util.Map<String, String> files = new java.util.LinkedHashMap<>();
        try (java.util.zip.ZipInputStream entries = new java.util.zip.ZipInputStream(
                new java.io.ByteArrayInputStream(zip.getResponse().getContentAsByteArray()))) {
            for (java.util.zip.ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                files.put(entry.getName(), new String(entries.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        assertThat(files).hasSize(1);
        assertThat(files.keySet().iterator().next()).endsWith("/page-1-of-1.json");
        assertThat(files.values().iterator().next()).contains("\"format\" : \"lethe.portability/3\"").contains("Greta Lindqvist");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM personal_data_access_log WHERE view = 'privacy-center-portability' "
                + "AND subject_id = CAST(? AS UUID)", Long.class, subject)).isEqualTo(1);
        mvc.perform(get(portability + "/certificate")).andExpect(status().isNotFound());

        String erasure = made(ask("EU", "erasure", "SUBJECT", "greta.lindqvist@example.eu", "en"), "greta.lindqvist@example.eu", 2);
        String request = jdbc.queryForObject("SELECT CAST(request_id AS VARCHAR) FROM privacy_center_challenge WHERE subject_id = "
                + "CAST(? AS UUID) AND request_type = 'erasure'", String.class, subject);
        // verified by the code, with no processor to wait for here: the platform erases and certifies
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> mvc.perform(get(erasure).header("Accept-Language", "en"))
                .andExpect(content().string(containsString("Your personal data was erased on")))
                .andExpect(content().string(containsString("Your certificate of erasure"))));
        mvc.perform(get(erasure + "/certificate").header("Accept-Language", "en"))
                .andExpect(status().isOk())
                .andExpect(header().string("Cache-Control", "no-store"))
                .andExpect(content().string(containsString("Certificate of erasure")))
                .andExpect(content().string(containsString("Account and identity data")))
                .andExpect(content().string(containsString("Crypto-shredding")))
                .andExpect(content().string(containsString(request)))
                .andExpect(content().string(not(containsString("Greta"))));
        mvc.perform(get(erasure + "/certificate").header("Accept-Language", "ja"))
                .andExpect(content().string(containsString("消去証明書")));
        mvc.perform(get(erasure + "/package")).andExpect(status().isNotFound());
        // without the link, neither opens
        String forged = "/privacy-center/status/" + "A".repeat(43);
        mvc.perform(get(forged + "/certificate")).andExpect(status().isNotFound());
        mvc.perform(get(forged + "/package")).andExpect(status().isNotFound());
        mvc.perform(get("/privacy-center/status/not-a-token/certificate")).andExpect(status().isNotFound());
    }

    @Test
    void aProductsSignedInUserAsksWithoutACodeAndTheAssertionIsTheEvidence() throws Exception {
        String subject = registered("JP", "Aoi Kato", "aoi.kato@example.jp");
        java.time.Instant now = java.time.Instant.now();
        String assertion = assertion(PRODUCT_KEY.getPrivate(), "shop", "lethe-privacy-center", subject, "disclosure",
                "order-page-81f2c9", now, now.plusSeconds(120));
        MvcResult made = mvc.perform(post("/privacy-center/signed-in").with(from(network)).param("assertion", assertion))
                .andExpect(status().is3xxRedirection()).andReturn();
        String statusPage = made.getResponse().getRedirectedUrl();
        assertThat(statusPage).matches("/privacy-center/status/[A-Za-z0-9_-]{43}\\?made");
        assertThat(eventTypes(subject)).containsSubsequence("PrivacyRequestSubmittedEvent", "IdentityVerifiedEvent");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND payload_type LIKE '%IdentityVerifiedEvent' AND convert_from(payload, 'UTF8') LIKE '%AUTHENTICATED_SESSION%' "
                + "AND convert_from(payload, 'UTF8') LIKE '%assertion:shop:order-page-81f2c9%'", Long.class, subject)).isEqualTo(1);
        // taken once: posted again (a second click, or a copy captured on its way) it opens nothing
        mvc.perform(post("/privacy-center/signed-in").with(from(network)).header("Accept-Language", "en").param("assertion", assertion))
                .andExpect(status().isConflict())
                .andExpect(content().string(containsString("already used")))
                .andExpect(content().string(not(containsString("/privacy-center/status/"))));
        // nor does its id under another subject's name
        String other = registered("JP", "Sora Kato", "sora.kato@example.jp");
        mvc.perform(post("/privacy-center/signed-in").with(from(network)).param("assertion", assertion(PRODUCT_KEY.getPrivate(),
                        "shop", "lethe-privacy-center", other, "disclosure", "order-page-81f2c9", now, now.plusSeconds(120))))
                .andExpect(status().isConflict());
        assertThat(eventTypes(subject).stream().filter("PrivacyRequestSubmittedEvent"::equals)).hasSize(1);
        assertThat(eventTypes(other)).doesNotContain("PrivacyRequestSubmittedEvent");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> mvc.perform(get(statusPage.replace("?made", "")))
                .andExpect(content().string(containsString("Being handled"))));
    }

    @Test
    void anAssertionThatIsNotTheProductsOwnOrNotNowOrNotARightWritesNothing() throws Exception {
        String subject = registered("JP", "Ren Ogawa", "ren.ogawa@example.jp");
        java.time.Instant now = java.time.Instant.now();
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("EC");
        generator.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
        java.security.PrivateKey stranger = generator.generateKeyPair().getPrivate();
        java.util.Map<String, String> refused = new java.util.LinkedHashMap<>();
        refused.put("another key", assertion(stranger, "shop", "lethe-privacy-center", subject, "disclosure", "try-000001", now,
                now.plusSeconds(60)));
        refused.put("another product", assertion(PRODUCT_KEY.getPrivate(), "bank", "lethe-privacy-center", subject, "disclosure",
                "try-000002", now, now.plusSeconds(60)));
        refused.put("another audience", assertion(PRODUCT_KEY.getPrivate(), "shop", "someone-else", subject, "disclosure",
                "try-000003", now, now.plusSeconds(60)));
        refused.put("expired", assertion(PRODUCT_KEY.getPrivate(), "shop", "lethe-privacy-center", subject, "disclosure",
                "try-000004", now.minusSeconds(300), now.minusSeconds(200)));
        refused.put("an hour long", assertion(PRODUCT_KEY.getPrivate(), "shop", "lethe-privacy-center", subject, "disclosure",
                "try-000005", now, now.plusSeconds(3600)));
        refused.put("no such subject", assertion(PRODUCT_KEY.getPrivate(), "shop", "lethe-privacy-center",
                java.util.UUID.randomUUID().toString(), "disclosure", "try-000006", now, now.plusSeconds(60)));
        refused.put("not a token", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.");
        // the product's public key used as an HMAC secret: the algorithm must fit the key
        com.nimbusds.jwt.SignedJWT confused = new com.nimbusds.jwt.SignedJWT(
                new com.nimbusds.jose.JWSHeader(com.nimbusds.jose.JWSAlgorithm.HS256),
                new com.nimbusds.jwt.JWTClaimsSet.Builder().issuer("shop").audience("lethe-privacy-center").subject(subject)
                        .jwtID("try-000008").issueTime(java.util.Date.from(now)).expirationTime(java.util.Date.from(now.plusSeconds(60)))
                        .claim("right", "disclosure").build());
        confused.sign(new com.nimbusds.jose.crypto.MACSigner(PRODUCT_KEY.getPublic().getEncoded()));
        refused.put("HMAC with the public key", confused.serialize());
        for (java.util.Map.Entry<String, String> attempt : refused.entrySet()) {
            mvc.perform(post("/privacy-center/signed-in").with(from(network)).header("Accept-Language", "en")
                            .param("assertion", attempt.getValue()))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().string(containsString("We could not confirm who you are")));
        }
        mvc.perform(post("/privacy-center/signed-in").with(from(network)).header("Accept-Language", "en")
                        .param("assertion", assertion(PRODUCT_KEY.getPrivate(), "shop", "lethe-privacy-center", subject,
                                "portability", "try-000007", now, now.plusSeconds(60))))
                .andExpect(status().isUnprocessableContent());
        assertThat(eventTypes(subject)).doesNotContain("PrivacyRequestSubmittedEvent");
    }

    /** A product's assertion that {@code subject} is its signed-in user, asking for {@code right}. */
    private static String assertion(java.security.PrivateKey key, String product, String audience, String subject, String right,
                                    String id, java.time.Instant issued, java.time.Instant expires) throws Exception {
        com.nimbusds.jwt.SignedJWT jwt = new com.nimbusds.jwt.SignedJWT(
                new com.nimbusds.jose.JWSHeader(com.nimbusds.jose.JWSAlgorithm.ES256),
                new com.nimbusds.jwt.JWTClaimsSet.Builder().issuer(product).audience(audience).subject(subject)
                        .jwtID(id).issueTime(java.util.Date.from(issued)).expirationTime(java.util.Date.from(expires))
                        .claim("right", right).build());
        jwt.sign(new com.nimbusds.jose.crypto.ECDSASigner((java.security.interfaces.ECPrivateKey) key));
        return jwt.serialize();
    }

    @Test
    void anAgentSendsTheSignedPermissionWhichStaffOpenSealedUnderTheAccountHoldersKey() throws Exception {
        String subject = registered("US-CA", "Mia Torres", "mia.torres@example.com");
        byte[] permission = ("%PDF-1.7\n% signed permission for an authorised agent\n" + "x".repeat(2000)).getBytes(
                java.nio.charset.StandardCharsets.US_ASCII);
        // an agent without the permission, or with something that is not a document, is told so and nothing is made
        mvc.perform(agentForm("mia.torres@example.com", null)).andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("Attach the account holder&#39;s signed permission")));
        mvc.perform(agentForm("mia.torres@example.com", "just words".getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
                .andExpect(status().isBadRequest());
        byte[] tooLarge = new byte[5 * 1024 * 1024 + 1];
        System.arraycopy(permission, 0, tooLarge, 0, permission.length);
        mvc.perform(agentForm("mia.torres@example.com", tooLarge)).andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("at most 5 MB")));
        String verify = mvc.perform(agentForm("mia.torres@example.com", permission))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        String page = made(verify, "mia.torres@example.com", 1);
        assertThat(page).startsWith("/privacy-center/status/");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND payload_type LIKE '%IdentityVerifiedEvent' AND convert_from(payload, 'UTF8') LIKE '%AGENT_AUTHORISATION%'",
                Long.class, subject)).isEqualTo(1);
        String request = jdbc.queryForObject("SELECT CAST(request_id AS VARCHAR) FROM privacy_center_challenge WHERE subject_id = "
                + "CAST(? AS UUID)", String.class, subject);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM privacy_request_proof WHERE request_id = CAST(? AS UUID) "
                + "AND document NOT LIKE '%JVBERi0xLjcK%' AND document NOT LIKE '%signed permission%'", Long.class, request))
                // neither the document's base64 nor its words (a ciphertext's base64 holds a short word like "PDF" one time in a hundred)
                .as("sealed at rest").isEqualTo(1);

        mvc.perform(get("/api/privacy-requests/" + request + "/authority-proof").with(signedIn("staff", "lethe-staff")))
                .andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath("$.contentType").value("application/pdf"))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath("$.sizeBytes").value(permission.length));
        byte[] opened = mvc.perform(get("/api/privacy-requests/" + request + "/authority-proof/document")
                        .with(signedIn("staff", "lethe-staff")))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "application/pdf"))
                .andExpect(header().string("Content-Disposition", containsString("attachment")))
                .andExpect(header().string("Content-Security-Policy", containsString("sandbox")))
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(opened).isEqualTo(permission);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM personal_data_access_log WHERE view = 'authority-proof' "
                + "AND subject_id = CAST(? AS UUID)", Long.class, subject)).isEqualTo(1);
        mvc.perform(get("/api/privacy-requests/" + request + "/authority-proof/document").with(signedIn("service", "lethe-service")))
                .andExpect(status().isForbidden());

        // erased with the account holder's profile
        mvc.perform(post("/api/subjects/" + subject + "/shredding").with(signedIn("staff", "lethe-staff"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"retentionClasses\":[\"PROFILE\"],\"reason\":\"ERASURE_REQUEST\",\"reference\":\"req-proof\"}"))
                .andExpect(status().isOk());
        mvc.perform(get("/api/privacy-requests/" + request + "/authority-proof/document").with(signedIn("staff", "lethe-staff")))
                .andExpect(status().isConflict())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath("$.type")
                        .value("urn:problem-type:lethe:authority-proof-erased"));
    }

    private org.springframework.test.web.servlet.RequestBuilder agentForm(String email, byte[] proof) {
        var form = org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart("/privacy-center/requests");
        if (proof != null) {
            form.file(new org.springframework.mock.web.MockMultipartFile("proof", "permission.pdf", "application/pdf", proof));
        }
        form.with(csrf()).with(from(network)).header("Accept-Language", "en").param("law", "US-CA").param("type", "know-specific-pieces")
                .param("requester", "AUTHORISED_AGENT").param("email", email).param("authorityConfirmed", "true");
        return form;
    }

    @Test
    void anUnknownAddressIsAnsweredTheSameAndNoCodeEverMatches() throws Exception {
        String verify = ask("EU", "access", "SUBJECT", "nobody-" + System.nanoTime() + "@example.eu", "en");
        String known = registered("EU", "Jonas Berg", "jonas.berg@example.eu");
        String knownVerify = ask("EU", "access", "SUBJECT", "jonas.berg@example.eu", "en");
        String unknownPage = mvc.perform(get(verify)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        String knownPage = mvc.perform(get(knownVerify)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(strip(unknownPage, verify)).isEqualTo(strip(knownPage, knownVerify));
        awaitMail("jonas.berg@example.eu", "Your privacy request code");

        for (int attempt = 1; attempt <= 4; attempt++) {
            mvc.perform(post(verify).with(csrf()).with(from(network)).param("code", String.format("%06d", attempt)))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().string(containsString(attempt == 4 ? "You can try once more" : "You can try " + (5 - attempt) + " more times")));
        }
        mvc.perform(post(verify).with(csrf()).with(from(network)).param("code", "000005")).andExpect(status().isNotFound());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, known)).as("nothing made for the known subject by the unknown address's tries").isEqualTo(1);
    }

    @Test
    void fiveWrongCodesUseTheSendingUpAndTheRightOneThenOpensNothing() throws Exception {
        String subject = registered("UK", "Amelia Shaw", "amelia.shaw@example.co.uk");
        String verify = ask("UK", "erasure", "SUBJECT", "amelia.shaw@example.co.uk", "en-GB");
        String code = code(text(awaitMail("amelia.shaw@example.co.uk", "Your privacy request code")));
        String wrong = code.equals("123456") ? "654321" : "123456";
        for (int attempt = 1; attempt <= 4; attempt++) {
            mvc.perform(post(verify).with(csrf()).with(from(network)).param("code", wrong)).andExpect(status().isBadRequest());
        }
        mvc.perform(post(verify).with(csrf()).with(from(network)).param("code", wrong)).andExpect(status().isNotFound());
        mvc.perform(post(verify).with(csrf()).with(from(network)).param("code", code)).andExpect(status().isNotFound());
        assertThat(eventTypes(subject)).doesNotContain("PrivacyRequestSubmittedEvent");
    }

    @Test
    void anAddressIsSentAFewCodesAnHourKnownOrNot() throws Exception {
        String unknown = "limited-" + System.nanoTime() + "@example.jp";
        for (int asked = 1; asked <= 3; asked++) {
            ask("JP", "disclosure", "SUBJECT", unknown, "ja");
        }
        mvc.perform(post("/privacy-center/requests").with(csrf()).with(from("203.0.113.7"))
                        .param("law", "JP").param("type", "disclosure").param("requester", "SUBJECT").param("email", unknown))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().string("Retry-After", "3600"));
    }

    @Test
    void aFormWithMistakesSaysWhereAndWritesNothing() throws Exception {
        long before = jdbc.queryForObject("SELECT count(*) FROM privacy_center_challenge", Long.class);
        mvc.perform(post("/privacy-center/requests").with(csrf()).header("Accept-Language", "en")
                        .param("law", "US-CA").param("type", "erasure").param("requester", "AUTHORISED_AGENT").param("email", "not an address"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("Choose a right your law gives.")))
                .andExpect(content().string(containsString("Enter an e-mail address")))
                .andExpect(content().string(containsString("Confirm your authority")));
        mvc.perform(post("/privacy-center/requests").param("law", "US-CA").param("type", "deletion")
                        .param("requester", "SUBJECT").param("email", "someone@example.com"))
                .andExpect(status().isForbidden());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM privacy_center_challenge", Long.class)).isEqualTo(before);
        mvc.perform(get("/privacy-center/status/not-a-link")).andExpect(status().isNotFound());
        mvc.perform(get("/privacy-center/verify/not-a-challenge")).andExpect(status().isNotFound());
    }

    @Test
    void thePagesSpeakTheVisitorsLanguageAndTheCodeMailToo() throws Exception {
        mvc.perform(get("/privacy-center?law=TW").header("Accept-Language", "zh-TW,zh;q=0.9"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("lang=\"zh-TW\"")))
                .andExpect(content().string(containsString("您的隱私權利")))
                .andExpect(content().string(containsString("請求製給複製本")));
        mvc.perform(get("/privacy-center?law=JP&lang=ja"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("lang=\"ja\"")))
                .andExpect(content().string(containsString("第三者提供の記録の開示")));
        registered("JP", "Kenji Mori", "kenji.mori@example.jp");
        ask("JP", "disclosure", "SUBJECT", "kenji.mori@example.jp", "ja");
        MimeMessage mail = awaitMail("kenji.mori@example.jp", "確認コード");
        assertThat(text(mail)).contains("確認コードは").contains("Example Co. 個人情報保護担当");
    }

    @Test
    void theSameCodeSentTwiceAtOnceMakesOneRequestAndOpensTheSamePage() throws Exception {
        String subject = registered("EU", "Noor Visser", "noor.visser@example.eu");
        String verify = ask("EU", "portability", "SUBJECT", "noor.visser@example.eu", "en");
        String code = code(text(awaitMail("noor.visser@example.eu", "Your privacy request code")));
        java.util.concurrent.ExecutorService both = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.Callable<String> send = () -> mvc.perform(post(verify).with(csrf()).with(from(network)).param("code", code))
                    .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
            List<java.util.concurrent.Future<String>> answers = both.invokeAll(List.of(send, send));
            assertThat(answers.get(0).get()).isEqualTo(answers.get(1).get()).startsWith("/privacy-center/status/");
        } finally {
            both.shutdownNow();
        }
        assertThat(eventTypes(subject).stream().filter("PrivacyRequestSubmittedEvent"::equals)).hasSize(1);
        assertThat(eventTypes(subject).stream().filter("IdentityVerifiedEvent"::equals)).hasSize(1);
    }

    @Test
    void anOptOutNeedsNoCodeAndIsAnsweredTheSameForAnyAddress() throws Exception {
        String subject = registered("US-CA", "Maya Chen", "maya.chen@example.com");
        for (String address : new String[]{"maya.chen@example.com", "nobody-" + System.nanoTime() + "@example.com"}) {
            mvc.perform(post("/privacy-center/requests").with(csrf()).with(from(network)).header("Accept-Language", "en")
                            .param("law", "US-CA").param("type", "opt-out-of-sale-sharing").param("requester", "SUBJECT")
                            .param("email", address))
                    .andExpect(status().isOk())
                    .andExpect(content().string(containsString("If an account under the law you chose uses the address you gave")));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> eventTypes(subject).contains("OptedOutOfSaleSharingEvent"));
        assertThat(received("maya.chen@example.com")).as("no code is sent for an opt-out").isEmpty();
    }

    @Test
    void anAccountUnderAnotherLawIsNotTheOneAsked() throws Exception {
        registered("JP", "Sora Ito", "sora.ito@example.jp");
        String european = ask("EU", "access", "SUBJECT", "sora.ito@example.jp", "en");
        // asked after the European one, its code arrives after the European lookup has begun
        String japanese = ask("JP", "disclosure", "SUBJECT", "sora.ito@example.jp", "ja");
        awaitMail("sora.ito@example.jp", "確認コード");
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> received("sora.ito@example.jp").size() == 1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM privacy_center_challenge WHERE challenge_id = CAST(? AS UUID) "
                + "AND subject_id IS NULL", Long.class, european.substring(european.lastIndexOf('/') + 1))).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM privacy_center_challenge WHERE challenge_id = CAST(? AS UUID) "
                + "AND subject_id IS NOT NULL", Long.class, japanese.substring(japanese.lastIndexOf('/') + 1))).isEqualTo(1);
    }

    // --- helpers ---

    /** Registers a subject and waits until its summary (where the privacy center finds addresses) has it. */
    private String registered(String law, String name, String email) throws Exception {
        String subject = Subjects.register(mvc, law, name, email);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> mvc.perform(get("/api/subjects/" + subject)
                .with(signedIn("staff", "lethe-staff"))).andExpect(status().isOk()));
        return subject;
    }

    /** Fills in the form as a visitor from {@code language}, and answers where the code is to be entered. */
    private String ask(String law, String type, String requester, String email, String language) throws Exception {
        MvcResult asked = mvc.perform(post("/privacy-center/requests").with(csrf()).with(from(network)).header("Accept-Language", language)
                        .param("law", law).param("type", type).param("requester", requester).param("email", email)
                        .param("authorityConfirmed", "true"))
                .andExpect(status().is3xxRedirection()).andReturn();
        String location = asked.getResponse().getRedirectedUrl();
        assertThat(location).matches("/privacy-center/verify/[0-9a-f-]{36}").doesNotContain("@");
        return location;
    }

    /** Enters the {@code nth} code {@code address} received on the page {@code verify}; answers the status page. */
    private String made(String verify, String address, int nth) throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> received(address).stream()
                .filter(mail -> subjectOf(mail).contains("Your privacy request code")).count() >= nth);
        MimeMessage mail = received(address).stream().filter(message -> subjectOf(message).contains("Your privacy request code"))
                .toList().get(nth - 1);
        String location = mvc.perform(post(verify).with(csrf()).with(from(network)).param("code", code(text(mail))))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        return location.replace("?made", "");
    }

    private void fulfil(String subject) throws Exception {
        String request = jdbc.queryForObject("SELECT CAST(c.request_id AS VARCHAR) FROM privacy_center_challenge c "
                + "WHERE c.subject_id = CAST(? AS UUID) AND c.request_type = 'portability'", String.class, subject);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> mvc.perform(post("/api/subjects/" + subject
                        + "/privacy-requests/" + request + "/fulfilment").with(signedIn("staff", "lethe-staff"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"responseReference\":\"portal-package\"}"))
                .andExpect(status().isNoContent()));
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }

    private static String code(String text) {
        Matcher matcher = CODE.matcher(text);
        assertThat(matcher.find()).as("a six-digit code in the mail").isTrue();
        return matcher.group(1);
    }

    private static String strip(String page, String path) {
        return page.replace(path, "").replaceAll("value=\"[^\"]*\"", "");
    }

    private List<String> eventTypes(String subject) {
        return jdbc.queryForList("SELECT payload_type FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number",
                String.class, subject).stream().map(type -> type.substring(type.lastIndexOf('.') + 1)).toList();
    }
}
