package io.lethe.core.subject;

import io.lethe.core.personaldata.DataSubjectId;
import io.lethe.core.personaldata.RetentionClass;
import org.axonframework.serialization.Revision;

import java.util.List;
import java.util.Set;

/**
 * A shredding was asked for classes under a legal hold: they were kept, and this reports it, with
 * the holds that kept them. {@code usagePeriod} names the one usage period the rolling retention
 * would have shredded, {@code receiptRecord} the one receipt record whose keeping period ended; both
 * null when whole classes were kept.
 */
@Revision("1")
public record ShreddingWithheldEvent(
        @DataSubjectId SubjectId subjectId,
        Set<RetentionClass> retentionClasses,
        List<String> holdIds,
        ShreddingReason reason,
        String reference,
        String usagePeriod,
        String receiptRecord) {

    /** A usage period's (or whole classes') shredding withheld. */
    public ShreddingWithheldEvent(SubjectId subjectId, Set<RetentionClass> retentionClasses, List<String> holdIds,
                                  ShreddingReason reason, String reference, String usagePeriod) {
        this(subjectId, retentionClasses, holdIds, reason, reference, usagePeriod, null);
    }

    /** A class's shredding withheld (or, in events stored before periods existed, any). */
    public ShreddingWithheldEvent(SubjectId subjectId, Set<RetentionClass> retentionClasses, List<String> holdIds,
                                  ShreddingReason reason, String reference) {
        this(subjectId, retentionClasses, holdIds, reason, reference, null, null);
    }
}
