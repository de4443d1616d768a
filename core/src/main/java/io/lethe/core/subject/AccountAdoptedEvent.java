package io.lethe.core.subject;

import io.lethe.core.personaldata.DataSubjectId;
import io.lethe.core.personaldata.PersonalData;
import io.lethe.core.personaldata.Redaction;
import io.lethe.core.personaldata.RetentionClass;
import io.lethe.core.personaldata.SafeToString;
import org.axonframework.serialization.Revision;

/**
 * The account was adopted from the system Lethe replaces ({@link AdoptAccountCommand}); {@code origin}
 * fingerprints the account there, so adopting it again completes this subject and nothing else. The
 * fingerprint is sealed with the profile: once the profile is erased, nobody can tell which account of
 * the source the subject was (by hashing the source's account ids), and an import adds nothing to it.
 */
@Revision("1")
public record AccountAdoptedEvent(@DataSubjectId SubjectId subjectId,
                                  @PersonalData(value = RetentionClass.PROFILE, redaction = Redaction.NULL) String origin) {

    @Override
    public String toString() {
        return SafeToString.of(this);
    }
}
