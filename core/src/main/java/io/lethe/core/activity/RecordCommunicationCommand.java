package io.lethe.core.activity;

import io.lethe.core.personaldata.DataSubjectId;
import io.lethe.core.personaldata.PersonalData;
import io.lethe.core.personaldata.RetentionClass;
import io.lethe.core.personaldata.SafeToString;
import io.lethe.core.subject.SubjectId;
import io.lethe.core.validation.Lengths;
import io.lethe.core.validation.NoCardNumber;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.UUID;

/**
 * Records an inquiry, voice record, message or file of the subject (CCPA category E). The content
 * is kept as text (an inquiry's text, a transcript) and/or as a reference to where the recording or
 * file is stored; at least one of them is given.
 */
public record RecordCommunicationCommand(
        @TargetAggregateIdentifier @DataSubjectId @NotNull SubjectId subjectId,
        @NotNull UUID communicationId,
        @NotNull CommunicationKind kind,
        @NotNull Instant occurredAt,
        @PersonalData(RetentionClass.COMMUNICATIONS) @Size(max = Lengths.TARGET) @NoCardNumber String topic,
        @PersonalData(RetentionClass.COMMUNICATIONS) @Size(max = Lengths.CONTENT) @NoCardNumber String content,
        @PersonalData(RetentionClass.COMMUNICATIONS) @Size(max = Lengths.DETAIL) @NoCardNumber String contentReference) {

    @Override
    public String toString() {
        return SafeToString.of(this);
    }
}
