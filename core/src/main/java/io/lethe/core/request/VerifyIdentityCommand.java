package io.lethe.core.request;

import io.lethe.core.personaldata.DataSubjectId;
import io.lethe.core.subject.SubjectId;
import jakarta.validation.constraints.NotNull;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import io.lethe.core.validation.Patterns;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;

/**
 * The requester's identity, or their authority to act for the subject, was verified.
 * {@code evidenceReceivedAt} is when the evidence arrived (default: now); where the law stops the
 * clock until identity is known (UK), the clock runs again from that day, not from the day staff
 * record it. It lies neither before the request's receipt nor in the future.
 */
public record VerifyIdentityCommand(
        @TargetAggregateIdentifier @DataSubjectId @NotNull SubjectId subjectId,
        @NotNull RequestId requestId,
        @NotNull IdentityMethod method,
        @Pattern(regexp = Patterns.REFERENCE, message = "must be a reference (letters, digits, ':', '.', '_', '-')")
        String reference,
        Instant evidenceReceivedAt) {

    /** Evidence that arrived when it was recorded. */
    public VerifyIdentityCommand(SubjectId subjectId, RequestId requestId, IdentityMethod method, String reference) {
        this(subjectId, requestId, method, reference, null);
    }
}
