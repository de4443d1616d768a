package io.lethe.core.request;

import io.lethe.core.personaldata.DataSubjectId;
import io.lethe.core.subject.SubjectId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A downstream processor has not confirmed a correction by its time: privacy staff follow it up. */
@Revision("1")
public record ProcessorCorrectionOverdueEvent(
        @DataSubjectId SubjectId subjectId,
        RequestId requestId,
        String processor,
        Instant confirmBy) {
}
