package io.lethe.core.subject;

import io.lethe.core.personaldata.DataSubjectId;
import io.lethe.core.personaldata.RetentionClass;
import org.axonframework.serialization.Revision;

import java.time.LocalDate;
import java.util.Set;

/** These classes are kept beyond termination on a recorded ground, until the review date. */
@Revision("1")
public record RetentionExceptionRecordedEvent(
        @DataSubjectId SubjectId subjectId,
        Set<RetentionClass> retentionClasses,
        RetentionExceptionGround ground,
        String justificationReference,
        LocalDate reviewBy) {
}
