package io.lethe.core.provision;

import io.lethe.core.personaldata.DataCategory;
import io.lethe.core.personaldata.DataSubjectId;
import io.lethe.core.personaldata.KeyRecord;
import io.lethe.core.personaldata.PersonalData;
import io.lethe.core.personaldata.RetentionClass;
import io.lethe.core.personaldata.SafeToString;
import io.lethe.core.subject.SubjectId;
import io.lethe.core.validation.Lengths;
import io.lethe.core.validation.NoCardNumber;
import io.lethe.core.validation.Patterns;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;
import java.util.Set;

/**
 * Records the confirmation made on receiving the subject's data from a third party (APPI Art. 30,
 * policy §5): who provided it and how they came to have it.
 * {@code contractRecord}: the contract or service delivery to the individual serves as the record;
 * {@code contractReference} then names the contract, and every record under it is kept one year
 * from the last provision under it ({@link RecordKeeping}).
 */
public record RecordReceiptConfirmationCommand(
        @TargetAggregateIdentifier @DataSubjectId @NotNull SubjectId subjectId,
        @KeyRecord @NotNull @Pattern(regexp = Patterns.REFERENCE, message = "must be a reference (letters, digits, ':', '.', '_', '-')") String receiptId,
        @NotNull @Valid ThirdParty provider,
        @PersonalData(RetentionClass.PROFILE) @NotBlank @Size(max = Lengths.DESCRIPTION) @NoCardNumber String backgroundOfAcquisition,
        @NotEmpty Set<DataCategory> categories,
        boolean contractRecord,
        @NotNull @PastOrPresent LocalDate receivedOn,
        @Pattern(regexp = Patterns.REFERENCE, message = "must be a reference (letters, digits, ':', '.', '_', '-')")
        String contractReference) {

    @Override
    public String toString() {
        return SafeToString.of(this);
    }
}
