package io.lethe.core.request;

import io.lethe.core.personaldata.DataSubjectId;
import io.lethe.core.subject.SubjectId;
import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/** The request is open and its due date is near. */
@Revision("1")
public record RequestReminderRaisedEvent(@DataSubjectId SubjectId subjectId, RequestId requestId, LocalDate dueOn) {
}
