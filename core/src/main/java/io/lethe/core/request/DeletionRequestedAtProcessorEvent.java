package io.lethe.core.request;

import io.lethe.core.personaldata.DataSubjectId;
import io.lethe.core.subject.SubjectId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A downstream processor was directed to delete the subject's data (CCPA 1798.105(c), policy §16). */
@Revision("1")
public record DeletionRequestedAtProcessorEvent(
        @DataSubjectId SubjectId subjectId,
        RequestId requestId,
        String processor,
        Instant confirmBy) {
}
