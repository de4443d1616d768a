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

    /** The values changed, by field name ({@code name}, {@code postalAddress}, {@code email}), in that order. */
    public java.util.Map<String, String> changes() {
        java.util.Map<String, String> changes = new java.util.LinkedHashMap<>();
        if (name != null) {
            changes.put("name", name);
        }
        if (postalAddress != null) {
            changes.put("postalAddress", postalAddress);
        }
        if (email != null) {
            changes.put("email", email);
        }
        return changes;
    }

    @Override
    public String toString() {
        return SafeToString.of(this);
    }
}
