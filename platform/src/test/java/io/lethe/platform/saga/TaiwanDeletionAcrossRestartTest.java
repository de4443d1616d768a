package io.lethe.platform.saga;

import io.lethe.core.crypto.Sealed;
import io.lethe.core.jurisdiction.Jurisdiction;
import io.lethe.core.personaldata.RetentionClass;
import io.lethe.core.subject.DeletionEvidence;
import io.lethe.core.subject.FindDeletionEvidenceQuery;
import io.lethe.core.subject.FindSubjectSummaryQuery;
import io.lethe.core.subject.PlaceLegalHoldCommand;
import io.lethe.core.subject.RecordRetentionExceptionCommand;
import io.lethe.core.subject.RetentionExceptionGround;
import io.lethe.core.subject.RegisterAccountCommand;
import io.lethe.core.subject.SubjectId;
import io.lethe.core.subject.SubjectSummary;
import io.lethe.core.subject.TerminateAccountCommand;
import io.lethe.core.subject.TerminationReason;
import io.lethe.platform.DatabaseForensics;
import io.lethe.platform.EmbeddedPlatform;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Set;

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
        SubjectId excepted = SubjectId.random();
        try (ConfigurableApplicationContext first = start()) {
            CommandGateway commands = first.getBean(CommandGateway.class);
            commands.sendAndWait(new RegisterAccountCommand(excepted, Jurisdiction.TW, "Lai Yu-Ting",
                    LocalDate.of(1979, 2, 2), null, "yuting@example.tw", null, "TW12345678901"));
            commands.sendAndWait(new TerminateAccountCommand(excepted, TerminationReason.SUBJECT_REQUEST));
            commands.sendAndWait(new RecordRetentionExceptionCommand(excepted, Set.of(RetentionClass.FINANCIAL),
                    RetentionExceptionGround.SPECIAL_PROVISION_OF_LAW, "tax-act-art-11", LocalDate.now().plusYears(5)));
            commands.sendAndWait(new PlaceLegalHoldCommand(excepted, "hold-1", Set.of(RetentionClass.USAGE), "case-2026-1"));
            commands.sendAndWait(new RegisterAccountCommand(subject, Jurisdiction.TW, "Chen Wen-Hsin",
                    LocalDate.of(1984, 6, 4), "No. 7 Xinyi Rd, Taipei", "wenhsin.chen@example.tw", null, null));
            commands.sendAndWait(new TerminateAccountCommand(subject, TerminationReason.SUBJECT_REQUEST));
            await().atMost(Duration.ofSeconds(20)).until(() -> first.getBean(JdbcTemplate.class).queryForObject(
                    "SELECT count(*) FROM scheduled_tasks", Long.class) >= 9);
            assertThat(shreddings(first, subject)).isZero();
        }

        try (ConfigurableApplicationContext second = start()) {
            await().atMost(Duration.ofSeconds(60)).until(() -> shreddings(second, subject) == 4);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(second.getBean(QueryGateway.class)
                    .query(new FindSubjectSummaryQuery(subject), ResponseTypes.optionalInstanceOf(SubjectSummary.class))
                    .join()).get().extracting(SubjectSummary::name).isEqualTo(Sealed.ERASED));
            DatabaseForensics forensics = new DatabaseForensics(second.getBean(JdbcTemplate.class));
            for (String value : new String[]{"Chen Wen-Hsin", "wenhsin.chen@example.tw", "Xinyi Rd", "1984-06-04"}) {
                assertThat(forensics.whereFound(value)).as("where %s is still stored", value).isEmpty();
            }
            // the evidence record: everything destroyed on the Taiwan ground, by the retention process
            QueryGateway queries = second.getBean(QueryGateway.class);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(evidence(queries, subject).classes())
                    .hasSize(4)
                    .allSatisfy(outcome -> {
                        assertThat(outcome.state()).isEqualTo(DeletionEvidence.State.DESTROYED);
                        assertThat(outcome.reason()).isEqualTo("TERMINATION_DELETION");
                        assertThat(outcome.reference()).isEqualTo("saga:retention:" + subject);
                    }));
            // the other subject: the excepted and the held class remain, and the record says why
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(evidence(queries, excepted).classes())
                    .extracting(outcome -> outcome.retentionClass() + "=" + outcome.state())
                    .containsExactlyInAnyOrder("PROFILE=DESTROYED", "COMMUNICATIONS=DESTROYED",
                            "FINANCIAL=KEPT_BY_EXCEPTION", "USAGE=KEPT_BY_LEGAL_HOLD"));
            assertThat(evidence(queries, excepted).classes()).anySatisfy(outcome -> {
                assertThat(outcome.state()).isEqualTo(DeletionEvidence.State.KEPT_BY_LEGAL_HOLD);
                assertThat(outcome.holds()).containsExactly("hold-1");
            });
            assertThat(forensics.whereFound("Lai Yu-Ting")).isEmpty();
            assertThat(second.getBean(JdbcTemplate.class).queryForObject(
                    "SELECT count(*) FROM saga_entry", Long.class)).as("the fully erased subject's saga ended").isEqualTo(1L);
        }
    }

    private ConfigurableApplicationContext start() {
        return EmbeddedPlatform.start(dataDirectory, "--lethe.retention.taiwan-deletion=12s", "--db-scheduler.polling-interval=1s");
    }

    private static DeletionEvidence evidence(QueryGateway queries, SubjectId subject) {
        return queries.query(new FindDeletionEvidenceQuery(subject), ResponseTypes.optionalInstanceOf(DeletionEvidence.class))
                .join().orElseThrow();
    }

    private static long shreddings(ConfigurableApplicationContext context, SubjectId subject) {
        return context.getBean(JdbcTemplate.class).queryForObject("""
                SELECT count(*) FROM domain_event_entry
                WHERE aggregate_identifier = ? AND payload_type LIKE '%PersonalDataShreddedEvent'""",
                Long.class, subject.toString());
    }
}
