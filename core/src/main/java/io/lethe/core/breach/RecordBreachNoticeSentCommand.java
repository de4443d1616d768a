package io.lethe.core.breach;

import io.lethe.core.subject.SubjectId;
import io.lethe.core.validation.Lengths;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** The notice delivery mailed a breach's notice to one person; recorded once, however often it is said. */
public record RecordBreachNoticeSentCommand(
        @TargetAggregateIdentifier @NotNull BreachNoticeId noticeId,
        @NotNull BreachId breachId,
        @NotNull @Size(max = Lengths.REFERENCE) String dutyId,
        @NotNull DutyKind kind,
        @NotNull SubjectId subjectId,
        @NotNull @Size(max = 16) String language,
        @NotNull Instant sentAt,
        @NotNull @Size(max = 100) String reference) {
}
