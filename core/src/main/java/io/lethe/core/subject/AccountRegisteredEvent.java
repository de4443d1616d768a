package io.lethe.core.subject;

import io.lethe.core.jurisdiction.Jurisdiction;
import io.lethe.core.personaldata.DataSubjectId;
import io.lethe.core.personaldata.PersonalData;
import io.lethe.core.personaldata.Redaction;
import io.lethe.core.personaldata.RetentionClass;
import io.lethe.core.personaldata.SafeToString;
import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/**
 * An account was registered with the data its subject provided (policy §17 "Account Information").
 * {@code memberState}: an EU resident's state, which sets the age of digital consent (GDPR Art. 8); null elsewhere.
 */
@Revision("1")
public record AccountRegisteredEvent(
        @DataSubjectId SubjectId subjectId,
        Jurisdiction jurisdiction,
        @PersonalData(RetentionClass.PROFILE) String name,
        @PersonalData(value = RetentionClass.PROFILE, redaction = Redaction.NULL) LocalDate dateOfBirth,
        @PersonalData(RetentionClass.PROFILE) String postalAddress,
        @PersonalData(RetentionClass.PROFILE) String email,
        @PersonalData(RetentionClass.COMMUNICATIONS) String profilePictureRef,
        @PersonalData(RetentionClass.FINANCIAL) String bankAccountNumber,
        @PersonalData(value = RetentionClass.PROFILE, redaction = Redaction.NULL) String memberState) {

    /** A registration outside the EU, or one recorded before the member state was asked for. */
    public AccountRegisteredEvent(SubjectId subjectId, Jurisdiction jurisdiction, String name, LocalDate dateOfBirth,
                                  String postalAddress, String email, String profilePictureRef, String bankAccountNumber) {
        this(subjectId, jurisdiction, name, dateOfBirth, postalAddress, email, profilePictureRef, bankAccountNumber, null);
    }

    @Override
    public String toString() {
        return SafeToString.of(this);
    }
}
