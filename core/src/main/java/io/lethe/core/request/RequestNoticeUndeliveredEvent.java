package io.lethe.core.request;

import io.lethe.core.personaldata.DataSubjectId;
import io.lethe.core.subject.SubjectId;
import org.axonframework.serialization.Revision;

/** A notice about the request could not be delivered after {@code attempts} attempts; staff are to follow it up. */
@Revision("1")
public record RequestNoticeUndeliveredEvent(
        @DataSubjectId SubjectId subjectId,
        RequestId requestId,
        NoticeKind kind,
        int attempts,
        NoticeFailure failure) {
}
