package io.lethe.core.consent;

import io.lethe.core.personaldata.DataSubjectId;
import io.lethe.core.personaldata.PersonalData;
import io.lethe.core.personaldata.RetentionClass;
import io.lethe.core.personaldata.SafeToString;
import io.lethe.core.subject.SubjectId;
import org.axonframework.serialization.Revision;

/** Sensitive information was acquired, on consent ({@code exception} null) or on a named exception. */
@Revision("1")
public record SensitiveInformationRecordedEvent(
        @DataSubjectId SubjectId subjectId,
        String itemId,
        SensitiveCategory category,
        @PersonalData(RetentionClass.PROFILE) String content,
        SensitiveDataException exception) {

    @Override
    public String toString() {
        return SafeToString.of(this);
    }
}
