package io.lethe.core.subject;

import io.lethe.core.personaldata.DataSubjectId;
import jakarta.validation.constraints.NotNull;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Has the subject publish what governs its usage data ({@link UsageGovernance}) where it has not yet:
 * a subject whose history began before the usage periods had aggregates of their own publishes it
 * the first time usage data is filed for it. Changes no state and records no event.
 */
public record PublishUsageGovernanceCommand(@TargetAggregateIdentifier @DataSubjectId @NotNull SubjectId subjectId) {
}
