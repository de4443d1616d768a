package io.lethe.core.subject;

import io.lethe.core.personaldata.DataSubjectId;
import org.axonframework.serialization.Revision;

/** A legal hold ended. */
@Revision("1")
public record LegalHoldReleasedEvent(
        @DataSubjectId SubjectId subjectId,
        String holdId) {
}
