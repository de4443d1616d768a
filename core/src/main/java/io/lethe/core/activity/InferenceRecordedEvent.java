package io.lethe.core.activity;

import io.lethe.core.personaldata.DataCategory;
import io.lethe.core.personaldata.DataSubjectId;
import io.lethe.core.personaldata.KeyPeriod;
import io.lethe.core.personaldata.PersonalData;
import io.lethe.core.personaldata.Redaction;
import io.lethe.core.personaldata.RetentionClass;
import io.lethe.core.personaldata.SafeToString;
import io.lethe.core.subject.SubjectId;
import org.axonframework.serialization.Revision;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * An inference about the subject (CCPA category F) and what it was drawn from. It is usage data,
 * sealed under the key of the period it was drawn in, and goes with that period's rolling retention.
 */
@Revision("1")
public record InferenceRecordedEvent(
        @DataSubjectId SubjectId subjectId,
        @KeyPeriod String period,
        UUID inferenceId,
        @PersonalData(RetentionClass.USAGE) String characteristic,
        @PersonalData(RetentionClass.USAGE) String value,
        Set<DataCategory> drawnFrom,
        @PersonalData(value = RetentionClass.USAGE, redaction = Redaction.NULL) List<String> sources,
        String inferredBy,
        boolean sensitive) {

    @Override
    public String toString() {
        return SafeToString.of(this);
    }
}
