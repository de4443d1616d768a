package io.lethe.core.subject;

import io.lethe.core.personaldata.DataSubjectId;
import io.lethe.core.personaldata.PersonalData;
import io.lethe.core.personaldata.RetentionClass;
import io.lethe.core.personaldata.SafeToString;
import org.axonframework.serialization.Revision;

/** A purchase was recorded: commercial and financial information (CCPA categories B and C). */
@Revision("1")
public record PurchaseRecordedEvent(
        @DataSubjectId SubjectId subjectId,
        PurchaseId purchaseId,
        @PersonalData(RetentionClass.FINANCIAL) String item,
        @PersonalData(RetentionClass.FINANCIAL) Money amount,
        @PersonalData(RetentionClass.FINANCIAL) CardHint card) {

    @Override
    public String toString() {
        return SafeToString.of(this);
    }
}
