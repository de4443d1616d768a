package io.lethe.core.purpose;

import io.lethe.core.personaldata.DataSubjectId;
import io.lethe.core.subject.SubjectId;
import org.axonframework.serialization.Revision;

/** The subject is owed the notification of a purpose change (policy §3). */
@Revision("1")
public record PurposeChangeNoticeOwedEvent(@DataSubjectId SubjectId subjectId, String changeId) {
}
