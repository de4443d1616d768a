package io.lethe.core.subject;

import io.lethe.core.personaldata.RetentionClass;
import io.lethe.core.validation.Lengths;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.Set;

/**
 * What a shredding did, class by class: the keys it destroyed, those that had been destroyed before,
 * and those a legal hold kept, with the holds that kept them. A withheld class is not forgotten: it
 * is shredded on the same ground as soon as no hold keeps it. No personal data.
 */
public record ShreddingOutcome(
        Set<RetentionClass> destroyed,
        Set<RetentionClass> alreadyDestroyed,
        Set<RetentionClass> withheld,
        @Size(max = PlaceLegalHoldCommand.MAX_HOLDS_AT_ONCE) List<@Size(max = Lengths.REFERENCE) String> withheldBy) {

    public ShreddingOutcome {
        destroyed = Set.copyOf(destroyed);
        alreadyDestroyed = Set.copyOf(alreadyDestroyed);
        withheld = Set.copyOf(withheld);
        withheldBy = List.copyOf(withheldBy);
    }

    /** Whether some of what was asked still waits for a hold to be released. */
    public boolean partlyWithheld() {
        return !withheld.isEmpty();
    }
}
