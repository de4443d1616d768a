package io.lethe.core.request;

import io.lethe.core.personaldata.DataSubjectId;
import io.lethe.core.subject.SubjectId;
import jakarta.validation.constraints.NotNull;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import io.lethe.core.subject.Requester;

import java.time.Instant;

/**
 * A data subject, their authorised agent or a minor's parent asks to exercise a right.
 * {@code receivedAt} is when the request reached the company (a letter opened yesterday is
 * yesterday's request); absent, it is now. It can lie in the past but not in the future.
 */
public record SubmitPrivacyRequestCommand(
        @TargetAggregateIdentifier @DataSubjectId @NotNull SubjectId subjectId,
        @NotNull RequestId requestId,
        @NotNull RequestType type,
        @NotNull Requester requester,
        @NotNull RequestChannel channel,
        Instant receivedAt) {
}
