package io.lethe.core.request;

import io.lethe.core.personaldata.DataSubjectId;
import io.lethe.core.subject.SubjectId;
import org.axonframework.serialization.Revision;
import io.lethe.core.jurisdiction.Jurisdiction;
import io.lethe.core.subject.Money;
import io.lethe.core.subject.Requester;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A data-subject request was received. The statutory clock is fixed here, from the law in force
 * at receipt: {@code dueOn} is the last day to respond in the jurisdiction's zone, {@code dueAt}
 * the instant that day ends. {@code acknowledgeBy} and {@code fee} are null where the law asks for none.
 */
@Revision("1")
public record PrivacyRequestSubmittedEvent(
        @DataSubjectId SubjectId subjectId,
        RequestId requestId,
        Jurisdiction jurisdiction,
        RequestType type,
        Requester requester,
        RequestChannel channel,
        Instant receivedAt,
        boolean identityRequired,
        LocalDate dueOn,
        Instant dueAt,
        LocalDate acknowledgeBy,
        Money fee) {
}
