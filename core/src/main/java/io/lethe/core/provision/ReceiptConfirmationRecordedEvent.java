package io.lethe.core.provision;

import io.lethe.core.personaldata.DataSubjectId;
import io.lethe.core.personaldata.KeyRecord;
import io.lethe.core.personaldata.PersonalData;
import io.lethe.core.personaldata.RetentionClass;
import io.lethe.core.subject.SubjectId;
import org.axonframework.serialization.Revision;
import io.lethe.core.personaldata.DataCategory;

import java.time.LocalDate;
import java.util.Set;

/**
 * A receipt confirmation was recorded, to be kept until {@code keepUntil}.
 * {@code contractReference}: the contract a contract record was made under (null for a standalone record,
 * and in records made before it was asked for); a later record under it moves {@code keepUntil}
 * ({@link ProvisionRecordsKeptLongerEvent}). {@code backgroundOfAcquisition} is free text and may hold
 * personal data: it is sealed under the receipt's own key ({@link KeyRecord}), which outlives an erasure
 * of the profile and is shredded when the record's keeping period ends. Revision 1 stored it in the
 * clear.
 */
@Revision("2")
public record ReceiptConfirmationRecordedEvent(
        @DataSubjectId SubjectId subjectId,
        @KeyRecord String receiptId,
        ThirdParty provider,
        @PersonalData(value = RetentionClass.PROFILE, sealedSince = "2") String backgroundOfAcquisition,
        Set<DataCategory> categories,
        LocalDate receivedOn,
        LocalDate keepUntil,
        String contractReference) {

    @Override
    public String toString() {
        return io.lethe.core.personaldata.SafeToString.of(this);
    }
}
