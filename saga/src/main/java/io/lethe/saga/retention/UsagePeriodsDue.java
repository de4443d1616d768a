package io.lethe.saga.retention;

import io.lethe.core.activity.UsagePeriodOpenedEvent;
import io.lethe.core.activity.UsagePeriodShreddedEvent;
import io.lethe.core.personaldata.RetentionClass;
import io.lethe.core.subject.PersonalDataShreddedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;

/**
 * Which usage periods still hold data, per subject: what the rolling retention's job per period
 * ({@link UsagePeriodRetention}) walks when the period is due. A period opened by a subject adds a
 * row and makes sure its period's job is scheduled; a period's key destroyed — by the job, by a
 * hold's release, or with the whole USAGE class — removes it.
 *
 * <p>It is derived from the events alone, so a reset rebuilds it: a replay re-adds only the periods
 * that were never shredded, and a period the job had already done is sent again at most once more,
 * which the subject ignores (shredding a period twice changes nothing).
 */
@Component
@ProcessingGroup(UsagePeriodsDue.PROCESSING_GROUP)
class UsagePeriodsDue {

    static final String PROCESSING_GROUP = "usage-periods";

    private final JdbcClient jdbc;
    private final UsagePeriodRetention retention;

    UsagePeriodsDue(JdbcClient jdbc, UsagePeriodRetention retention) {
        this.jdbc = jdbc;
        this.retention = retention;
    }

    @EventHandler
    void on(UsagePeriodOpenedEvent event) {
        jdbc.sql("""
                        INSERT INTO usage_period (period, subject_id, shred_at) VALUES (:period, :subject, :shredAt)
                        ON CONFLICT (period, subject_id) DO NOTHING""")
                .param("period", event.period())
                .param("subject", event.subjectId().toString())
                .param("shredAt", Timestamp.from(event.shredAt()))
                .update();
        // every time, not only when the row is new: a retry after the scheduling failed schedules it then
        retention.scheduleIfNotScheduled(event.period(), event.shredAt());
    }

    @EventHandler
    void on(UsagePeriodShreddedEvent event) {
        jdbc.sql("DELETE FROM usage_period WHERE period = :period AND subject_id = :subject")
                .param("period", event.period())
                .param("subject", event.subjectId().toString())
                .update();
    }

    /** The USAGE class goes with every period's key in it. */
    @EventHandler
    void on(PersonalDataShreddedEvent event) {
        if (event.retentionClass() == RetentionClass.USAGE) {
            jdbc.sql("DELETE FROM usage_period WHERE subject_id = :subject")
                    .param("subject", event.subjectId().toString())
                    .update();
        }
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM usage_period").update();
    }
}
