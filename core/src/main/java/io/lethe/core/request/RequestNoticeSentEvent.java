package io.lethe.core.request;

import io.lethe.core.personaldata.DataSubjectId;
import io.lethe.core.subject.SubjectId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A notice about the request was handed to the mail server, addressed to the subject's address on record. */
@Revision("1")
public record RequestNoticeSentEvent(
        @DataSubjectId SubjectId subjectId,
        RequestId requestId,
        NoticeKind kind,
        String language,
        Instant sentAt,
        String reference) {
}
