package io.lethe.core.subject;

import io.lethe.core.personaldata.DataSubjectId;
import io.lethe.core.personaldata.RetentionClass;
import jakarta.validation.constraints.NotNull;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A key was destroyed and its shredding written in the shred ledger, but the event stating it was
 * not stored: the vault's database committed and the event store then failed (with Axon Server the
 * two commit one after the other). The subject records the shredding now, as it happened — whatever
 * holds were placed since, since the key is gone. {@code usagePeriod} or {@code receiptRecord} names
 * the period's or the record's key, when it was one of those; both null for a class of the subject.
 */
public record RecordLostShreddingCommand(
        @TargetAggregateIdentifier @DataSubjectId @NotNull SubjectId subjectId,
        @NotNull RetentionClass retentionClass,
        String usagePeriod,
        String receiptRecord,
        @NotNull ShreddingReason reason,
        String reference) {
}
