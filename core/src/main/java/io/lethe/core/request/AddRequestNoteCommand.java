package io.lethe.core.request;

import io.lethe.core.personaldata.DataSubjectId;
import io.lethe.core.personaldata.PersonalData;
import io.lethe.core.personaldata.RetentionClass;
import io.lethe.core.personaldata.SafeToString;
import io.lethe.core.subject.SubjectId;
import io.lethe.core.validation.Lengths;
import io.lethe.core.validation.NoCardNumber;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

/**
 * Privacy staff note something about handling a request, for each other (a call back, a document
 * asked for, why a step waits). Internal: never part of the answer to the subject. It may well name
 * the subject, so it is the subject's personal data, sealed with their communications and erased with
 * them. A request keeps at most {@value #MAX_NOTES}, open or closed.
 */
public record AddRequestNoteCommand(
        @TargetAggregateIdentifier @DataSubjectId @NotNull SubjectId subjectId,
        @NotNull RequestId requestId,
        @NotNull UUID noteId,
        @PersonalData(RetentionClass.COMMUNICATIONS) @NotBlank @Size(max = Lengths.NOTE) @NoCardNumber String text) {

    /** The most notes one request keeps. */
    public static final int MAX_NOTES = 200;

    @Override
    public String toString() {
        return SafeToString.of(this);
    }
}
