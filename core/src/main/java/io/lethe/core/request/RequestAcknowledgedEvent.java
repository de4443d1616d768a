package io.lethe.core.request;

import io.lethe.core.personaldata.DataSubjectId;
import io.lethe.core.subject.SubjectId;
import org.axonframework.serialization.Revision;

/** Receipt of the request was confirmed to the requester. */
@Revision("1")
public record RequestAcknowledgedEvent(@DataSubjectId SubjectId subjectId, RequestId requestId) {
}
