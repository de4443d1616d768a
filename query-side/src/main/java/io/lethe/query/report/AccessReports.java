package io.lethe.query.report;

import io.lethe.core.consent.ConsentGrantedEvent;
import io.lethe.core.consent.ConsentWithdrawnEvent;
import io.lethe.core.consent.OptedOutOfSaleSharingEvent;
import io.lethe.core.consent.SensitiveInformationRecordedEvent;
import io.lethe.core.activity.ActivityKind;
import io.lethe.core.activity.ActivityRecordedEvent;
import io.lethe.core.activity.CommunicationKind;
import io.lethe.core.activity.CommunicationRecordedEvent;
import io.lethe.core.activity.InferenceRecordedEvent;
import io.lethe.core.activity.UsageActivity;
import io.lethe.core.activity.UsagePeriodShreddedEvent;
import io.lethe.core.jurisdiction.Jurisdiction;
import io.lethe.core.personaldata.DataCategory;
import io.lethe.core.personaldata.Purpose;
import io.lethe.core.personaldata.Redaction;
import io.lethe.core.personaldata.RetentionClass;
import io.lethe.core.provision.ProvisionRecordsKeptLongerEvent;
import io.lethe.core.provision.ReceiptConfirmationRecordedEvent;
import io.lethe.core.provision.ThirdPartyProvisionRecordedEvent;
import io.lethe.core.request.RequestFulfilledEvent;
import io.lethe.core.request.RequestRules;
import io.lethe.core.request.RequestType;
import io.lethe.core.subject.AccountRegisteredEvent;
import io.lethe.core.subject.AccountTerminatedEvent;
import io.lethe.core.subject.PersonalDataShreddedEvent;
import io.lethe.core.subject.ProfileUpdatedEvent;
import io.lethe.core.subject.PurchaseRecordedEvent;
import io.lethe.core.subject.SocialLoginLinkedEvent;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Folds a subject's events into an access report as of a moment. A pure function of the events,
 * so the same history always gives the same report, and a report "as of" a past date sees only
 * what had been recorded by then. Values of shredded classes read as redacted: the keys are gone,
 * so no report — not even one dated before the erasure — can show them again.
 */
final class AccessReports {

    /** CCPA 1798.130(a)(2)(B): the 12 months before the request. */
    static final int LOOKBACK_MONTHS = 12;
    /** CCPA Regs §7024(h): beyond the 12 months, never before this date. */
    static final LocalDate EARLIEST_EXTENDED_LOOKBACK = LocalDate.of(2022, 1, 1);

    private AccessReports() {
    }

    static AccessReport build(String subjectId, List<Recorded> events, Instant asOf, LocalDate since, RequestRules rules) {
        return build(subjectId, events, asOf, since, rules, 0);
    }

    /** The report's page {@code page} ({@link DocumentPages}): each list's items of that page. */
    static AccessReport build(String subjectId, List<Recorded> events, Instant asOf, LocalDate since, RequestRules rules,
                              int page) {
        Fold fold = new Fold();
        int considered = 0;
        for (Recorded event : events) {
            if (event.at().isAfter(asOf)) {
                break;
            }
            considered++;
            fold.apply(event);
        }
        Jurisdiction jurisdiction = fold.jurisdiction == null ? Jurisdiction.OTHER : fold.jurisdiction;
        Instant collectedSince = collectedSince(jurisdiction, asOf, since);
        LocalDate asOfDay = LocalDate.ofInstant(asOf, jurisdiction.zone());

        Map<DataCategory, List<AccessReport.Piece>> pieces = new EnumMap<>(DataCategory.class);
        Set<String> sources = new LinkedHashSet<>();
        for (Fold.Collected piece : fold.pieces) {
            if (collectedSince != null && piece.at().isBefore(collectedSince)) {
                continue;
            }
            Object value = piece.value();
            if (value == null) {
                if (!fold.erased.contains(piece.category().retentionClass())) {
                    continue;
                }
                value = Redaction.ERASED;
            }
            pieces.computeIfAbsent(piece.category(), category -> new ArrayList<>())
                    .add(new AccessReport.Piece(piece.field(), value, piece.at(), piece.source()));
            sources.add(piece.source());
        }
        // network activity: counted from the events' metadata, the most recent pieces opened and listed
        ActivityWindow activity = ActivityWindow.of(events, asOf, collectedSince);
        List<AccessReport.Piece> recentActivity = activity.recent(INLINE_ACTIVITY);
        if (activity.total() > 0) {
            sources.add(ACTIVITY_SOURCE);
        }
        List<AccessReport.Disclosure> disclosures = new ArrayList<>();
        Set<DataCategory> disclosed = EnumSet.noneOf(DataCategory.class);
        for (ThirdPartyProvisionRecordedEvent provision : fold.provisions) {
            boolean inWindow = collectedSince == null
                    || !provision.providedOn().isBefore(LocalDate.ofInstant(collectedSince, jurisdiction.zone()));
            LocalDate keepUntil = fold.keptUntil.getOrDefault(provision.provisionId(), provision.keepUntil());
            if (inWindow && !keepUntil.isBefore(asOfDay)) {
                disclosures.add(new AccessReport.Disclosure(provision.recipient().organisationName(),
                        provision.recipient().country(), provision.recipient().category().name(),
                        letters(provision.categories()), provision.saleOrSharing(), provision.foreign(),
                        provision.providedOn(), keepUntil));
                disclosed.addAll(provision.categories());
            }
        }
        List<AccessReport.Receipt> receipts = new ArrayList<>();
        for (ReceiptConfirmationRecordedEvent receipt : fold.receipts) {
            LocalDate keepUntil = fold.keptUntil.getOrDefault(receipt.receiptId(), receipt.keepUntil());
            if (!keepUntil.isBefore(asOfDay)) {
                receipts.add(new AccessReport.Receipt(receipt.provider().organisationName(), receipt.provider().country(),
                        receipt.backgroundOfAcquisition(), letters(receipt.categories()), receipt.receivedOn(),
                        keepUntil));
                sources.add("third party: " + receipt.provider().organisationName());
            }
        }
        List<AccessReport.Category> categories = new ArrayList<>();
        Set<Purpose> purposes = EnumSet.noneOf(Purpose.class);
        Set<DataCategory> present = EnumSet.noneOf(DataCategory.class);
        present.addAll(pieces.keySet());
        present.addAll(disclosed);
        if (activity.total() > 0) {
            present.add(DataCategory.D_NETWORK_ACTIVITY);
        }
        List<List<?>> paged = new ArrayList<>();
        for (DataCategory category : present) {
            List<AccessReport.Piece> listed = new ArrayList<>(pieces.getOrDefault(category, List.of()));
            int total = listed.size();
            String allPieces = null;
            if (category == DataCategory.D_NETWORK_ACTIVITY) {
                listed.addAll(0, recentActivity);
                total += activity.total();
                if (recentActivity.size() < activity.total()) {
                    allPieces = "/api/subjects/" + subjectId + "/access-report/activity";
                }
            }
            paged.add(listed);
            categories.add(new AccessReport.Category(category.letter(), category.label(), category.retentionClass().name(),
                    DocumentPages.slice(listed, page), total, allPieces));
            purposes.addAll(category.purposes());
        }
        List<AccessReport.Sensitive> sensitive = fold.sensitive.stream()
                .filter(item -> collectedSince == null || !item.collectedAt().isBefore(collectedSince))
                .toList();
        List<AccessReport.Retention> retention = new ArrayList<>();
        for (RetentionClass retentionClass : RetentionClass.values()) {
            List<String> letters = new ArrayList<>();
            for (DataCategory category : DataCategory.values()) {
                if (category.retentionClass() == retentionClass) {
                    letters.add(category.letter());
                }
            }
            retention.add(new AccessReport.Retention(retentionClass.name(), letters, criteria(jurisdiction, retentionClass)));
        }
        List<String> rights = new ArrayList<>(rules.granted(jurisdiction).stream().map(RequestType::code).toList());
        if (jurisdiction == Jurisdiction.EU || jurisdiction == Jurisdiction.UK) {
            rights.add("complaint-to-supervisory-authority");
        }
        List<String> erasedPeriods = List.copyOf(fold.erasedPeriods);
        List<String> allSources = List.copyOf(sources);
        paged.addAll(List.of(erasedPeriods, allSources, disclosures, receipts, sensitive));
        return new AccessReport(subjectId, jurisdiction.code(), asOf, collectedSince, basis(jurisdiction, collectedSince),
                fold.status, fold.erased.stream().map(Enum::name).toList(), DocumentPages.slice(erasedPeriods, page), categories,
                DocumentPages.slice(allSources, page), purposes.stream().map(Purpose::description).toList(),
                DocumentPages.slice(disclosures, page), DocumentPages.slice(receipts, page),
                new ArrayList<>(new TreeSet<>(fold.consents)), fold.optedOut, List.copyOf(fold.limits),
                DocumentPages.slice(sensitive, page), retention, rights, considered, page,
                DocumentPages.pages(paged.toArray(List<?>[]::new)));
    }

    private static List<String> letters(Set<DataCategory> categories) {
        return categories.stream().sorted().map(DataCategory::letter).toList();
    }

    private static String basis(Jurisdiction jurisdiction, Instant collectedSince) {
        return switch (jurisdiction) {
            case US_CA -> "CCPA 1798.110 right to know; pieces collected since " + collectedSince;
            case EU, UK -> "GDPR Art. 15 right of access; all personal data held";
            case TW -> "PDPA Art. 3 query, review and copy; all personal data held";
            case JP, OTHER -> "APPI Art. 33 disclosure; all retained personal data and provision records";
        };
    }

    private static String criteria(Jurisdiction jurisdiction, RetentionClass retentionClass) {
        String general = "Kept while the account is active and as long as needed for the purposes (policy §16: the "
                + "relationship, legal obligations, contract performance); then its key is destroyed";
        if (jurisdiction == Jurisdiction.TW) {
            return general + ". After termination it is made unrecoverable within the Taiwan deletion period unless a "
                    + "PDPA §18 exception is recorded";
        }
        return retentionClass == RetentionClass.FINANCIAL
                ? general + ". Purchase and payment records are kept for the accounting-law period after termination"
                : general + ". After termination it is kept for the configured retention period of its class";
    }

    /** How many pieces of network activity a report lists; the rest are at the activity endpoint. */
    static final int INLINE_ACTIVITY = 500;
    static final String ACTIVITY_SOURCE = "the subject's use of the Service, reported by the product service";
    /** The source of a staff note, before the request's id. */
    static final String NOTE_SOURCE = "the privacy team, handling request ";

    /** The start of the lookback: {@code since} where given, 12 months for US-CA, else none. */
    static Instant collectedSince(Jurisdiction jurisdiction, Instant asOf, LocalDate since) {
        return since != null ? since.atStartOfDay(jurisdiction.zone()).toInstant()
                : jurisdiction == Jurisdiction.US_CA
                ? ZonedDateTime.ofInstant(asOf, jurisdiction.zone()).minusMonths(LOOKBACK_MONTHS).toInstant() : null;
    }

    /** The subject's jurisdiction, from its registration (the first event). */
    static Jurisdiction jurisdiction(List<Recorded> events) {
        for (Recorded event : events) {
            if (event.type() == AccountRegisteredEvent.class) {
                return ((AccountRegisteredEvent) event.payload()).jurisdiction();
            }
        }
        return Jurisdiction.OTHER;
    }

    /** A piece of network activity as the report shows it: when it happened, and what. */
    record ActivityValue(Instant occurredAt, String action, String target, String detail, String region) {
    }

    static AccessReport.Piece piece(UsageActivity activity, Instant collectedAt) {
        return new AccessReport.Piece(activity.kind() == ActivityKind.ADVERTISEMENT ? "advertisementInteraction"
                : "applicationInteraction", new ActivityValue(activity.occurredAt(), activity.action(), activity.target(),
                activity.detail(), activity.region()), collectedAt, ACTIVITY_SOURCE);
    }

    /**
     * The network activity collected in a report's window — recorded after {@code since} (the
     * lookback) and by {@code asOf} — whose period is not erased. It is counted from the events'
     * metadata and opened only for the pieces listed.
     */
    record ActivityWindow(List<Recorded> events, int total) {

        static ActivityWindow of(List<Recorded> stream, Instant asOf, Instant since) {
            Set<String> erasedPeriods = new java.util.HashSet<>();
            boolean usageErased = false;
            for (Recorded event : stream) {
                if (event.type() == UsagePeriodShreddedEvent.class) {
                    erasedPeriods.add(((UsagePeriodShreddedEvent) event.payload()).period());
                } else if (event.type() == PersonalDataShreddedEvent.class
                        && ((PersonalDataShreddedEvent) event.payload()).retentionClass() == RetentionClass.USAGE) {
                    usageErased = true;
                }
            }
            List<Recorded> window = new ArrayList<>();
            int total = 0;
            if (usageErased) {
                return new ActivityWindow(window, 0);
            }
            for (Recorded event : stream) {
                if (event.type() != ActivityRecordedEvent.class || event.at().isAfter(asOf)
                        || since != null && event.at().isBefore(since)) {
                    continue;
                }
                Object period = event.metaData(ActivityRecordedEvent.PERIOD);
                Object pieces = event.metaData(ActivityRecordedEvent.PIECES);
                if (period == null || pieces == null) {
                    ActivityRecordedEvent recorded = (ActivityRecordedEvent) event.payload();
                    period = recorded.period();
                    pieces = recorded.count();
                }
                if (!erasedPeriods.contains(period.toString())) {
                    window.add(event);
                    total += ((Number) pieces).intValue();
                }
            }
            return new ActivityWindow(window, total);
        }

        /** The most recent pieces, at most {@code limit}, in the order collected. */
        List<AccessReport.Piece> recent(int limit) {
            java.util.ArrayDeque<AccessReport.Piece> recent = new java.util.ArrayDeque<>();
            for (int i = events.size() - 1; i >= 0 && recent.size() < limit; i--) {
                Recorded event = events.get(i);
                List<UsageActivity> activities = ((ActivityRecordedEvent) event.payload()).activities();
                if (activities == null) {
                    continue;
                }
                for (int j = activities.size() - 1; j >= 0 && recent.size() < limit; j--) {
                    recent.addFirst(piece(activities.get(j), event.at()));
                }
            }
            return new ArrayList<>(recent);
        }

        /** Every piece, in the order collected, one event opened at a time. */
        void forEach(java.util.function.Consumer<AccessReport.Piece> action) {
            for (Recorded event : events) {
                List<UsageActivity> activities = ((ActivityRecordedEvent) event.payload()).activities();
                if (activities != null) {
                    activities.forEach(activity -> action.accept(piece(activity, event.at())));
                }
            }
        }
    }

    /** An inference with what it was drawn from. */
    record InferenceValue(String characteristic, String value, List<String> drawnFrom, List<String> sources,
                          boolean sensitive) {
    }

    /** An inquiry, voice record, message or file. */
    record CommunicationValue(String topic, String content, String contentReference) {
    }

    /** The running state of the fold. */
    private static final class Fold {

        record Collected(DataCategory category, String field, Object value, Instant at, String source) {
        }

        Jurisdiction jurisdiction;
        String status;
        final List<Collected> pieces = new ArrayList<>();
        final Set<RetentionClass> erased = EnumSet.noneOf(RetentionClass.class);
        final Set<String> erasedPeriods = new TreeSet<>();
        final List<ThirdPartyProvisionRecordedEvent> provisions = new ArrayList<>();
        final List<ReceiptConfirmationRecordedEvent> receipts = new ArrayList<>();
        /** Records whose keeping period a later one under the same contract moved. */
        final Map<String, LocalDate> keptUntil = new HashMap<>();
        final Set<String> consents = new TreeSet<>();
        final List<AccessReport.Sensitive> sensitive = new ArrayList<>();
        boolean optedOut;
        /** Fulfilled restrictions, objections, cessations and limitations, by request type, in the order fulfilled. */
        final Set<String> limits = new LinkedHashSet<>();

        void apply(Recorded event) {
            if (event.type() == ActivityRecordedEvent.class) {
                // counted and opened apart (ActivityWindow): a year of it is most of the stream
                return;
            }
            Instant at = event.occurredAt();
            Object payload = event.payload();
            if (payload instanceof AccountRegisteredEvent registered) {
                jurisdiction = registered.jurisdiction();
                status = "ACTIVE";
                String source = "the subject, at account registration";
                add(DataCategory.A_IDENTIFIERS, "name", registered.name(), at, source);
                add(DataCategory.A_IDENTIFIERS, "dateOfBirth", registered.dateOfBirth(), at, source);
                add(DataCategory.A_IDENTIFIERS, "postalAddress", registered.postalAddress(), at, source);
                add(DataCategory.A_IDENTIFIERS, "email", registered.email(), at, source);
                add(DataCategory.E_AUDIO_VISUAL, "profilePicture", registered.profilePictureRef(), at, source);
                add(DataCategory.B_FINANCIAL, "bankAccountNumber", registered.bankAccountNumber(), at, source);
                if (registered.memberState() != null) {
                    add(DataCategory.A_IDENTIFIERS, "memberState", registered.memberState(), at, source);
                }
            } else if (payload instanceof ProfileUpdatedEvent updated) {
                String source = updated.correctionRequestId() == null ? "the subject, by updating the profile"
                        : "privacy staff, correcting it on request " + updated.correctionRequestId();
                updated.changes().forEach((field, value) -> add(DataCategory.A_IDENTIFIERS, field, value, at, source));
            } else if (payload instanceof SocialLoginLinkedEvent linked) {
                String source = "the subject, by linking a " + linked.provider() + " login";
                add(DataCategory.A_IDENTIFIERS, linked.provider() + ".externalId", linked.externalId(), at, source);
                add(DataCategory.A_IDENTIFIERS, linked.provider() + ".username", linked.username(), at, source);
                add(DataCategory.A_IDENTIFIERS, linked.provider() + ".email", linked.email(), at, source);
                add(DataCategory.E_AUDIO_VISUAL, linked.provider() + ".profilePhoto", linked.profilePhotoRef(), at, source);
            } else if (payload instanceof PurchaseRecordedEvent purchase) {
                String source = "the subject's use of the Service (purchases)";
                String prefix = "purchase " + purchase.purchaseId() + ".";
                add(DataCategory.C_COMMERCIAL, prefix + "item", purchase.item(), at, source);
                add(DataCategory.C_COMMERCIAL, prefix + "amount", purchase.amount(), at, source);
                add(DataCategory.B_FINANCIAL, prefix + "card", purchase.card(), at, source);
            } else if (payload instanceof InferenceRecordedEvent inference) {
                if (inference.characteristic() != null) {
                    add(DataCategory.F_INFERENCES, "inference " + inference.inferenceId(),
                            new InferenceValue(inference.characteristic(), inference.value(),
                                    letters(inference.drawnFrom()), inference.sources(), inference.sensitive()),
                            at, "drawn by " + inference.inferredBy() + " from categories "
                                    + String.join(", ", letters(inference.drawnFrom())));
                }
            } else if (payload instanceof CommunicationRecordedEvent communication) {
                add(DataCategory.E_AUDIO_VISUAL, communication.kind().name().toLowerCase(java.util.Locale.ROOT) + " "
                                + communication.communicationId(),
                        communication.topic() == null && communication.content() == null
                                && communication.contentReference() == null ? null
                                : new CommunicationValue(communication.topic(), communication.content(),
                                communication.contentReference()),
                        communication.occurredAt(), communication.kind() == CommunicationKind.INQUIRY
                                ? "the subject, by an inquiry about the Service" : "the subject's use of the Service");
            } else if (payload instanceof io.lethe.core.request.RequestNoteAddedEvent note) {
                // the team's internal note about the subject is their personal data too (GDPR Art. 15, APPI Art. 33)
                add(DataCategory.E_AUDIO_VISUAL, "note " + note.noteId(), note.text(), at,
                        NOTE_SOURCE + note.requestId());
            } else if (payload instanceof UsagePeriodShreddedEvent period) {
                erasedPeriods.add(period.period());
            } else if (payload instanceof SensitiveInformationRecordedEvent item) {
                sensitive.add(new AccessReport.Sensitive(item.category().name(), item.content(),
                        item.exception() == null ? "consent" : item.exception().name(), at));
            } else if (payload instanceof ThirdPartyProvisionRecordedEvent provision) {
                provisions.add(provision);
            } else if (payload instanceof ReceiptConfirmationRecordedEvent receipt) {
                receipts.add(receipt);
            } else if (payload instanceof ProvisionRecordsKeptLongerEvent longer) {
                longer.recordIds().forEach(recordId -> keptUntil.put(recordId, longer.keepUntil()));
            } else if (payload instanceof ConsentGrantedEvent granted) {
                consents.add(granted.type().name());
            } else if (payload instanceof ConsentWithdrawnEvent withdrawn) {
                consents.remove(withdrawn.type().name());
            } else if (payload instanceof OptedOutOfSaleSharingEvent) {
                optedOut = true;
            } else if (payload instanceof RequestFulfilledEvent fulfilled && fulfilled.type().kind().limitsProcessing()) {
                limits.add(fulfilled.type().code());
            } else if (payload instanceof AccountTerminatedEvent) {
                status = "TERMINATED";
            } else if (payload instanceof PersonalDataShreddedEvent shredded) {
                erased.add(shredded.retentionClass());
            }
            // requests, holds and the like are not personal data the subject is told about here
        }

        private void add(DataCategory category, String field, Object value, Instant at, String source) {
            pieces.add(new Collected(category, field, value, at, source));
        }
    }
}
