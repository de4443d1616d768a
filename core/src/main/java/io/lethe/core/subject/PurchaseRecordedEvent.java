package io.lethe.core.subject;

import io.lethe.core.personaldata.DataSubjectId;
import io.lethe.core.personaldata.PersonalData;
import io.lethe.core.personaldata.Redaction;
import io.lethe.core.personaldata.RetentionClass;
import io.lethe.core.personaldata.SafeToString;
import org.axonframework.serialization.Revision;

/** A purchase was recorded: commercial and financial information (CCPA categories B and C). */
@Revision("1")
public record PurchaseRecordedEvent(
        @DataSubjectId SubjectId subjectId,
        PurchaseId purchaseId,
        @PersonalData(RetentionClass.FINANCIAL) String item,
        @PersonalData(value = RetentionClass.FINANCIAL, redaction = Redaction.NULL) Money amount,
        @PersonalData(value = RetentionClass.FINANCIAL, redaction = Redaction.NULL) CardHint card) {

    @Override
    public String toString() {
        return SafeToString.of(this);
    }
}
