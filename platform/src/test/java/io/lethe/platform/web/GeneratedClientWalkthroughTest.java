package io.lethe.platform.web;

import io.lethe.client.ApiClient;
import io.lethe.client.ApiException;
import io.lethe.client.api.AccessReportsApi;
import io.lethe.client.api.ActivityCommunicationsInferencesApi;
import io.lethe.client.api.AuditApi;
import io.lethe.client.api.DataSubjectRequestsApi;
import io.lethe.client.api.SubjectCommandsApi;
import io.lethe.client.api.SubjectQueriesApi;
import io.lethe.client.model.AccessReport;
import io.lethe.client.model.ActivityKind;
import io.lethe.client.model.ActivityBatch;
import io.lethe.client.model.ActivityPiece;
import io.lethe.client.model.ActivityRecorded;
import io.lethe.client.model.CardHint;
import io.lethe.client.model.DataCategory;
import io.lethe.client.model.FulfilmentRequest;
import io.lethe.client.model.HistoryEntry;
import io.lethe.client.model.IdentityMethod;
import io.lethe.client.model.IdentityRequest;
import io.lethe.client.model.Jurisdiction;
import io.lethe.client.model.LinkSocialLoginRequest;
import io.lethe.client.model.Money;
import io.lethe.client.model.RecordPurchaseRequest;
import io.lethe.client.model.RegisterAccountRequest;
import io.lethe.client.model.RequestAccepted;
import io.lethe.client.model.RequestChannel;
import io.lethe.client.model.RequestType;
import io.lethe.client.model.Requester;
import io.lethe.client.model.RetentionClass;
import io.lethe.client.model.ShredRequest;
import io.lethe.client.model.ShreddingReason;
import io.lethe.client.model.SubjectStatus;
import io.lethe.client.model.SubjectView;
import io.lethe.client.model.SubmitRequest;
import io.lethe.client.model.TerminateAccountRequest;
import io.lethe.client.model.TerminationReason;
import io.lethe.platform.PlatformTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A client generated at build time from the committed description ({@code docs/openapi.json}, see
 * the platform's pom) runs the README's walk-through against the platform on a real port, as a
 * product team's would: whatever the description gets wrong about paths, bodies, ids, enums or
 * statuses, the generated code gets wrong too and this test fails.
 */
@PlatformTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GeneratedClientWalkthroughTest {

    @LocalServerPort
    int port;

    private ApiClient as(String user, String password) {
        ApiClient client = new ApiClient();
        client.updateBaseUri("http://localhost:" + port);
        // the README's way: the name and password buy a token at /oauth2/token, and the token goes with each call
        client.setRequestInterceptor(request -> request.header("Authorization",
                io.lethe.platform.Callers.bearer("http://localhost:" + port, user, password)));
        return client;
    }

    @Test
    void theReadmesWalkThroughRunsOnAGeneratedClient() throws Exception {
        ApiClient service = as("service", "lethe-service");
        ApiClient staff = as("staff", "lethe-staff");
        ApiClient auditor = as("auditor", "lethe-auditor");
        SubjectCommandsApi commands = new SubjectCommandsApi(service);

        // a product service registers an account, links a social login and records a purchase
        UUID subject = commands.register(new RegisterAccountRequest()
                .jurisdiction(Jurisdiction.US_CA).name("Casey Rivera")
                .dateOfBirth(LocalDate.of(1988, 7, 14)).postalAddress("500 Castro St, Mountain View")
                .email("casey@example.com").bankAccountNumber("DE89370400440532013000"), null, null).getSubjectId();
        assertThat(commands.linkSocialLogin(subject, new LinkSocialLoginRequest().provider("google").externalId("g-1029")
                .username("casey.r"), null, null).getProvider()).isEqualTo("google");
        assertThat(commands.recordPurchase(subject, new RecordPurchaseRequest().item("Event ticket")
                .amount(new Money().currency("USD").minorUnits(1999L)).card(new CardHint().expiry("08/28").lastFour("4444")),
                null, null).getPurchaseId()).isNotNull();

        // a full card number is refused with the documented problem type, and the generated client says so
        assertThatThrownBy(() -> commands.recordPurchase(subject, new RecordPurchaseRequest().item("Event ticket")
                .amount(new Money().currency("USD").minorUnits(1999L))
                .card(new CardHint().expiry("08/28").lastFour("4111 1111 1111 1111")), null, null))
                .isInstanceOfSatisfying(ApiException.class, refused -> {
                    assertThat(refused.getCode()).isEqualTo(422);
                    assertThat(JsonMapper.builder().build().readTree(refused.getResponseBody()).get("type").asString())
                            .isEqualTo("urn:problem-type:lethe:card-number-refused");
                });

        // activity, in a batch
        ActivityRecorded activity = new ActivityCommunicationsInferencesApi(service).recordActivity(new ActivityBatch()
                .activities(List.of(new ActivityPiece().subjectId(subject).occurredAt(OffsetDateTime.now(ZoneOffset.UTC))
                        .kind(ActivityKind.ADVERTISEMENT).action("clicked").target("ad-summer-sale")
                        .region("US-CA"))), null);
        assertThat(activity.getRecorded()).isEqualTo(1);
        assertThat(activity.getRefused()).isEmpty();

        // the subject asks what is held about them; staff verify, read the report and fulfil
        RequestAccepted request = new DataSubjectRequestsApi(service).submit(subject, new SubmitRequest()
                .type(RequestType.KNOW_SPECIFIC_PIECES).requester(Requester.SUBJECT)
                .channel(RequestChannel.WEB_FORM), null, null);
        DataSubjectRequestsApi requests = new DataSubjectRequestsApi(staff);
        requests.verifyIdentity(subject, request.getRequestId(),
                new IdentityRequest().method(IdentityMethod.AUTHENTICATED_SESSION), null);
        AccessReport report = new AccessReportsApi(staff).getAccessReport(subject, null, null, null, null, null);
        assertThat(report.getPages()).isEqualTo(1);
        assertThat(report.getCategories()).extracting(category -> category.getCategory())
                .contains(DataCategory.A, DataCategory.B, DataCategory.C, DataCategory.D);
        requests.addNote(subject, request.getRequestId(), new io.lethe.client.model.NoteRequest()
                .text("Answered through the portal, as the subject asked."), null);
        requests.fulfil(subject, request.getRequestId(), new FulfilmentRequest().responseReference("portal-1"), null);
        // the request's trail: its steps, who took them, and the note
        assertThat(new AuditApi(staff).getSubjectHistory(subject, 0, 100, null, null, null, request.getRequestId(), null, null))
                .extracting(HistoryEntry::getType).containsExactly("PrivacyRequestSubmittedEvent", "IdentityVerifiedEvent",
                        "RequestNoteAddedEvent", "RequestFulfilledEvent");

        // the account is terminated with the subject's Global Privacy Control signal, then erased by staff
        commands.terminate(subject, new TerminateAccountRequest().reason(TerminationReason.SUBJECT_REQUEST),
                "1", null);
        io.lethe.client.ApiResponse<?> shredding = new SubjectCommandsApi(staff).shredWithHttpInfo(subject, new ShredRequest()
                .retentionClasses(Set.of(RetentionClass.PROFILE, RetentionClass.COMMUNICATIONS,
                        RetentionClass.USAGE))
                .reason(ShreddingReason.ERASURE_REQUEST).reference("req-2026-0042"), null);
        // the shredding's position: the summary read with it shows the erasure at once, no polling
        String position = shredding.getHeaders().get("lethe-position").get(0);
        SubjectView summary = new SubjectQueriesApi(staff).getSubject(subject, position, "wait=10");
        assertThat(summary.getName()).isEqualTo("[erased]");
        assertThat(summary.getTerminatedAt()).isNotNull();
        assertThat(summary.getStatus()).isEqualTo(SubjectStatus.TERMINATED);

        // auditors read the history: who did what, the erased fields as their redaction value
        List<HistoryEntry> history = new AuditApi(auditor).getSubjectHistory(subject, 0, 1000, null, null, null, null, null, null);
        assertThat(history).extracting(HistoryEntry::getType)
                .contains("AccountRegisteredEvent", "PurchaseRecordedEvent", "OptedOutOfSaleSharingEvent",
                        "AccountTerminatedEvent", "PersonalDataShreddedEvent");
        assertThat(history).extracting(HistoryEntry::getPrincipal).contains("service", "staff");
    }
}
