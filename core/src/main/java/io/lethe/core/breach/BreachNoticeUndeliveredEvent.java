package io.lethe.core.breach;

import io.lethe.core.request.NoticeFailure;
import io.lethe.core.subject.SubjectId;
import org.axonframework.serialization.Revision;

/** A breach's notice to one affected person could not be delivered; staff follow it up. */
@Revision("1")
public record BreachNoticeUndeliveredEvent(BreachNoticeId noticeId, BreachId breachId, String dutyId, DutyKind kind,
                                           SubjectId subjectId, int attempts, NoticeFailure failure) {
}
