package io.lethe.core.request;

import io.lethe.core.personaldata.DataSubjectId;
import io.lethe.core.subject.SubjectId;
import jakarta.validation.constraints.NotNull;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

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
        @NotEmpty @Size(max = MAX_PROCESSORS) Map<String, Instant> confirmBy) {

    /** The most downstream processors a deployment directs (lethe.requests.processors). */
    public static final int MAX_PROCESSORS = 64;
}
