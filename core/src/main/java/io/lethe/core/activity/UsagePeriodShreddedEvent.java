package io.lethe.core.activity;

import io.lethe.core.personaldata.DataSubjectId;
import io.lethe.core.subject.SubjectId;
import org.axonframework.serialization.Revision;

/**
 * The key of one usage period was destroyed by the rolling retention: the activity and inferences
 * recorded in it read as erased from now on, everywhere; the subject's other data is untouched.
 */
@Revision("1")
public record UsagePeriodShreddedEvent(@DataSubjectId SubjectId subjectId, String period, String reference) {
}
