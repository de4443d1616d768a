package io.lethe.core.purpose;

import io.lethe.core.personaldata.DataCategory;
import io.lethe.core.personaldata.Purpose;
import io.lethe.core.validation.Patterns;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;
import java.util.Set;

/**
 * Announces a change of the purposes of use (policy §3): which purposes change, which categories
 * of data it touches, from when, and where the notice's text is kept. Every subject holding data
 * of those categories is then owed a notification.
 */
public record AnnouncePurposeChangeCommand(
        @TargetAggregateIdentifier @NotNull @Pattern(regexp = Patterns.REFERENCE, message = "must be a reference (letters, digits, ':', '.', '_', '-')") String changeId,
        @NotEmpty Set<Purpose> purposes,
        @NotEmpty Set<DataCategory> categories,
        @NotNull LocalDate effectiveOn,
        @NotNull @Pattern(regexp = Patterns.REFERENCE, message = "must be a reference (letters, digits, ':', '.', '_', '-')") String noticeReference) {
}
