package io.lethe.query.request;

import io.lethe.core.jurisdiction.Jurisdiction;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/**
 * The open requests at a glance, per law, by how soon they are due in that law's own calendar, with
 * the processors' work still owed: what a privacy team looks at first every morning.
 *
 * @param laws            one line per law with open requests, in the laws' order
 * @param processorWork   deletions and corrections processors have yet to confirm
 * @param processorsLate  of those, the ones past their confirm-by time
 */
record RequestOverview(Instant asOf,
                       @ArraySchema(maxItems = 6) List<Law> laws,
                       long processorWork, long processorsLate) {

    /**
     * The open requests of one law: {@code overdue} past their due day; {@code dueIn7Days} due today or
     * within a week; {@code dueIn30Days} after that within thirty days; {@code later}; and
     * {@code clockStopped}, waiting for identity with no due day yet (UK).
     */
    record Law(@Schema(implementation = Jurisdiction.class) String jurisdiction, long open, long overdue,
               long dueIn7Days, long dueIn30Days, long later, long clockStopped) {
    }
}
