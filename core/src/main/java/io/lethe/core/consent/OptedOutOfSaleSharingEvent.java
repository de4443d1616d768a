package io.lethe.core.consent;

import io.lethe.core.personaldata.DataSubjectId;
import io.lethe.core.subject.SubjectId;
import org.axonframework.serialization.Revision;
import io.lethe.core.request.RequestChannel;

/** From now on, no provision of the subject's data for sale or cross-context advertising. */
@Revision("1")
public record OptedOutOfSaleSharingEvent(@DataSubjectId SubjectId subjectId, RequestChannel channel) {
}
