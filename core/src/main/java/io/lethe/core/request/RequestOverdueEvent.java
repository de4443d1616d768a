package io.lethe.core.request;

import io.lethe.core.personaldata.DataSubjectId;
import io.lethe.core.subject.SubjectId;
import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/** The request's due date passed with the request still open: escalated to privacy staff. */
@Revision("1")
public record RequestOverdueEvent(@DataSubjectId SubjectId subjectId, RequestId requestId, LocalDate dueOn) {
}
