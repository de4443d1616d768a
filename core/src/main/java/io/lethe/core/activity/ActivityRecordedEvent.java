package io.lethe.core.activity;

import io.lethe.core.personaldata.DataSubjectId;
import io.lethe.core.personaldata.KeyPeriod;
import io.lethe.core.personaldata.PersonalData;
import io.lethe.core.personaldata.Redaction;
import io.lethe.core.personaldata.RetentionClass;
import io.lethe.core.personaldata.SafeToString;
import io.lethe.core.subject.SubjectId;
import org.axonframework.serialization.Revision;

import java.util.List;

/**
 * Network activity of one subject within one usage period (CCPA category D): the pieces are sealed
 * together under the period's own key, which the rolling retention shreds when the period is old
 * enough. {@code count} is how many pieces there are, which is not personal data; the event's
 * metadata repeats it and the period ({@link #PIECES}, {@link #PERIOD}), so that a reader can count
 * and place a subject's activity without opening it.
 */
@Revision("1")
public record ActivityRecordedEvent(
        @DataSubjectId SubjectId subjectId,
        @KeyPeriod String period,
        int count,
        @PersonalData(value = RetentionClass.USAGE, redaction = Redaction.NULL) List<UsageActivity> activities) {

    /** Metadata: how many pieces the event holds. */
    public static final String PIECES = "pieces";
    /** Metadata: the usage period the event's pieces are sealed under. */
    public static final String PERIOD = "usagePeriod";
    /**
     * Metadata: the digests of the service's own identifiers of the pieces that carry one (see
     * {@link UsageActivity#pieceId()}), comma-separated: what a later command needs to record each
     * identified piece once, without opening any piece. A digest, not the identifier.
     */
    public static final String PIECE_DIGESTS = "pieceDigests";

    @Override
    public String toString() {
        return SafeToString.of(this);
    }
}
