package io.lethe.platform.privacycenter;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PrivacyCenterProperties.class)
class PrivacyCenterConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PrivacyCenterConfiguration.class);

    /**
     * Hourly, on one node: challenges a day past their expiry go (the public form could otherwise grow the
     * table without end), status links older than {@code lethe.privacy-center.link-kept-for}, and agents'
     * proofs whose challenge made no request within a day.
     */
    @Bean
    RecurringTask<Void> privacyCenterHousekeeping(JdbcClient jdbc, PrivacyCenterProperties properties, AuthorityProofs proofs,
                                                  SignedAssertions assertions) {
        return Tasks.recurring("privacy-center-housekeeping", FixedDelay.of(Duration.ofHours(1)))
                .execute((instance, context) -> {
                    Instant now = Instant.now();
                    int challenges = jdbc.sql("DELETE FROM privacy_center_challenge WHERE expires_at < :before")
                            .param("before", now.minus(Duration.ofDays(1)).atOffset(ZoneOffset.UTC)).update();
                    int links = jdbc.sql("DELETE FROM privacy_center_link WHERE created_at < :before")
                            .param("before", now.minus(properties.linkKeptFor()).atOffset(ZoneOffset.UTC)).update();
                    int unused = proofs.purge(now.minus(Duration.ofDays(1)));
                    assertions.purge(now.minus(Duration.ofDays(1)));
                    if (challenges + links + unused > 0) {
                        log.info("Privacy center: {} expired challenges, {} old status links and {} unused proofs removed",
                                challenges, links, unused);
                    }
                });
    }
}
