package io.lethe.core.consent;

import io.lethe.core.personaldata.DataSubjectId;
import io.lethe.core.subject.SubjectId;
import jakarta.validation.constraints.NotNull;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import io.lethe.core.request.RequestChannel;

/**
 * The subject opts out of the sale and sharing of their personal information (CCPA 1798.120), by a
 * request or by the Global Privacy Control signal. Opting out twice records nothing new.
 */
public record OptOutOfSaleSharingCommand(
        @TargetAggregateIdentifier @DataSubjectId @NotNull SubjectId subjectId,
        @NotNull RequestChannel channel) {
}
