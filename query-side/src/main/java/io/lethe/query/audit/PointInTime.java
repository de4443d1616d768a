package io.lethe.query.audit;

import io.lethe.core.subject.AccountRegisteredEvent;
import io.lethe.core.subject.AccountTerminatedEvent;
import io.lethe.core.subject.PersonalDataShreddedEvent;
import io.lethe.core.subject.ProfileUpdatedEvent;
import io.lethe.core.subject.PurchaseRecordedEvent;
import io.lethe.core.subject.SocialLoginLinkedEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Folds a subject's history up to a moment. */
final class PointInTime {

    private PointInTime() {
    }

    static SubjectAsOf fold(String subjectId, Instant at, List<HistoryEntry> events) {
        Map<String, Object> held = new LinkedHashMap<>();
        List<String> logins = new ArrayList<>();
        List<String> erased = new ArrayList<>();
        int purchases = 0;
        String status = null;
        int considered = 0;
        for (HistoryEntry entry : events) {
            if (entry.timestamp().isAfter(at)) {
                break;
            }
            considered++;
            Object payload = entry.payload();
            if (payload instanceof AccountRegisteredEvent registered) {
                status = "ACTIVE";
                held.put("jurisdiction", registered.jurisdiction().code());
                held.put("name", registered.name());
                held.put("dateOfBirth", registered.dateOfBirth());
                held.put("postalAddress", registered.postalAddress());
                held.put("email", registered.email());
                held.put("profilePictureRef", registered.profilePictureRef());
                held.put("bankAccountNumber", registered.bankAccountNumber());
            } else if (payload instanceof ProfileUpdatedEvent updated) {
                held.putAll(updated.changes());
            } else if (payload instanceof SocialLoginLinkedEvent linked) {
                logins.add(linked.provider() + (linked.username() == null ? "" : ":" + linked.username()));
            } else if (payload instanceof PurchaseRecordedEvent) {
                purchases++;
            } else if (payload instanceof AccountTerminatedEvent) {
                status = "TERMINATED";
            } else if (payload instanceof PersonalDataShreddedEvent shredded) {
                erased.add(shredded.retentionClass().name());
            }
        }
        return new SubjectAsOf(subjectId, at, status != null, held, logins, purchases, erased, status, considered);
    }
}
