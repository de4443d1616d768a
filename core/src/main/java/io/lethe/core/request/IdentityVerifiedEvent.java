package io.lethe.core.request;

import io.lethe.core.personaldata.DataSubjectId;
import io.lethe.core.subject.SubjectId;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The requester's identity or authority was verified. {@code dueOn}/{@code dueAt} are the due
 * date from now on: unchanged, except where the law stops the clock until identity is known (UK),
 * where it runs from {@code evidenceReceivedAt}, the day the evidence arrived (null in events
 * recorded before it was asked for: the day of verification).
 */
@Revision("1")
public record IdentityVerifiedEvent(
        @DataSubjectId SubjectId subjectId,
        RequestId requestId,
        IdentityMethod method,
        String reference,
        LocalDate dueOn,
        Instant dueAt,
        Instant evidenceReceivedAt) {
}
