package io.lethe.core.breach;

import io.lethe.core.subject.SubjectId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A breach's notice was mailed to one affected person ({@code reference} is the mail's Message-ID). */
@Revision("1")
public record BreachNoticeSentEvent(BreachNoticeId noticeId, BreachId breachId, String dutyId, DutyKind kind,
                                    SubjectId subjectId, String language, Instant sentAt, String reference) {
}
