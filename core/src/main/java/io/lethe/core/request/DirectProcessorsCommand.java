package io.lethe.core.request;

import io.lethe.core.personaldata.DataSubjectId;
import io.lethe.core.subject.SubjectId;
import jakarta.validation.constraints.NotNull;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import jakarta.validation.constraints.NotEmpty;

import java.time.Instant;
import java.util.Map;

/**
 * Sent by the processor process: each processor is directed to do what the request needs of it —
 * delete (an erasure, before it is fulfilled) or correct (a correction, once the values are
 * corrected) — and must confirm by its time.
 */
public record DirectProcessorsCommand(
        @TargetAggregateIdentifier @DataSubjectId @NotNull SubjectId subjectId,
        @NotNull RequestId requestId,
        @NotEmpty Map<String, Instant> confirmBy) {
}
