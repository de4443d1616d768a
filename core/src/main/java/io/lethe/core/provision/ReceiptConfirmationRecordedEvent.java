package io.lethe.core.provision;

import io.lethe.core.personaldata.DataSubjectId;
import io.lethe.core.subject.SubjectId;
import org.axonframework.serialization.Revision;
import io.lethe.core.personaldata.DataCategory;

import java.time.LocalDate;
import java.util.Set;

/**
 * A receipt confirmation was recorded, to be kept until {@code keepUntil}.
 * {@code contractReference}: the contract a contract record was made under (null for a standalone record,
 * and in records made before it was asked for); a later record under it moves {@code keepUntil}
 * ({@link ProvisionRecordsKeptLongerEvent}).
 */
@Revision("1")
public record ReceiptConfirmationRecordedEvent(
        @DataSubjectId SubjectId subjectId,
        String receiptId,
        ThirdParty provider,
        String backgroundOfAcquisition,
        Set<DataCategory> categories,
        LocalDate receivedOn,
        LocalDate keepUntil,
        String contractReference) {
}
