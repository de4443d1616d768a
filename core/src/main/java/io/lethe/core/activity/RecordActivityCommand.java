package io.lethe.core.activity;

import io.lethe.core.personaldata.DataSubjectId;
import io.lethe.core.personaldata.PersonalData;
import io.lethe.core.personaldata.Redaction;
import io.lethe.core.personaldata.RetentionClass;
import io.lethe.core.personaldata.SafeToString;
import io.lethe.core.subject.SubjectId;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * Records a subject's network activity, as many pieces as a product service has gathered for them.
 * All or none: one piece the subject's retention refuses refuses the command.
 */
public record RecordActivityCommand(
        @TargetAggregateIdentifier @DataSubjectId @NotNull SubjectId subjectId,
        @PersonalData(value = RetentionClass.USAGE, redaction = Redaction.NULL)
        @NotEmpty @Size(max = RecordActivityCommand.MAX_PIECES) List<@NotNull @Valid UsageActivity> activities) {

    /** The most pieces one command (and one request of the batch endpoint) carries. */
    public static final int MAX_PIECES = 5_000;

    @Override
    public String toString() {
        return SafeToString.of(this);
    }
}
