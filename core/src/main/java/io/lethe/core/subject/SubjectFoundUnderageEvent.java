package io.lethe.core.subject;

import io.lethe.core.personaldata.DataSubjectId;
import org.axonframework.serialization.Revision;

/** The subject was found to be a child under 13; the finding's evidence is kept under the reference. */
@Revision("1")
public record SubjectFoundUnderageEvent(@DataSubjectId SubjectId subjectId, String findingReference,
                                        boolean parentalConsentRecorded) {
}
