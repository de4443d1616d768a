package io.lethe.core.activity;

import io.lethe.core.personaldata.DataCategory;
import io.lethe.core.personaldata.DataSubjectId;
import io.lethe.core.personaldata.PersonalData;
import io.lethe.core.personaldata.Redaction;
import io.lethe.core.personaldata.RetentionClass;
import io.lethe.core.personaldata.SafeToString;
import io.lethe.core.subject.SubjectId;
import io.lethe.core.validation.Lengths;
import io.lethe.core.validation.NoCardNumber;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Records an inference drawn about the subject (CCPA category F: a profile of preferences or
 * behaviour), with what it was drawn from: the categories, and references to the source records
 * (a usage period, a communication id). {@code sensitive} marks an inference about a sensitive
 * characteristic (health, beliefs…), which a limit on sensitive use (CPRA 1798.121) forbids.
 */
public record RecordInferenceCommand(
        @TargetAggregateIdentifier @DataSubjectId @NotNull SubjectId subjectId,
        @NotNull UUID inferenceId,
        @PersonalData(RetentionClass.USAGE) @NotBlank @Size(max = Lengths.TARGET) @NoCardNumber String characteristic,
        @PersonalData(RetentionClass.USAGE) @NotBlank @Size(max = Lengths.DETAIL) @NoCardNumber String value,
        @NotEmpty Set<@NotNull DataCategory> drawnFrom,
        @PersonalData(value = RetentionClass.USAGE, redaction = Redaction.NULL)
        @Size(max = RecordInferenceCommand.MAX_SOURCES) List<@NotBlank @Size(max = Lengths.TARGET) String> sources,
        @NotBlank @Size(max = Lengths.INFERRED_BY) String inferredBy,
        boolean sensitive) {

    /** The most source records one inference names. */
    public static final int MAX_SOURCES = 100;

    @Override
    public String toString() {
        return SafeToString.of(this);
    }
}
