package io.lethe.platform.saga;

import io.lethe.core.jurisdiction.Jurisdiction;
import io.lethe.core.subject.FindSubjectSummaryQuery;
import io.lethe.core.subject.RegisterAccountCommand;
import io.lethe.core.subject.SubjectId;
import io.lethe.core.subject.SubjectSummary;
import io.lethe.core.subject.TerminateAccountCommand;
import io.lethe.core.subject.TerminationReason;
import io.lethe.platform.DatabaseForensics;
import io.lethe.platform.LetheApplication;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Taiwan's deletion on termination through the real deadline store: the deadline is scheduled,
 * the platform stops before it is due, and after the restart it fires and every class of the
 * subject's data is shredded — found nowhere in the database afterwards.
 */
class TaiwanDeletionAcrossRestartTest {

    @TempDir
    Path dataDirectory;

    @Test
    void aDeadlineScheduledBeforeARestartFiresAfterIt() {
        SubjectId subject = SubjectId.random();
        try (ConfigurableApplicationContext first = start()) {
            CommandGateway commands = first.getBean(CommandGateway.class);
            commands.sendAndWait(new RegisterAccountCommand(subject, Jurisdiction.TW, "Chen Wen-Hsin",
                    LocalDate.of(1984, 6, 4), "No. 7 Xinyi Rd, Taipei", "wenhsin.chen@example.tw", null, null));
            commands.sendAndWait(new TerminateAccountCommand(subject, TerminationReason.SUBJECT_REQUEST));
            await().atMost(Duration.ofSeconds(20)).until(() -> first.getBean(JdbcTemplate.class).queryForObject(
                    "SELECT count(*) FROM scheduled_tasks", Long.class) >= 4);
            assertThat(shreddings(first, subject)).isZero();
        }

        try (ConfigurableApplicationContext second = start()) {
            await().atMost(Duration.ofSeconds(60)).until(() -> shreddings(second, subject) == 4);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(second.getBean(QueryGateway.class)
                    .query(new FindSubjectSummaryQuery(subject), ResponseTypes.optionalInstanceOf(SubjectSummary.class))
                    .join()).get().extracting(SubjectSummary::name).isEqualTo("[erased]"));
            DatabaseForensics forensics = new DatabaseForensics(second.getBean(JdbcTemplate.class));
            for (String value : new String[]{"Chen Wen-Hsin", "wenhsin.chen@example.tw", "Xinyi Rd", "1984-06-04"}) {
                assertThat(forensics.whereFound(value)).as("where %s is still stored", value).isEmpty();
            }
            assertThat(second.getBean(JdbcTemplate.class).queryForObject(
                    "SELECT count(*) FROM saga_entry", Long.class)).as("the saga ended").isZero();
        }
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(LetheApplication.class).run(
                "--lethe.embedded-postgres.data-directory=" + dataDirectory.resolve("postgres"),
                "--lethe.embedded-postgres.port=0",
                "--lethe.embedded-postgres.database=lethe",
                "--lethe.crypto.kek-file=" + dataDirectory.resolve("lethe.kek"),
                "--lethe.retention.taiwan-deletion=12s",
                "--db-scheduler.polling-interval=1s",
                "--server.port=0");
    }

    private static long shreddings(ConfigurableApplicationContext context, SubjectId subject) {
        return context.getBean(JdbcTemplate.class).queryForObject("""
                SELECT count(*) FROM domain_event_entry
                WHERE aggregate_identifier = ? AND payload_type LIKE '%PersonalDataShreddedEvent'""",
                Long.class, subject.toString());
    }
}
