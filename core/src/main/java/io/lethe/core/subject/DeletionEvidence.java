package io.lethe.core.subject;

import jakarta.annotation.Nullable;
import io.lethe.core.personaldata.RetentionClass;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What became of a subject's data after termination, class by class, and of its usage periods under
 * the rolling retention: the evidence record of a deletion (policy §18). Free of personal data: it names the subject only by its pseudonymous id.
 */
public record DeletionEvidence(String subjectId, String jurisdiction, @Nullable Instant terminatedAt, List<ClassOutcome> classes,
                               List<PeriodOutcome> usagePeriods) {

    /**
     * One usage period's outcome under the rolling retention (during the account's life): destroyed,
     * or kept by a legal hold. Periods still within their retention are not listed.
     */
    public record PeriodOutcome(String period, State state, @Nullable Instant decidedAt, @Nullable String reference, List<String> holds) {
    }

    /** One class's outcome; classes not listed are still held under their normal retention. */
    public record ClassOutcome(RetentionClass retentionClass, State state, @Nullable Instant decidedAt, @Nullable String reason, @Nullable String reference,
                        @Nullable LocalDate reviewBy, List<String> holds) {
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
