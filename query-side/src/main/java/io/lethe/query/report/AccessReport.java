package io.lethe.query.report;

import io.lethe.core.consent.ConsentType;
import io.lethe.core.consent.SensitiveCategory;
import io.lethe.core.jurisdiction.Jurisdiction;
import io.lethe.core.personaldata.DataCategory;
import io.lethe.core.personaldata.RetentionClass;
import io.lethe.core.provision.RecipientCategory;
import io.lethe.core.request.RequestType;
import io.lethe.core.subject.SubjectStatus;
import io.lethe.core.validation.Lengths;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.annotation.Nullable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What the company holds about one subject, as of a moment: the answer to a CCPA right-to-know, an
 * APPI disclosure or a GDPR Art. 15 access request. Its lists that grow with the account's life are
 * answered a page at a time ({@link DocumentPages}): {@code pages} says how many there are, and reading
 * them all gives the whole report.
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
 * @param page            which page this is, from 0
 * @param pages           how many pages the report's longest list fills
 */
public record AccessReport(
        @Schema(format = "uuid") String subjectId,
        @Schema(implementation = Jurisdiction.class) String jurisdiction,
        Instant asOf,
        @Nullable Instant collectedSince,
        @Schema(maxLength = BASIS_LENGTH) String basis,
        // null in a report as of a moment before the registration
        @Nullable @Schema(implementation = SubjectStatus.class) String accountStatus,
        @ArraySchema(schema = @Schema(implementation = RetentionClass.class), uniqueItems = true) List<String> erasedClasses,
        // each usage period the rolling retention erased, once: a page of them
        @ArraySchema(schema = @Schema(format = "date-time"), uniqueItems = true, maxItems = DocumentPages.SIZE) List<String> usagePeriodsErased,
        // one per category present: DataCategory's 6 at most
        @ArraySchema(maxItems = 6) List<Category> categories,
        // the subject, its logins' providers, the organisations it came from, who drew inferences: a page of them
        @ArraySchema(schema = @Schema(maxLength = SOURCE_LENGTH), uniqueItems = true, maxItems = DocumentPages.SIZE) List<String> sources,
        // the purposes' descriptions, each once: Purpose's 16 at most
        @ArraySchema(schema = @Schema(maxLength = PURPOSE_LENGTH), uniqueItems = true, maxItems = 16) List<String> purposes,
        @ArraySchema(maxItems = DocumentPages.SIZE) List<Disclosure> thirdParties,
        @ArraySchema(maxItems = DocumentPages.SIZE) List<Receipt> receivedFrom,
        @ArraySchema(schema = @Schema(implementation = ConsentType.class), uniqueItems = true) List<String> consents,
        boolean optedOutOfSaleSharing,
        @ArraySchema(schema = @Schema(implementation = RequestType.class), uniqueItems = true) List<String> limitsInForce,
        @ArraySchema(maxItems = DocumentPages.SIZE) List<Sensitive> sensitiveInformation,
        // one per retention class: RetentionClass's 4
        @ArraySchema(maxItems = 4) List<Retention> retention,
        // the request types granted, and for EU and UK the complaint to the authority: RequestType's 20 and one
        @ArraySchema(schema = @Schema(maxLength = RIGHT_LENGTH), uniqueItems = true, maxItems = 21) List<String> rights,
        int eventsConsidered,
        @Schema(minimum = "0") int page,
        @Schema(minimum = "1") int pages) {

    /** The longest {@code basis} (AccessReports#basis): the APPI one, 73 characters; US-CA's with its instant, at most 89. */
    static final int BASIS_LENGTH = 128;
    /**
     * The longest source of a piece (AccessReports.Fold): {@code "third party: "} and the organisation's
     * name; the others — a login's provider, an inference's author, a correction's request id — are shorter.
     */
    static final int SOURCE_LENGTH = 13 + Lengths.ORGANISATION;
    /** The longest description of a purpose (Purpose#description): 86 characters. */
    static final int PURPOSE_LENGTH = 128;
    /**
     * A request type's code, or {@code complaint-to-supervisory-authority} (34 characters): the request
     * log keeps a type's code in 40 ({@code privacy_request.type}).
     */
    static final int RIGHT_LENGTH = 40;
    /** The longest label of a category (DataCategory#label): 57 characters. */
    static final int LABEL_LENGTH = 128;
    /** The link to every piece of network activity: {@code /api/subjects/<uuid>/access-report/activity}, 73 characters. */
    static final int LINK_LENGTH = 128;
    /**
     * The longest name of a piece: a purchase's ({@code purchase <uuid>.amount}, 52 characters); a login's
     * ({@code <provider>.profilePhoto}) and a communication's or an inference's (kind or word, and a UUID)
     * are shorter.
     */
    static final int FIELD_LENGTH = 64;
    /** {@code consent}, or the name of a SensitiveDataException (the longest: 24 characters). */
    static final int SENSITIVE_BASIS_LENGTH = 32;
    /** The longest criteria (AccessReports#criteria): Taiwan's, 288 characters. */
    static final int CRITERIA_LENGTH = 512;

    /**
     * One CCPA category with the specific pieces of it collected in the window. {@code piecesTotal}
     * counts them all; where a category has more than a report lists (network activity: the 500
     * most recent), {@code allPieces} is where every piece is served.
     */
    public record Category(@Schema(implementation = DataCategory.class) String category,
                           @Schema(maxLength = LABEL_LENGTH) String name,
                           @Schema(implementation = RetentionClass.class) String retentionClass,
                           // a page of the category's pieces in the window (network activity: the 500 most recent first)
                           @ArraySchema(maxItems = DocumentPages.SIZE) List<Piece> pieces, int piecesTotal,
                           @Nullable @Schema(maxLength = LINK_LENGTH) String allPieces) {
    }

    /** A specific piece of personal information, with when and from where it was collected. */
    public record Piece(@Schema(maxLength = FIELD_LENGTH) String field, Object value, Instant collectedAt,
                        @Nullable @Schema(maxLength = SOURCE_LENGTH) String source) {
    }

    public record Disclosure(@Schema(maxLength = Lengths.ORGANISATION) String organisation,
                             @Schema(maxLength = Lengths.COUNTRY) String country,
                             @Schema(implementation = RecipientCategory.class) String recipientCategory,
                             @ArraySchema(schema = @Schema(implementation = DataCategory.class), uniqueItems = true) List<String> categories,
                             boolean saleOrSharing, boolean foreign, LocalDate providedOn, LocalDate keptUntil) {
    }

    public record Receipt(@Schema(maxLength = Lengths.ORGANISATION) String organisation,
                          @Schema(maxLength = Lengths.COUNTRY) String country,
                          @Schema(maxLength = Lengths.DESCRIPTION) String backgroundOfAcquisition,
                          @ArraySchema(schema = @Schema(implementation = DataCategory.class), uniqueItems = true) List<String> categories,
                          LocalDate receivedOn, LocalDate keptUntil) {
    }

    public record Sensitive(@Schema(implementation = SensitiveCategory.class) String category, Object content,
                            @Schema(maxLength = SENSITIVE_BASIS_LENGTH) String basis, Instant collectedAt) {
    }

    public record Retention(@Schema(implementation = RetentionClass.class) String retentionClass,
                            @ArraySchema(schema = @Schema(implementation = DataCategory.class), uniqueItems = true) List<String> categories,
                            @Schema(maxLength = CRITERIA_LENGTH) String criteria) {
    }
}
