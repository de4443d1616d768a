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
 * Where the law stops the clock until identity is known ({@code clockStoppedUntilIdentity}, UK),
 * {@code dueOn} is the date the request would be due if the evidence came with it; the clock runs
 * from the evidence's arrival once it is verified ({@link IdentityVerifiedEvent}).
 * Revision 2 added {@code clockStoppedUntilIdentity}.
 */
@Revision("2")
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
        Money fee,
        boolean clockStoppedUntilIdentity) {
}
