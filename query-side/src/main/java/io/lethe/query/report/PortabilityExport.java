package io.lethe.query.report;

import jakarta.annotation.Nullable;
import io.lethe.core.activity.ActivityKind;
import io.lethe.core.activity.ActivityRecordedEvent;
import io.lethe.core.activity.CommunicationKind;
import io.lethe.core.activity.CommunicationRecordedEvent;
import io.lethe.core.activity.UsageActivity;
import io.lethe.core.consent.ConsentGrantedEvent;
import io.lethe.core.consent.ConsentType;
import io.lethe.core.consent.ConsentWithdrawnEvent;
import io.lethe.core.consent.SensitiveCategory;
import io.lethe.core.consent.SensitiveInformationRecordedEvent;
import io.lethe.core.jurisdiction.Jurisdiction;
import io.lethe.core.subject.AccountRegisteredEvent;
import io.lethe.core.subject.CardHint;
import io.lethe.core.subject.Money;
import io.lethe.core.subject.ProfileUpdatedEvent;
import io.lethe.core.subject.PurchaseRecordedEvent;
import io.lethe.core.subject.SocialLoginLinkedEvent;
import io.lethe.core.validation.Lengths;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The data a subject provided, in a structured, commonly used, machine-readable format (GDPR Art. 20):
 * JSON with the fixed shape below, {@code format} naming its version. What the subject provided includes
 * what the Service observed of their use of it (network activity still kept) and their communications;
 * inferences and records the company made itself are not part of it.
 */
public record PortabilityExport(
        @Schema(allowableValues = FORMAT) String format,
        @Schema(format = "uuid") String subjectId,
        Instant exportedAt,
        Account account,
        // the logins, one per provider (16 at most); everything else the subject provided over the account's
        // life, each list as long as it is: left unbounded
        @io.swagger.v3.oas.annotations.media.ArraySchema(maxItems = io.lethe.core.subject.LinkSocialLoginCommand.MAX_LINKED)
        List<SocialLogin> socialLogins,
        @ArraySchema(maxItems = DocumentPages.SIZE) List<Purchase> purchases,
        @ArraySchema(maxItems = DocumentPages.SIZE) List<SensitiveItem> sensitiveInformation,
        @ArraySchema(maxItems = DocumentPages.SIZE) List<Consent> consents,
        @ArraySchema(maxItems = DocumentPages.SIZE) List<Activity> activity,
        @ArraySchema(maxItems = DocumentPages.SIZE) List<Communication> communications,
        @Schema(minimum = "0") int page,
        @Schema(minimum = "1") int pages) {

    /**
     * Version 2 added {@code activity} and {@code communications}; version 3 pages the lists
     * ({@link DocumentPages}: {@code page}, {@code pages}); the rest is as in version 1.
     */
    public static final String FORMAT = "lethe.portability/3";

    // each text as its command took it (or the erasure marker, shorter than any of these bounds)

    public record Account(@Schema(implementation = Jurisdiction.class) String jurisdiction,
                          @Schema(maxLength = Lengths.NAME) String name, @Nullable LocalDate dateOfBirth,
                          @Nullable @Schema(maxLength = Lengths.ADDRESS) String postalAddress,
                          @Schema(maxLength = Lengths.EMAIL) String email,
                          @Nullable @Schema(maxLength = Lengths.LINK) String profilePictureRef,
                          @Nullable @Schema(maxLength = Lengths.BANK_ACCOUNT) String bankAccountNumber,
                          @Nullable @Schema(maxLength = Lengths.COUNTRY) String memberState, Instant registeredAt) {
    }

    public record SocialLogin(@Schema(maxLength = Lengths.PROVIDER) String provider,
                              @Schema(maxLength = Lengths.LOGIN_ID) String externalId,
                              @Nullable @Schema(maxLength = Lengths.LOGIN_ID) String username,
                              @Nullable @Schema(maxLength = Lengths.EMAIL) String email,
                              @Nullable @Schema(maxLength = Lengths.LINK) String profilePhotoRef,
                              Instant linkedAt) {
    }

    public record Purchase(@Schema(format = "uuid") String purchaseId, @Schema(maxLength = Lengths.DESCRIPTION) String item,
                           @Nullable Money amount, @Nullable CardHint card, Instant purchasedAt) {
    }

    public record SensitiveItem(@Schema(maxLength = Lengths.REFERENCE) String itemId,
                                @Schema(implementation = SensitiveCategory.class) String category,
                                @Schema(maxLength = Lengths.SENSITIVE_CONTENT) String content, Instant providedAt) {
    }

    public record Consent(@Schema(implementation = ConsentType.class) String type, Instant grantedAt, @Nullable Instant withdrawnAt) {
    }

    public record Activity(Instant occurredAt, @Schema(implementation = ActivityKind.class) String kind,
                           @Nullable @Schema(maxLength = Lengths.ACTION) String action,
                           @Nullable @Schema(maxLength = Lengths.TARGET) String target,
                           @Nullable @Schema(maxLength = Lengths.DETAIL) String detail,
                           @Nullable @Schema(maxLength = Lengths.REGION) String region) {
    }

    public record Communication(@Schema(format = "uuid") String communicationId,
                                @Schema(implementation = CommunicationKind.class) String kind, Instant occurredAt,
                                @Nullable @Schema(maxLength = Lengths.TARGET) String topic,
                                @Nullable @Schema(maxLength = Lengths.CONTENT) String content,
                                @Nullable @Schema(maxLength = Lengths.DETAIL) String contentReference) {
    }

    static PortabilityExport of(String subjectId, List<Recorded> events, Instant now) {
        return of(subjectId, events, now, 0);
    }

    /** The export's page {@code page} ({@link DocumentPages}): each list's items of that page. */
    static PortabilityExport of(String subjectId, List<Recorded> events, Instant now, int page) {
        Account account = null;
        List<SocialLogin> logins = new ArrayList<>();
        List<Purchase> purchases = new ArrayList<>();
        List<SensitiveItem> sensitive = new ArrayList<>();
        List<Consent> consents = new ArrayList<>();
        List<Activity> activity = new ArrayList<>();
        List<Communication> communications = new ArrayList<>();
        for (Recorded event : events) {
            Object payload = event.payload();
            if (payload instanceof AccountRegisteredEvent registered) {
                account = new Account(registered.jurisdiction().code(), registered.name(), registered.dateOfBirth(),
                        registered.postalAddress(), registered.email(), registered.profilePictureRef(),
                        registered.bankAccountNumber(), registered.memberState(), event.occurredAt());
            } else if (payload instanceof ProfileUpdatedEvent updated && account != null) {
                account = new Account(account.jurisdiction(), updated.name() == null ? account.name() : updated.name(),
                        account.dateOfBirth(),
                        updated.postalAddress() == null ? account.postalAddress() : updated.postalAddress(),
                        updated.email() == null ? account.email() : updated.email(), account.profilePictureRef(),
                        account.bankAccountNumber(), account.memberState(), account.registeredAt());
            } else if (payload instanceof SocialLoginLinkedEvent linked) {
                logins.add(new SocialLogin(linked.provider(), linked.externalId(), linked.username(), linked.email(),
                        linked.profilePhotoRef(), event.occurredAt()));
            } else if (payload instanceof PurchaseRecordedEvent purchase) {
                purchases.add(new Purchase(purchase.purchaseId().toString(), purchase.item(), purchase.amount(),
                        purchase.card(), event.occurredAt()));
            } else if (payload instanceof SensitiveInformationRecordedEvent item) {
                sensitive.add(new SensitiveItem(item.itemId(), item.category().name(), item.content(), event.occurredAt()));
            } else if (payload instanceof ActivityRecordedEvent recorded && recorded.activities() != null) {
                for (UsageActivity piece : recorded.activities()) {
                    activity.add(new Activity(piece.occurredAt(), piece.kind().name(), piece.action(), piece.target(),
                            piece.detail(), piece.region()));
                }
            } else if (payload instanceof CommunicationRecordedEvent communication) {
                communications.add(new Communication(communication.communicationId().toString(), communication.kind().name(),
                        communication.occurredAt(), communication.topic(), communication.content(),
                        communication.contentReference()));
            } else if (payload instanceof ConsentGrantedEvent granted) {
                consents.add(new Consent(granted.type().name(), event.occurredAt(), null));
            } else if (payload instanceof ConsentWithdrawnEvent withdrawn) {
                for (int i = consents.size() - 1; i >= 0; i--) {
                    Consent consent = consents.get(i);
                    if (consent.type().equals(withdrawn.type().name()) && consent.withdrawnAt() == null) {
                        consents.set(i, new Consent(consent.type(), consent.grantedAt(), event.occurredAt()));
                        break;
                    }
                }
            }
        }
        activity.sort(java.util.Comparator.comparing(Activity::occurredAt));
        return new PortabilityExport(FORMAT, subjectId, now, account, logins, DocumentPages.slice(purchases, page),
                DocumentPages.slice(sensitive, page), DocumentPages.slice(consents, page), DocumentPages.slice(activity, page),
                DocumentPages.slice(communications, page), page,
                DocumentPages.pages(purchases, sensitive, consents, activity, communications));
    }
}
