package io.lethe.core.request;

import io.lethe.core.personaldata.DataSubjectId;
import io.lethe.core.subject.SubjectId;
import jakarta.validation.constraints.NotNull;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Sent by the erasure process once every processor confirmed: destroys the subject's keys (classes
 * under a legal hold are kept and reported) and fulfils the request with its certificate.
 */
public record CompleteErasureCommand(
        @TargetAggregateIdentifier @DataSubjectId @NotNull SubjectId subjectId,
        @NotNull RequestId requestId) {
}
