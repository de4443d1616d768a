package io.lethe.core.activity;

import io.lethe.core.personaldata.DataSubjectId;
import io.lethe.core.subject.SubjectId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * The subject's first usage data of a period was recorded: the period has a key of its own from
 * now on, and is to be shredded at {@code shredAt} (the rolling retention in force when it opened).
 */
@Revision("1")
public record UsagePeriodOpenedEvent(@DataSubjectId SubjectId subjectId, String period, Instant shredAt) {
}
