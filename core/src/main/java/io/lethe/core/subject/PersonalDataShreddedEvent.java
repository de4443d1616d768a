package io.lethe.core.subject;

import io.lethe.core.personaldata.DataSubjectId;
import io.lethe.core.personaldata.RetentionClass;
import org.axonframework.serialization.Revision;

/**
 * The data key of one retention class of a subject was destroyed, permanently: from now on every
 * read of that class's fields, in any event ever stored, yields the redaction value.
 */
@Revision("1")
public record PersonalDataShreddedEvent(
        @DataSubjectId SubjectId subjectId,
        RetentionClass retentionClass,
        ShreddingReason reason,
        String reference) {
}
