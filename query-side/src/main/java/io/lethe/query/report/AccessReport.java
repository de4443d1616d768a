package io.lethe.query.report;

import jakarta.annotation.Nullable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What the company holds about one subject, as of a moment: the answer to a CCPA right-to-know, an
 * APPI disclosure or a GDPR Art. 15 access request.
 *
 * @param collectedSince  the start of the lookback: pieces, sources and disclosures before it are
 *                        left out (US-CA: 12 months before {@code asOf}); null where the law asks for
 *                        all retained data (APPI, GDPR, PDPA)
 * @param usagePeriodsErased the usage periods (their start) whose activity and inferences the rolling
 *                        retention has erased during the account's life
 * @param categories      the CCPA categories (A–F) with the specific pieces collected in the window
 * @param sources         the categories of sources the pieces came from
 * @param purposes        the business purposes (policy §2) the collected categories serve
 * @param thirdParties    disclosures to third parties (APPI Art. 29 records) in the window and still kept
 * @param receivedFrom    receipts from third parties (APPI Art. 30 records) still kept
 * @param limitsInForce   fulfilled requests that limit processing from then on (restriction, objection,
 *                        cessation, limitation of sensitive use), by type code
 * @param retention       per retention class, how long it is kept (GDPR Art. 15(1)(d) criteria)
 * @param rights          the requests the subject's law grants, by type code
 */
public record AccessReport(
        String subjectId,
        String jurisdiction,
        Instant asOf,
        @Nullable Instant collectedSince,
        String basis,
        String accountStatus,
        List<String> erasedClasses,
        List<String> usagePeriodsErased,
        List<Category> categories,
        List<String> sources,
        List<String> purposes,
        List<Disclosure> thirdParties,
        List<Receipt> receivedFrom,
        List<String> consents,
        boolean optedOutOfSaleSharing,
        List<String> limitsInForce,
        List<Sensitive> sensitiveInformation,
        List<Retention> retention,
        List<String> rights,
        int eventsConsidered) {

    /**
     * One CCPA category with the specific pieces of it collected in the window. {@code piecesTotal}
     * counts them all; where a category has more than a report lists (network activity: the 500
     * most recent), {@code allPieces} is where every piece is served.
     */
    public record Category(String category, String name, String retentionClass, List<Piece> pieces, int piecesTotal,
                           @Nullable String allPieces) {
    }

    /** A specific piece of personal information, with when and from where it was collected. */
    public record Piece(String field, Object value, Instant collectedAt, @Nullable String source) {
    }

    public record Disclosure(String organisation, String country, String recipientCategory, List<String> categories,
                             boolean saleOrSharing, boolean foreign, LocalDate providedOn, LocalDate keptUntil) {
    }

    public record Receipt(String organisation, String country, String backgroundOfAcquisition, List<String> categories,
                          LocalDate receivedOn, LocalDate keptUntil) {
    }

    public record Sensitive(String category, Object content, String basis, Instant collectedAt) {
    }

    public record Retention(String retentionClass, List<String> categories, String criteria) {
    }
}
