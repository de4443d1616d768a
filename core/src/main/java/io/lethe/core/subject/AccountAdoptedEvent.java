package io.lethe.core.subject;

import io.lethe.core.personaldata.DataSubjectId;
import org.axonframework.serialization.Revision;

/**
 * The account was adopted from the system Lethe replaces ({@link AdoptAccountCommand}); {@code origin}
 * fingerprints the account there, so adopting it again completes this subject and nothing else.
 */
@Revision("1")
public record AccountAdoptedEvent(@DataSubjectId SubjectId subjectId, String origin) {
}
