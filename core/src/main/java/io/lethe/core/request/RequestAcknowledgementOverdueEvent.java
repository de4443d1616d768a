package io.lethe.core.request;

import io.lethe.core.personaldata.DataSubjectId;
import io.lethe.core.subject.SubjectId;
import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/** Receipt was not confirmed to the requester by the day the law sets: escalated to privacy staff. */
@Revision("1")
public record RequestAcknowledgementOverdueEvent(@DataSubjectId SubjectId subjectId, RequestId requestId,
                                                 LocalDate acknowledgeBy) {
}
