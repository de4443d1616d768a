package io.lethe.core.activity;

import io.lethe.core.personaldata.DataSubjectId;
import io.lethe.core.personaldata.PersonalData;
import io.lethe.core.personaldata.Redaction;
import io.lethe.core.personaldata.RetentionClass;
import io.lethe.core.personaldata.SafeToString;
import io.lethe.core.subject.SubjectId;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * Files pieces of one subject's network activity that all happened in one usage period with that
 * period's aggregate ({@code usagePeriod}: the subject and the period, as the key vault names the
 * period's key). Sent by {@code UsageRecording} once the subject has opened the period.
 */
public record RecordPeriodActivityCommand(
        @TargetAggregateIdentifier @NotBlank String usagePeriod,
        @DataSubjectId @NotNull SubjectId subjectId,
        @NotBlank String period,
        @PersonalData(value = RetentionClass.USAGE, redaction = Redaction.NULL)
        @NotEmpty @Size(max = RecordActivityCommand.MAX_PIECES) List<@NotNull @Valid UsageActivity> activities) {

    @Override
    public String toString() {
        return SafeToString.of(this);
    }
}
