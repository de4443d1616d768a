package io.lethe.query.subject;

import jakarta.annotation.Nullable;
import io.lethe.core.jurisdiction.Jurisdiction;
import io.lethe.core.personaldata.RetentionClass;
import io.lethe.core.subject.FindSubjectSummariesQuery;
import io.lethe.core.subject.SubjectId;
import io.lethe.core.subject.SubjectStatus;
import io.lethe.core.subject.SubjectSummary;
import io.lethe.core.subject.TerminationReason;
import io.lethe.core.validation.Lengths;
import io.lethe.query.access.Disclosure;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/**
 * One subject's summary as staff are served it: the summary with its name and e-mail opened at the
 * edge ({@code "[erased]"} once the profile is shredded). It exists only on the way out.
 */
record SubjectView(
        SubjectId subjectId,
        Jurisdiction jurisdiction,
        SubjectStatus status,
        @Schema(maxLength = Lengths.NAME) String name,
        @Schema(maxLength = Lengths.EMAIL) String email,
        Instant registeredAt,
        @Nullable Instant terminatedAt,
        @Nullable TerminationReason terminationReason,
        // each provider once, as many as the subject linked (left unbounded)
        @ArraySchema(schema = @Schema(maxLength = Lengths.PROVIDER), uniqueItems = true,
                maxItems = io.lethe.core.subject.LinkSocialLoginCommand.MAX_LINKED) List<String> socialLoginProviders,
        int purchaseCount,
        @Nullable Instant erasureRequestedAt,
        @Nullable Instant lastActivityAt,
        // each class once, when its key was destroyed
        @ArraySchema(uniqueItems = true) List<RetentionClass> erasedClasses,
        // whether a retention exception can be recorded now (a terminated Taiwan account, PDPA §18)
        boolean retentionExceptionApplies) {

    static SubjectView of(SubjectSummary summary, Disclosure.Opener opener) {
        return new SubjectView(summary.subjectId(), summary.jurisdiction(), summary.status(),
                opener.open(summary.subjectId(), "name", summary.name()), opener.open(summary.subjectId(), "email", summary.email()),
                summary.registeredAt(), summary.terminatedAt(), summary.terminationReason(),
                summary.socialLoginProviders(), summary.purchaseCount(), summary.erasureRequestedAt(),
                summary.lastActivityAt(), summary.erasedClasses(),
                io.lethe.core.subject.RecordRetentionExceptionCommand.appliesTo(summary.jurisdiction(), summary.status()));
    }

    @Override
    public String toString() {
        return "SubjectView[subjectId=" + subjectId + ", jurisdiction=" + jurisdiction + ", status=" + status
                + ", name=<personal>, email=<personal>]";
    }

    /** A page of them, with the total across all pages. */
    @io.swagger.v3.oas.annotations.media.Schema(name = "SubjectPage")
    record Page(@ArraySchema(maxItems = FindSubjectSummariesQuery.MAX_SIZE) List<SubjectView> items, int page, int size,
                long totalItems) {
    }
}
