package io.lethe.core.subject;

import io.lethe.core.personaldata.DataSubjectId;
import org.axonframework.serialization.Revision;

/** The subject, or someone on their behalf, asked for their personal data to be erased. */
@Revision("1")
public record ErasureRequestedEvent(
        @DataSubjectId SubjectId subjectId,
        ErasureRequestId requestId,
        Requester requestedBy) {
}
