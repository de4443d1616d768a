package io.lethe.core.request;

import io.lethe.core.personaldata.DataSubjectId;
import io.lethe.core.subject.SubjectId;
import org.axonframework.serialization.Revision;

/**
 * The request was answered or carried out. An erasure-kind request carries its deletion
 * certificate; other kinds carry none.
 */
@Revision("1")
public record RequestFulfilledEvent(
        @DataSubjectId SubjectId subjectId,
        RequestId requestId,
        RequestType type,
        String responseReference,
        ErasureCertificate certificate) {
}
