package io.lethe.core.purpose;

import io.lethe.core.personaldata.DataSubjectId;
import io.lethe.core.request.RequestChannel;
import io.lethe.core.subject.SubjectId;
import org.axonframework.serialization.Revision;

/** The subject received the purpose-change notification. */
@Revision("1")
public record PurposeChangeNotifiedEvent(@DataSubjectId SubjectId subjectId, String changeId, RequestChannel channel) {
}
