package io.lethe.core.provision;

import io.lethe.core.personaldata.DataSubjectId;
import io.lethe.core.subject.SubjectId;
import org.axonframework.serialization.Revision;
import io.lethe.core.personaldata.DataCategory;

import java.time.LocalDate;
import java.util.Set;

/** A receipt confirmation was recorded, to be kept until {@code keepUntil}. */
@Revision("1")
public record ReceiptConfirmationRecordedEvent(
        @DataSubjectId SubjectId subjectId,
        String receiptId,
        ThirdParty provider,
        String backgroundOfAcquisition,
        Set<DataCategory> categories,
        LocalDate receivedOn,
        LocalDate keepUntil) {
}
