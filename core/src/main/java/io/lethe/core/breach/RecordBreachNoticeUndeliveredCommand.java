package io.lethe.core.breach;

import io.lethe.core.request.NoticeFailure;
import io.lethe.core.subject.SubjectId;
import io.lethe.core.validation.Lengths;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The notice delivery gave a breach's notice to one person up after its last attempt: staff reach
 * them another way (or by a public notice where that is disproportionate, GDPR Art. 34(3)(c)). A
 * notice already recorded sent records nothing.
 */
public record RecordBreachNoticeUndeliveredCommand(
        @TargetAggregateIdentifier @NotNull BreachNoticeId noticeId,
        @NotNull BreachId breachId,
        @NotNull @Size(max = Lengths.REFERENCE) String dutyId,
        @NotNull DutyKind kind,
        @NotNull SubjectId subjectId,
        @Positive int attempts,
        @NotNull NoticeFailure failure) {
}
