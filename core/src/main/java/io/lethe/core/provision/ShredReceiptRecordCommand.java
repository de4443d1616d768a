package io.lethe.core.provision;

import io.lethe.core.personaldata.DataSubjectId;
import io.lethe.core.subject.SubjectId;
import io.lethe.core.validation.Patterns;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A receipt record's keeping period ended (APPI Art. 30; {@link RecordKeeping}): its own key, which
 * seals what it holds of the subject, is destroyed — unless a legal hold on PROFILE keeps it.
 * {@code reference} names the process that decided it.
 */
public record ShredReceiptRecordCommand(
        @TargetAggregateIdentifier @DataSubjectId @NotNull SubjectId subjectId,
        @NotNull @Pattern(regexp = Patterns.REFERENCE) String receiptId,
        @NotNull @Pattern(regexp = Patterns.REFERENCE) String reference) {
}
