package io.lethe.query.report;

import io.lethe.core.consent.OptedOutOfSaleSharingEvent;
import io.lethe.core.jurisdiction.Jurisdiction;
import io.lethe.core.personaldata.DataCategory;
import io.lethe.core.personaldata.Redaction;
import io.lethe.core.personaldata.RetentionClass;
import io.lethe.core.provision.RecipientCategory;
import io.lethe.core.provision.ThirdParty;
import io.lethe.core.provision.ThirdPartyProvisionRecordedEvent;
import io.lethe.core.request.RequestChannel;
import io.lethe.core.request.RequestRules;
import io.lethe.core.subject.AccountRegisteredEvent;
import io.lethe.core.subject.CardHint;
import io.lethe.core.subject.Money;
import io.lethe.core.subject.PersonalDataShreddedEvent;
import io.lethe.core.subject.PurchaseId;
import io.lethe.core.subject.PurchaseRecordedEvent;
import io.lethe.core.subject.ShreddingReason;
import io.lethe.core.subject.SocialLoginLinkedEvent;
import io.lethe.core.subject.SubjectId;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The access report as a projection of the subject's events: the lookback window and the past. */
class AccessReportsTest {

    private static final SubjectId SUBJECT = SubjectId.of("5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d");
    private static final RequestRules RULES = new RequestRules();
    private static final Instant REGISTERED = Instant.parse("2025-06-01T10:00:00Z");
    private static final Instant LINKED = Instant.parse("2025-12-01T10:00:00Z");
    private static final Instant PURCHASED = Instant.parse("2026-10-01T10:00:00Z");
    private static final Instant REPORT = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    @DisplayName("RULES.md rule 9: a CCPA report covers R-12 months to R by category, source, purpose, third party")
    void aCaliforniaReportCoversTheTwelveMonthsBeforeItsDateOnly() {
        AccessReport report = AccessReports.build(SUBJECT.toString(), history(Jurisdiction.US_CA), REPORT, null, RULES);

        assertThat(report.collectedSince()).isEqualTo(Instant.parse("2025-11-25T10:00:00Z"));
        assertThat(fields(report)).contains("google.username", "purchase " + ORDER + ".item")
                .doesNotContain("name", "email");
        assertThat(report.categories()).extracting(AccessReport.Category::category).containsExactly("A", "B", "C", "D");
        assertThat(report.sources()).containsExactly("the subject, by linking a google login",
                "the subject's use of the Service (purchases)");
        assertThat(report.thirdParties()).extracting(AccessReport.Disclosure::organisation).containsExactly("Adnet Inc.");
        assertThat(report.purposes()).contains("To provide the Service");
        assertThat(report.rights()).contains("know-specific-pieces", "opt-out-of-sale-sharing");
        assertThat(report.optedOutOfSaleSharing()).isTrue();
    }

    @Test
    void aConsumerMayAskBeyondTheTwelveMonths() {
        AccessReport report = AccessReports.build(SUBJECT.toString(), history(Jurisdiction.US_CA), REPORT,
                LocalDate.of(2022, 1, 1), RULES);
        assertThat(fields(report)).contains("name", "email", "google.username");
    }

    @Test
    void aReportAsOfAPastDateSeesOnlyWhatWasRecordedThen() {
        Instant past = Instant.parse("2026-01-15T00:00:00Z");
        AccessReport report = AccessReports.build(SUBJECT.toString(), history(Jurisdiction.US_CA), past, null, RULES);

        assertThat(report.asOf()).isEqualTo(past);
        assertThat(fields(report)).contains("name", "email", "google.username")
                .noneMatch(field -> field.startsWith("purchase"));
        assertThat(report.optedOutOfSaleSharing()).isFalse();
        assertThat(report.thirdParties()).isEmpty();
        assertThat(report.eventsConsidered()).isEqualTo(2);
    }

    @Test
    void japanDisclosesEverythingRetainedWithTheProvisionRecords() {
        AccessReport report = AccessReports.build(SUBJECT.toString(), history(Jurisdiction.JP), REPORT, null, RULES);
        assertThat(report.collectedSince()).isNull();
        assertThat(fields(report)).contains("name", "email", "google.username", "purchase " + ORDER + ".card");
        assertThat(report.thirdParties()).hasSize(1);
        assertThat(report.basis()).startsWith("APPI Art. 33");
    }

    @Test
    void erasedDataReadsAsErasedAndNothingMore() {
        List<Recorded> events = new java.util.ArrayList<>(history(Jurisdiction.EU));
        events.set(0, new Recorded(REGISTERED, new AccountRegisteredEvent(SUBJECT, Jurisdiction.EU, Redaction.ERASED, null,
                Redaction.ERASED, Redaction.ERASED, null, null)));
        events.add(new Recorded(REPORT.minusSeconds(60), new PersonalDataShreddedEvent(SUBJECT, RetentionClass.PROFILE,
                ShreddingReason.ERASURE_REQUEST, "request:1")));
        AccessReport report = AccessReports.build(SUBJECT.toString(), events, REPORT, null, RULES);

        AccessReport.Category identifiers = report.categories().get(0);
        assertThat(identifiers.pieces()).filteredOn(piece -> piece.field().equals("dateOfBirth"))
                .extracting(AccessReport.Piece::value).containsExactly(Redaction.ERASED);
        assertThat(report.erasedClasses()).containsExactly("PROFILE");
        assertThat(report.rights()).contains("erasure", "complaint-to-supervisory-authority");
    }

    private static final PurchaseId ORDER = PurchaseId.of("0f1e2d3c-4b5a-4697-8877-665544332211");

    private static List<Recorded> history(Jurisdiction jurisdiction) {
        return List.of(
                new Recorded(REGISTERED, new AccountRegisteredEvent(SUBJECT, jurisdiction, "Casey Rivera",
                        LocalDate.of(1988, 7, 14), null, "casey@example.com", null, null)),
                new Recorded(LINKED, new SocialLoginLinkedEvent(SUBJECT, "google", "g-77", "casey.r", null, null)),
                new Recorded(PURCHASED, new PurchaseRecordedEvent(SUBJECT, ORDER, "Event ticket", new Money("USD", 1999),
                        new CardHint("08/28", "4444"))),
                new Recorded(PURCHASED.plusSeconds(60), new ThirdPartyProvisionRecordedEvent(SUBJECT, "ads-1",
                        new ThirdParty("Adnet Inc.", null, "US", RecipientCategory.ADVERTISING_PARTNER, false),
                        Set.of(DataCategory.D_NETWORK_ACTIVITY), true, true, LocalDate.of(2026, 10, 1),
                        LocalDate.of(2029, 10, 1), null)),
                new Recorded(PURCHASED.plusSeconds(120), new OptedOutOfSaleSharingEvent(SUBJECT,
                        RequestChannel.GLOBAL_PRIVACY_CONTROL)));
    }

    private static List<String> fields(AccessReport report) {
        return report.categories().stream().flatMap(category -> category.pieces().stream())
                .map(AccessReport.Piece::field).toList();
    }
}
