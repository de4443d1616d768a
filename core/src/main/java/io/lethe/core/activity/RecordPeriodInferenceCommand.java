package io.lethe.core.activity;

import io.lethe.core.personaldata.DataCategory;
import io.lethe.core.personaldata.DataSubjectId;
import io.lethe.core.personaldata.PersonalData;
import io.lethe.core.personaldata.Redaction;
import io.lethe.core.personaldata.RetentionClass;
import io.lethe.core.personaldata.SafeToString;
import io.lethe.core.subject.SubjectId;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Files an inference ({@link RecordInferenceCommand}) with the usage period it was drawn in, once the
 * subject has opened the period.
 */
public record RecordPeriodInferenceCommand(
        @TargetAggregateIdentifier @NotBlank String usagePeriod,
        @DataSubjectId @NotNull SubjectId subjectId,
        @NotBlank String period,
        @NotNull UUID inferenceId,
        @PersonalData(RetentionClass.USAGE) @NotBlank String characteristic,
        @PersonalData(RetentionClass.USAGE) @NotBlank String value,
        @NotEmpty Set<@NotNull DataCategory> drawnFrom,
        @PersonalData(value = RetentionClass.USAGE, redaction = Redaction.NULL) List<String> sources,
        @NotBlank String inferredBy,
        boolean sensitive) {

    @Override
    public String toString() {
        return SafeToString.of(this);
    }
}
