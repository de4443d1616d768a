package io.lethe.core.request;

import io.lethe.core.personaldata.DataSubjectId;
import io.lethe.core.subject.SubjectId;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The notice delivery gave a request's notice up after its last attempt: staff are to reach the
 * requester another way. A notice already recorded sent records nothing.
 */
public record RecordNoticeUndeliveredCommand(
        @TargetAggregateIdentifier @DataSubjectId @NotNull SubjectId subjectId,
        @NotNull RequestId requestId,
        @NotNull NoticeKind kind,
        @Positive int attempts,
        @NotNull NoticeFailure failure) {
}
