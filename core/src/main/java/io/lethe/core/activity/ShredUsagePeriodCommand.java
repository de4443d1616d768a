package io.lethe.core.activity;

import io.lethe.core.personaldata.DataSubjectId;
import io.lethe.core.subject.SubjectId;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Shreds one usage period of a subject whose rolling retention ended (sent by the retention saga).
 * A legal hold on USAGE keeps it, and reports so.
 */
public record ShredUsagePeriodCommand(
        @TargetAggregateIdentifier @DataSubjectId @NotNull SubjectId subjectId,
        @NotBlank String period,
        @NotBlank String reference) {
}
