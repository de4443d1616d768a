package io.lethe.core.provision;

import io.lethe.core.personaldata.DataSubjectId;
import io.lethe.core.subject.SubjectId;
import org.axonframework.serialization.Revision;

/**
 * A receipt record's key was destroyed, at the end of its keeping period: what it held of the
 * subject (the background of the acquisition) reads as erased from now on, wherever it lies.
 */
@Revision("1")
public record ReceiptRecordShreddedEvent(
        @DataSubjectId SubjectId subjectId,
        String receiptId,
        String reference) {
}
