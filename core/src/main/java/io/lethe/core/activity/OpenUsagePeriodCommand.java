package io.lethe.core.activity;

import io.lethe.core.personaldata.DataSubjectId;
import io.lethe.core.subject.SubjectId;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Opens a usage period of the subject before its first usage data is filed in it: the subject
 * decides whether it may hold usage data of the period now (active, USAGE not erased, processing not
 * restricted, the period still kept) and records {@link UsagePeriodOpenedEvent}, which gives the
 * period its key and its rolling retention. Idempotent: a period already open changes nothing.
 */
public record OpenUsagePeriodCommand(
        @TargetAggregateIdentifier @DataSubjectId @NotNull SubjectId subjectId,
        @NotBlank String period) {
}
