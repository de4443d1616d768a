package io.lethe.core.request;

import io.lethe.core.personaldata.DataSubjectId;
import io.lethe.core.subject.SubjectId;
import org.axonframework.serialization.Revision;

/** The request was declined for a reason from the closed list. */
@Revision("1")
public record RequestDeniedEvent(
        @DataSubjectId SubjectId subjectId,
        RequestId requestId,
        RequestType type,
        DenialReason reason,
        String reference) {
}
