package io.lethe.core.subject;

import io.lethe.core.personaldata.DataSubjectId;
import io.lethe.core.personaldata.PersonalData;
import io.lethe.core.personaldata.RetentionClass;
import io.lethe.core.personaldata.SafeToString;
import io.lethe.core.request.RequestId;
import org.axonframework.serialization.Revision;

/**
 * The subject's profile values changed: given by the subject through a product service, or
 * corrected by privacy staff on request {@code correctionRequestId}. A null field is unchanged.
 */
@Revision("1")
public record ProfileUpdatedEvent(
        @DataSubjectId SubjectId subjectId,
        @PersonalData(RetentionClass.PROFILE) String name,
        @PersonalData(RetentionClass.PROFILE) String postalAddress,
        @PersonalData(RetentionClass.PROFILE) String email,
        RequestId correctionRequestId) {

    @Override
    public String toString() {
        return SafeToString.of(this);
    }
}
