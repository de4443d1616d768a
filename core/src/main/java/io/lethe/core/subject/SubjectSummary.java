package io.lethe.core.subject;

import io.lethe.core.crypto.Sealed;
import io.lethe.core.jurisdiction.Jurisdiction;
import io.lethe.core.personaldata.DataSubjectId;
import io.lethe.core.personaldata.RetentionClass;

import java.time.Instant;
import java.util.List;

/**
 * What privacy staff see of one subject at a glance, as the subject-summary projection keeps it: the
 * name and e-mail stay {@link Sealed} under the subject's PROFILE key in the read model and in this
 * answer, wherever it travels; the edge that serves staff opens them and records the read.
 */
public record SubjectSummary(
        @DataSubjectId SubjectId subjectId,
        Jurisdiction jurisdiction,
        SubjectStatus status,
        Sealed name,
        Sealed email,
        Instant registeredAt,
        Instant terminatedAt,
        TerminationReason terminationReason,
        List<String> socialLoginProviders,
        int purchaseCount,
        Instant erasureRequestedAt,
        Instant lastActivityAt,
        List<RetentionClass> erasedClasses) {
}
