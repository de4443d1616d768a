package io.lethe.core.subject;

import io.lethe.core.jurisdiction.Jurisdiction;
import io.lethe.core.personaldata.DataSubjectId;
import io.lethe.core.personaldata.PersonalData;
import io.lethe.core.personaldata.RetentionClass;
import io.lethe.core.personaldata.SafeToString;

import java.time.Instant;
import java.util.List;

/** What privacy staff see of one subject at a glance. */
public record SubjectSummary(
        @DataSubjectId SubjectId subjectId,
        Jurisdiction jurisdiction,
        SubjectStatus status,
        @PersonalData(RetentionClass.PROFILE) String name,
        @PersonalData(RetentionClass.PROFILE) String email,
        Instant registeredAt,
        Instant terminatedAt,
        TerminationReason terminationReason,
        List<String> socialLoginProviders,
        int purchaseCount,
        Instant erasureRequestedAt,
        Instant lastActivityAt,
        List<RetentionClass> erasedClasses) {

    @Override
    public String toString() {
        return SafeToString.of(this);
    }
}
