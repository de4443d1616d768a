package io.lethe.query.report;

import io.lethe.core.jurisdiction.Jurisdiction;
import io.lethe.core.personaldata.DataCategory;
import io.lethe.core.provision.RecipientCategory;
import io.lethe.core.provision.ThirdParty;
import io.lethe.core.provision.ThirdPartyProvisionRecordedEvent;
import io.lethe.core.request.RequestRules;
import io.lethe.core.subject.AccountRegisteredEvent;
import io.lethe.core.subject.CardHint;
import io.lethe.core.subject.Money;
import io.lethe.core.subject.PurchaseId;
import io.lethe.core.subject.PurchaseRecordedEvent;
import io.lethe.core.subject.SubjectId;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A long life's documents come a page at a time, every item on exactly one page. */
class DocumentPagesTest {

    private static final SubjectId SUBJECT = SubjectId.of("6b5c4d3e-2f10-4a9b-8c7d-6e5f4a3b2c1d");
    private static final Instant REGISTERED = Instant.parse("2020-01-01T00:00:00Z");
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void slicesAndCountsPages() {
        List<Integer> items = new ArrayList<>();
        for (int i = 0; i < 2 * DocumentPages.SIZE + 1; i++) {
            items.add(i);
        }
        assertThat(DocumentPages.pages(items, List.of())).isEqualTo(3);
        assertThat(DocumentPages.pages(List.of(), List.of())).isEqualTo(1);
        assertThat(DocumentPages.slice(items, 0)).hasSize(DocumentPages.SIZE).startsWith(0);
        assertThat(DocumentPages.slice(items, 2)).containsExactly(2 * DocumentPages.SIZE);
        assertThat(DocumentPages.slice(items, 3)).isEmpty();
        assertThat(DocumentPages.slice(items, Integer.MAX_VALUE)).isEmpty();
    }

    @Test
    @DisplayName("A portability export of 2,500 purchases: three pages of at most 1,000, each purchase once, in order")
    void aLongExportIsPaged() {
        List<Recorded> events = life(2500);
        List<String> seen = new ArrayList<>();
        PortabilityExport first = PortabilityExport.of(SUBJECT.toString(), events, NOW);
        assertThat(first.page()).isZero();
        assertThat(first.pages()).isEqualTo(3);
        for (int page = 0; page < first.pages(); page++) {
            PortabilityExport export = PortabilityExport.of(SUBJECT.toString(), events, NOW, page);
            assertThat(export.purchases()).hasSizeLessThanOrEqualTo(DocumentPages.SIZE);
            assertThat(export.account()).isEqualTo(first.account());
            export.purchases().forEach(purchase -> seen.add(purchase.item()));
        }
        assertThat(seen).hasSize(2500).doesNotHaveDuplicates();
        assertThat(seen.get(0)).isEqualTo("item 0");
        assertThat(seen.get(2499)).isEqualTo("item 2499");
        assertThat(PortabilityExport.of(SUBJECT.toString(), events, NOW, 3).purchases()).isEmpty();
    }

    @Test
    @DisplayName("An access report with 1,200 disclosures and 1,500 purchases: every disclosure and piece on exactly one page")
    void aLongReportIsPaged() {
        List<Recorded> events = new ArrayList<>(life(1500));
        for (int i = 0; i < 1200; i++) {
            events.add(new Recorded(REGISTERED.plusSeconds(100_000 + i), new ThirdPartyProvisionRecordedEvent(SUBJECT,
                    "p-" + i, new ThirdParty("Partner " + i, null, "JP", RecipientCategory.ADVERTISING_PARTNER, false),
                    Set.of(DataCategory.D_NETWORK_ACTIVITY), false, false, LocalDate.of(2026, 10, 1),
                    LocalDate.of(2029, 10, 1), null)));
        }
        events.sort(java.util.Comparator.comparing(Recorded::at));
        AccessReport first = AccessReports.build(SUBJECT.toString(), events, NOW, null, new RequestRules(), 0);
        int commercialTotal = first.categories().stream().filter(category -> category.category().equals("C"))
                .findFirst().orElseThrow().piecesTotal();
        // each purchase is several pieces (item, amount, card): the commercial category is the longest list
        assertThat(first.pages()).isEqualTo((commercialTotal + DocumentPages.SIZE - 1) / DocumentPages.SIZE).isGreaterThan(2);
        List<AccessReport.Disclosure> disclosures = new ArrayList<>();
        List<AccessReport.Piece> commercial = new ArrayList<>();
        for (int page = 0; page < first.pages(); page++) {
            AccessReport report = AccessReports.build(SUBJECT.toString(), events, NOW, null, new RequestRules(), page);
            assertThat(report.page()).isEqualTo(page);
            assertThat(report.pages()).isEqualTo(first.pages());
            assertThat(report.thirdParties()).hasSizeLessThanOrEqualTo(DocumentPages.SIZE);
            disclosures.addAll(report.thirdParties());
            report.categories().stream().filter(category -> category.category().equals("C")).forEach(category -> {
                assertThat(category.pieces()).hasSizeLessThanOrEqualTo(DocumentPages.SIZE);
                assertThat(category.piecesTotal()).isEqualTo(commercialTotal);
                commercial.addAll(category.pieces());
            });
        }
        assertThat(disclosures).hasSize(1200).extracting(AccessReport.Disclosure::organisation).doesNotHaveDuplicates();
        assertThat(first.thirdParties()).hasSize(DocumentPages.SIZE);
        assertThat(commercial).hasSize(commercialTotal).doesNotHaveDuplicates();
    }

    /** A Japanese account with this many purchases, a minute apart. */
    private static List<Recorded> life(int purchases) {
        List<Recorded> events = new ArrayList<>();
        events.add(new Recorded(REGISTERED, new AccountRegisteredEvent(SUBJECT, Jurisdiction.JP, "Aoi Sato",
                LocalDate.of(1990, 1, 1), null, "aoi@example.jp", null, null)));
        for (int i = 0; i < purchases; i++) {
            events.add(new Recorded(REGISTERED.plusSeconds(60L * (i + 1)), new PurchaseRecordedEvent(SUBJECT,
                    PurchaseId.of(UUID.nameUUIDFromBytes(("p" + i).getBytes()).toString()), "item " + i,
                    new Money("JPY", 100 + i), new CardHint("08/28", "4444"))));
        }
        return events;
    }
}
