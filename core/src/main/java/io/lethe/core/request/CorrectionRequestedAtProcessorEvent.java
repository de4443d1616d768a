package io.lethe.core.request;

import io.lethe.core.personaldata.DataSubjectId;
import io.lethe.core.subject.SubjectId;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/**
 * A downstream processor was directed to correct the subject's data (CCPA 1798.106(c), Regs §7023(c);
 * GDPR Art. 19): the fields corrected, by name; the values are read, and the read logged, through the
 * request's correction endpoint.
 */
@Revision("1")
public record CorrectionRequestedAtProcessorEvent(
        @DataSubjectId SubjectId subjectId,
        RequestId requestId,
        String processor,
        Instant confirmBy,
        List<String> fields) {
}
