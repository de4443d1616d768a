package io.lethe.core.provision;

import io.lethe.core.personaldata.DataSubjectId;
import io.lethe.core.subject.SubjectId;
import jakarta.validation.constraints.NotNull;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import io.lethe.core.personaldata.DataCategory;
import io.lethe.core.validation.NoCardNumber;
import io.lethe.core.validation.Patterns;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;
import java.util.Set;

/**
 * Records the confirmation made on receiving the subject's data from a third party (APPI Art. 30,
 * policy §5): who provided it and how they came to have it.
 */
public record RecordReceiptConfirmationCommand(
        @TargetAggregateIdentifier @DataSubjectId @NotNull SubjectId subjectId,
        @NotNull @Pattern(regexp = Patterns.REFERENCE, message = "must be a reference (letters, digits, ':', '.', '_', '-')") String receiptId,
        @NotNull @Valid ThirdParty provider,
        @NotBlank @Size(max = 500) @NoCardNumber String backgroundOfAcquisition,
        @NotEmpty Set<DataCategory> categories,
        boolean contractRecord,
        @NotNull @PastOrPresent LocalDate receivedOn) {
}
