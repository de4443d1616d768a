package io.lethe.core.activity;

import io.lethe.core.personaldata.DataSubjectId;
import io.lethe.core.personaldata.PersonalData;
import io.lethe.core.personaldata.RetentionClass;
import io.lethe.core.personaldata.SafeToString;
import io.lethe.core.subject.SubjectId;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.UUID;

/** An inquiry, voice record, message or file of the subject was kept (CCPA category E, class COMMUNICATIONS). */
@Revision("1")
public record CommunicationRecordedEvent(
        @DataSubjectId SubjectId subjectId,
        UUID communicationId,
        CommunicationKind kind,
        Instant occurredAt,
        @PersonalData(RetentionClass.COMMUNICATIONS) String topic,
        @PersonalData(RetentionClass.COMMUNICATIONS) String content,
        @PersonalData(RetentionClass.COMMUNICATIONS) String contentReference) {

    @Override
    public String toString() {
        return SafeToString.of(this);
    }
}
