package io.lethe.core.breach;

import io.lethe.core.validation.Patterns;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import io.lethe.core.subject.SubjectId;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.Set;

/**
 * Reports a breach: when the company became aware of it, its facts, and where its description is
 * kept ({@code summaryReference}; no free text here, so no personal data slips in). Affected
 * subjects are optional: a count per jurisdiction is enough to derive the duties.
 */
public record ReportBreachCommand(
        @TargetAggregateIdentifier @NotNull BreachId breachId,
        @NotNull Instant awareAt,
        @NotNull @Valid BreachFacts facts,
        @Pattern(regexp = Patterns.REFERENCE, message = "must be a reference (letters, digits, ':', '.', '_', '-')") String summaryReference,
        @Size(max = ReportBreachCommand.MAX_AFFECTED_SUBJECTS) Set<SubjectId> affectedSubjects) {

    /** The most subjects one report names; beyond that the facts carry the count per jurisdiction, which is what the duties are derived from. */
    public static final int MAX_AFFECTED_SUBJECTS = 100_000;
}
