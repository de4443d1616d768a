package io.lethe.core.subject;

import io.lethe.core.personaldata.DataSubjectId;
import io.lethe.core.personaldata.PersonalData;
import io.lethe.core.personaldata.RetentionClass;
import io.lethe.core.personaldata.SafeToString;
import org.axonframework.serialization.Revision;

/** A third-party login was linked to the account (policy §17 "Login features"). */
@Revision("1")
public record SocialLoginLinkedEvent(
        @DataSubjectId SubjectId subjectId,
        String provider,
        @PersonalData(RetentionClass.PROFILE) String externalId,
        @PersonalData(RetentionClass.PROFILE) String username,
        @PersonalData(RetentionClass.PROFILE) String email,
        @PersonalData(RetentionClass.COMMUNICATIONS) String profilePhotoRef) {

    @Override
    public String toString() {
        return SafeToString.of(this);
    }
}
