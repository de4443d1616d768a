package io.lethe.core.subject;

import io.lethe.core.jurisdiction.Jurisdiction;
import io.lethe.core.personaldata.RetentionClass;
import io.lethe.core.validation.Lengths;
import jakarta.annotation.Nullable;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What became of a subject's data after termination, class by class, and of its usage periods under
 * the rolling retention: the evidence record of a deletion (policy §18). Free of personal data: it names the subject only by its pseudonymous id.
 * Its usage periods are listed a page at a time, oldest first; {@code pages} says how many pages there are.
 */
public record DeletionEvidence(SubjectId subjectId, Jurisdiction jurisdiction, @Nullable Instant terminatedAt,
                               @Size(max = MAX_CLASSES) List<ClassOutcome> classes,
                               @Size(max = PERIODS_PER_PAGE) List<PeriodOutcome> usagePeriods,
                               @Min(0) int page, @Min(1) int pages) {

    /** One outcome per retention class at most. */
    public static final int MAX_CLASSES = 4;
    /**
     * The usage periods one page lists: a monthly period a month, so a page is over 80 years of them; an
     * account's life lists them on pages {@code 0} to {@code pages - 1}.
     */
    public static final int PERIODS_PER_PAGE = 1000;
    /** A usage period's start, as the evidence keeps it ({@code deletion_evidence_period.period}). */
    public static final int PERIOD_LENGTH = 40;
    /** Why a class was kept or destroyed, as the evidence keeps it ({@code deletion_evidence_class.reason}). */
    public static final int REASON_LENGTH = 64;

    /**
     * One usage period's outcome under the rolling retention (during the account's life): destroyed,
     * or kept by a legal hold. Periods still within their retention are not listed.
     */
    public record PeriodOutcome(@Size(max = PERIOD_LENGTH) String period, State state, @Nullable Instant decidedAt,
                                @Nullable @Size(max = Lengths.REFERENCE) String reference,
                                @Size(max = PlaceLegalHoldCommand.MAX_HOLDS_AT_ONCE) List<@Size(max = Lengths.REFERENCE) String> holds) {
    }

    /** One class's outcome; classes not listed are still held under their normal retention. */
    public record ClassOutcome(RetentionClass retentionClass, State state, @Nullable Instant decidedAt,
                               @Nullable @Size(max = REASON_LENGTH) String reason, @Nullable @Size(max = Lengths.REFERENCE) String reference,
                               @Nullable LocalDate reviewBy,
                               @Size(max = PlaceLegalHoldCommand.MAX_HOLDS_AT_ONCE) List<@Size(max = Lengths.REFERENCE) String> holds) {
    }

    public enum State {
        /** The data key was destroyed: the data is unrecoverable everywhere. */
        DESTROYED,
        /** Kept on a recorded PDPA §18 exception until its review date. */
        KEPT_BY_EXCEPTION,
        /** A shredding was withheld because of a legal hold. */
        KEPT_BY_LEGAL_HOLD
    }
}
