package io.lethe.core.request;

import io.lethe.core.personaldata.DataSubjectId;
import io.lethe.core.personaldata.PersonalData;
import io.lethe.core.personaldata.RetentionClass;
import io.lethe.core.personaldata.SafeToString;
import io.lethe.core.subject.SubjectId;
import org.axonframework.serialization.Revision;

import java.util.UUID;

/** A staff member's internal note on a request (who wrote it is the event's principal). */
@Revision("1")
public record RequestNoteAddedEvent(
        @DataSubjectId SubjectId subjectId,
        RequestId requestId,
        UUID noteId,
        @PersonalData(RetentionClass.COMMUNICATIONS) String text) {

    @Override
    public String toString() {
        return SafeToString.of(this);
    }
}
