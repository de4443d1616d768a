package io.lethe.core.purpose;

import io.lethe.core.personaldata.DataSubjectId;
import io.lethe.core.request.RequestChannel;
import io.lethe.core.subject.SubjectId;
import jakarta.validation.constraints.NotNull;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The product service delivered the purpose-change notification to the subject. Idempotent. */
public record ConfirmPurposeChangeNoticeCommand(
        @TargetAggregateIdentifier @DataSubjectId @NotNull SubjectId subjectId,
        @NotNull String changeId,
        @NotNull RequestChannel channel) {
}
