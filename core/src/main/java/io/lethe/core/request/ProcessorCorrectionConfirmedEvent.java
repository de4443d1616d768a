package io.lethe.core.request;

import io.lethe.core.personaldata.DataSubjectId;
import io.lethe.core.subject.SubjectId;
import org.axonframework.serialization.Revision;

/** A downstream processor confirmed the correction. */
@Revision("1")
public record ProcessorCorrectionConfirmedEvent(
        @DataSubjectId SubjectId subjectId,
        RequestId requestId,
        String processor,
        String reference) {
}
