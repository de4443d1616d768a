package io.lethe.core.subject;

import io.lethe.core.jurisdiction.Jurisdiction;
import io.lethe.core.personaldata.DataSubjectId;
import io.lethe.core.personaldata.PersonalData;
import io.lethe.core.personaldata.Redaction;
import io.lethe.core.personaldata.RetentionClass;
import io.lethe.core.personaldata.SafeToString;
import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/** An account was registered with the data its subject provided (policy §17 "Account Information"). */
@Revision("1")
public record AccountRegisteredEvent(
        @DataSubjectId SubjectId subjectId,
        Jurisdiction jurisdiction,
        @PersonalData(RetentionClass.PROFILE) String name,
        @PersonalData(value = RetentionClass.PROFILE, redaction = Redaction.NULL) LocalDate dateOfBirth,
        @PersonalData(RetentionClass.PROFILE) String postalAddress,
        @PersonalData(RetentionClass.PROFILE) String email,
        @PersonalData(RetentionClass.COMMUNICATIONS) String profilePictureRef,
        @PersonalData(RetentionClass.FINANCIAL) String bankAccountNumber) {

    @Override
    public String toString() {
        return SafeToString.of(this);
    }
}
