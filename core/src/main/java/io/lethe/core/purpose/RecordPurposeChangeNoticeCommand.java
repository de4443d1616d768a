package io.lethe.core.purpose;

import io.lethe.core.personaldata.DataSubjectId;
import io.lethe.core.subject.SubjectId;
import jakarta.validation.constraints.NotNull;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Sent for each subject a purpose change affects: the subject is owed its notification. Idempotent. */
public record RecordPurposeChangeNoticeCommand(
        @TargetAggregateIdentifier @DataSubjectId @NotNull SubjectId subjectId,
        @NotNull String changeId) {
}
