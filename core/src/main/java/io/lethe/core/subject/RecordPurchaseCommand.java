package io.lethe.core.subject;

import io.lethe.core.personaldata.DataSubjectId;
import io.lethe.core.personaldata.PersonalData;
import io.lethe.core.personaldata.Redaction;
import io.lethe.core.personaldata.RetentionClass;
import io.lethe.core.personaldata.SafeToString;
import io.lethe.core.validation.Lengths;
import io.lethe.core.validation.NoCardNumber;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records a purchase within the service: what was bought, for how much, and the card hint
 * (expiry and last four digits only — a full card number is refused, policy §7, §17).
 */
public record RecordPurchaseCommand(
        @TargetAggregateIdentifier @DataSubjectId @NotNull SubjectId subjectId,
        @NotNull PurchaseId purchaseId,
        @PersonalData(RetentionClass.FINANCIAL) @NotBlank @Size(max = Lengths.DESCRIPTION) @NoCardNumber String item,
        @PersonalData(value = RetentionClass.FINANCIAL, redaction = Redaction.NULL) @NotNull @Valid Money amount,
        @PersonalData(value = RetentionClass.FINANCIAL, redaction = Redaction.NULL) @NotNull @Valid CardHint card) {

    @Override
    public String toString() {
        return SafeToString.of(this);
    }
}
