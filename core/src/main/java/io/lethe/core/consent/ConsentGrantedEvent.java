package io.lethe.core.consent;

import io.lethe.core.personaldata.DataSubjectId;
import io.lethe.core.subject.SubjectId;
import org.axonframework.serialization.Revision;
import io.lethe.core.subject.Requester;

/** A consent was given. */
@Revision("1")
public record ConsentGrantedEvent(@DataSubjectId SubjectId subjectId, ConsentType type, Requester grantedBy,
                                  String evidenceReference) {
}
