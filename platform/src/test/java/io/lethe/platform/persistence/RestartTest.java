package io.lethe.platform.persistence;

import io.lethe.core.crypto.PersonalDataSeals;
import io.lethe.core.jurisdiction.Jurisdiction;
import io.lethe.core.subject.FindSubjectSummaryQuery;
import io.lethe.core.subject.RegisterAccountCommand;
import io.lethe.core.subject.SubjectId;
import io.lethe.core.subject.SubjectSummary;
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
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The embedded default keeps its data across restarts: the platform is stopped (and with it the
 * embedded PostgreSQL, which has a data directory of its own here) and started again on the same
 * directory, and the subject, its event stream and the processors' positions are all still there.
 */
class RestartTest {

    @TempDir
    Path dataDirectory;

    @Test
    void aRestartKeepsEventsProjectionsAndTokens() {
        SubjectId subject = SubjectId.random();
        long eventsBefore;
        try (ConfigurableApplicationContext first = start()) {
            first.getBean(CommandGateway.class).sendAndWait(new RegisterAccountCommand(subject, Jurisdiction.TW,
                    "Lin Mei", LocalDate.of(1990, 3, 3), null, "lin.mei@example.tw", null, null));
            await().atMost(Duration.ofSeconds(20)).until(() -> summary(first, subject).isPresent());
            eventsBefore = events(first);
        }

        try (ConfigurableApplicationContext second = start()) {
            assertThat(events(second)).isEqualTo(eventsBefore);
            assertThat(summary(second, subject)).get()
                    .extracting(summary -> second.getBean(PersonalDataSeals.class).open(subject.toString(), "name", summary.name()))
                    .isEqualTo("Lin Mei");
            assertThat(second.getBean(JdbcTemplate.class)
                    .queryForObject("SELECT count(*) FROM token_entry WHERE processor_name = 'subject-summary'", Long.class))
                    .isPositive();
        }
    }

    private ConfigurableApplicationContext start() {
        return EmbeddedPlatform.start(dataDirectory);
    }

    private static long events(ConfigurableApplicationContext context) {
        return context.getBean(JdbcTemplate.class).queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    }

    private static Optional<SubjectSummary> summary(ConfigurableApplicationContext context, SubjectId subject) {
        return context.getBean(QueryGateway.class)
                .query(new FindSubjectSummaryQuery(subject), ResponseTypes.optionalInstanceOf(SubjectSummary.class))
                .join();
    }
}
