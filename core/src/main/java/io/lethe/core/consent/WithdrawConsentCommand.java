package io.lethe.core.consent;

import io.lethe.core.personaldata.DataSubjectId;
import io.lethe.core.subject.SubjectId;
import jakarta.validation.constraints.NotNull;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Withdraws a consent; what it allowed stops from now on (GDPR Art. 7(3)). */
public record WithdrawConsentCommand(
        @TargetAggregateIdentifier @DataSubjectId @NotNull SubjectId subjectId,
        @NotNull ConsentType type) {
}
