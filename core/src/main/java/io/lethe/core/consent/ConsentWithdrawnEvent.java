package io.lethe.core.consent;

import io.lethe.core.personaldata.DataSubjectId;
import io.lethe.core.subject.SubjectId;
import org.axonframework.serialization.Revision;

/** A consent was withdrawn. */
@Revision("1")
public record ConsentWithdrawnEvent(@DataSubjectId SubjectId subjectId, ConsentType type) {
}
