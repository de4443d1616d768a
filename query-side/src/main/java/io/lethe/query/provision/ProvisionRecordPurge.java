package io.lethe.query.provision;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Records past their keeping period go, daily and once shortly after start. A job of its own, apart
 * from the register's controller: a node leaves out what a side runs (handlers, jobs) when it lacks
 * the side's role, and a controller carrying this job had been left out with it, so the register was
 * served only by nodes with the query role.
 */
@Component
class ProvisionRecordPurge {

    private static final Logger log = LoggerFactory.getLogger(ProvisionRecordPurge.class);

    private final JdbcClient jdbc;

    ProvisionRecordPurge(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT24H")
    int purgeExpired() {
        int purged = jdbc.sql("DELETE FROM provision_record WHERE keep_until < current_date").update();
        if (purged > 0) {
            log.info("Purged {} provision and receipt records past their keeping period", purged);
        }
        return purged;
    }
}
