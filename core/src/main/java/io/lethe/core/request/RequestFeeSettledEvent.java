package io.lethe.core.request;

import io.lethe.core.personaldata.DataSubjectId;
import io.lethe.core.subject.SubjectId;
import org.axonframework.serialization.Revision;

/** The request's fee was paid or waived. */
@Revision("1")
public record RequestFeeSettledEvent(
        @DataSubjectId SubjectId subjectId,
        RequestId requestId,
        FeeSettlement settlement,
        String reference) {
}
