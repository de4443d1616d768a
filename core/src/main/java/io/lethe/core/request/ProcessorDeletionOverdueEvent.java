package io.lethe.core.request;

import io.lethe.core.personaldata.DataSubjectId;
import io.lethe.core.subject.SubjectId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A processor did not confirm by its time; escalated, and the request stays unfulfilled. */
@Revision("1")
public record ProcessorDeletionOverdueEvent(
        @DataSubjectId SubjectId subjectId,
        RequestId requestId,
        String processor,
        Instant confirmBy) {
}
