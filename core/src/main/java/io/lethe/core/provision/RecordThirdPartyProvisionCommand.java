package io.lethe.core.provision;

import io.lethe.core.personaldata.DataSubjectId;
import io.lethe.core.subject.SubjectId;
import jakarta.validation.constraints.NotNull;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import io.lethe.core.personaldata.DataCategory;
import io.lethe.core.validation.Patterns;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PastOrPresent;

import java.time.LocalDate;
import java.util.Set;

/**
 * Records that the subject's data was provided to a third party (APPI Art. 29). Refused when the
 * provision is a sale or sharing the subject opted out of or is too young for, and for a Japanese
 * subject when the recipient is abroad without an equivalent system and no consent is recorded.
 * {@code contractRecord}: the contract or service delivery to the individual serves as the record;
 * {@code contractReference} then names the contract, and every record under it is kept one year
 * from the last provision under it ({@link RecordKeeping}).
 */
public record RecordThirdPartyProvisionCommand(
        @TargetAggregateIdentifier @DataSubjectId @NotNull SubjectId subjectId,
        @NotNull @Pattern(regexp = Patterns.REFERENCE, message = "must be a reference (letters, digits, ':', '.', '_', '-')") String provisionId,
        @NotNull @Valid ThirdParty recipient,
        @NotEmpty Set<DataCategory> categories,
        boolean saleOrSharing,
        boolean contractRecord,
        @NotNull @PastOrPresent LocalDate providedOn,
        @Pattern(regexp = Patterns.REFERENCE, message = "must be a reference (letters, digits, ':', '.', '_', '-')")
        String contractReference) {
}
