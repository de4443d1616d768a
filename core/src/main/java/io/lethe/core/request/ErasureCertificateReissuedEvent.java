package io.lethe.core.request;

import io.lethe.core.personaldata.DataSubjectId;
import io.lethe.core.subject.SubjectId;
import org.axonframework.serialization.Revision;

/**
 * A fulfilled erasure request's certificate, reissued: classes a legal hold had kept when the request
 * was carried out were destroyed once the hold was released, and the certificate now says so. It
 * supersedes the one the request was fulfilled with; no personal data.
 */
@Revision("1")
public record ErasureCertificateReissuedEvent(
        @DataSubjectId SubjectId subjectId,
        RequestId requestId,
        ErasureCertificate certificate) {
}
