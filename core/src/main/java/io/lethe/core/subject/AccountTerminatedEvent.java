package io.lethe.core.subject;

import io.lethe.core.personaldata.DataSubjectId;
import org.axonframework.serialization.Revision;

/** An account was terminated. */
@Revision("1")
public record AccountTerminatedEvent(
        @DataSubjectId SubjectId subjectId,
        TerminationReason reason) {
}
