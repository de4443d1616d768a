package io.lethe.core.request;

import io.lethe.core.personaldata.DataSubjectId;
import io.lethe.core.subject.SubjectId;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.time.LocalDate;

/** The request's deadline was extended once, with notice of the reason sent to the subject. */
@Revision("1")
public record RequestDeadlineExtendedEvent(
        @DataSubjectId SubjectId subjectId,
        RequestId requestId,
        ExtensionReason reason,
        LocalDate noticeSentOn,
        String noticeReference,
        LocalDate dueOn,
        Instant dueAt) {
}
