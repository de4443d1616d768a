package io.lethe.command.imports;

import io.lethe.core.refusal.Refusal;
import io.lethe.core.refusal.RefusedException;

/** The ways an import's upload can be declined. */
final class ImportRefusals {

    /** The problem type of an upload that meets another one running, or lost its lease to it. */
    static final String BUSY = "import-busy";

    private ImportRefusals() {
    }

    static RefusedException notFound() {
        return RefusedException.because("import-not-found", Refusal.Kind.NOT_FOUND, "No import with this id is known.");
    }

    static RefusedException busy() {
        return RefusedException.because(BUSY, Refusal.Kind.CONFLICT,
                "Another upload of this import is running; upload again when it has ended (its progress is kept).");
    }

    static RefusedException linesMissing() {
        return RefusedException.because("import-lines-missing", Refusal.Kind.CONFLICT,
                "The upload starts after a line the import has not received; resume from the line after `linesDone`.");
    }
}
