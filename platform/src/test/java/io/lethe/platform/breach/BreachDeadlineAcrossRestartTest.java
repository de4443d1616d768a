package io.lethe.platform.breach;

import io.lethe.core.breach.BreachFacts;
import io.lethe.core.breach.BreachId;
import io.lethe.core.breach.ReportBreachCommand;
import io.lethe.core.jurisdiction.Jurisdiction;
import io.lethe.core.personaldata.DataCategory;
import io.lethe.platform.EmbeddedPlatform;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A breach's 72-hour clock through the real deadline store: scheduled, the platform stops before it
 * is due, and after the restart the unsent authority notice is escalated.
 */
class BreachDeadlineAcrossRestartTest {

    @TempDir
    Path dataDirectory;

    @Test
    void anAuthorityDeadlineScheduledBeforeARestartEscalatesAfterIt() {
        BreachId breach = BreachId.random();
        Instant aware = Instant.now().minus(Duration.ofHours(72)).plusSeconds(15);
        try (ConfigurableApplicationContext first = start()) {
            first.getBean(CommandGateway.class).sendAndWait(new ReportBreachCommand(breach, aware,
                    new BreachFacts(Map.of(Jurisdiction.EU, 25), Set.of(DataCategory.A_IDENTIFIERS), false, false, false, false),
                    "incident-restart", null));
            await().atMost(Duration.ofSeconds(10)).until(() -> first.getBean(JdbcTemplate.class).queryForObject(
                    "SELECT count(*) FROM scheduled_tasks", Long.class) >= 1);
            assertThat(overdueEvents(first, breach)).isZero();
        }
        try (ConfigurableApplicationContext second = start()) {
            await().atMost(Duration.ofSeconds(60)).until(() -> overdueEvents(second, breach) == 1);
            await().atMost(Duration.ofSeconds(20)).until(() -> second.getBean(JdbcTemplate.class).queryForObject(
                    "SELECT count(*) FROM breach_duty WHERE breach_id = ?::uuid AND overdue_since IS NOT NULL",
                    Long.class, breach.toString()) == 1);
        }
    }

    private ConfigurableApplicationContext start() {
        return EmbeddedPlatform.start(dataDirectory, "--db-scheduler.polling-interval=1s");
    }

    private static long overdueEvents(ConfigurableApplicationContext context, BreachId breach) {
        return context.getBean(JdbcTemplate.class).queryForObject("""
                SELECT count(*) FROM domain_event_entry
                WHERE aggregate_identifier = ? AND payload_type LIKE '%BreachDutyOverdueEvent'""", Long.class, breach.toString());
    }
}
