package io.lethe.core.subject;

import io.lethe.core.personaldata.DataSubjectId;
import io.lethe.core.personaldata.RetentionClass;
import org.axonframework.serialization.Revision;

import java.util.Set;

/** A legal hold now keeps these classes of the subject's data (policy §16: kept where a legal obligation requires it). */
@Revision("1")
public record LegalHoldPlacedEvent(
        @DataSubjectId SubjectId subjectId,
        String holdId,
        Set<RetentionClass> retentionClasses,
        String caseReference) {
}
