package io.lethe.core.purpose;

import jakarta.validation.constraints.NotNull;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Sent once a page of the subjects a purpose change affects has each been sent its
 * {@link RecordPurposeChangeNoticeCommand}: the change records how far its notices have reached
 * (pages count from 1, in order) and, with {@code last}, that every affected subject is owed one.
 * A page recorded before is refused, so a page walked again after a crash is not counted twice.
 */
public record RecordPurposeChangeNoticePageCommand(
        @TargetAggregateIdentifier @NotNull String changeId,
        int page,
        int subjectsOwed,
        boolean last) {
}
