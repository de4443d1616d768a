package io.lethe.saga.notice;

import io.lethe.core.breach.BreachId;
import io.lethe.core.breach.BreachLetter;
import io.lethe.core.breach.BreachMailingIssuedEvent;
import io.lethe.core.breach.DutyKind;
import io.lethe.core.subject.SubjectId;
import io.lethe.platform.notice.WithMailServer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The breach notice queue on the real database: a mailing is queued with all its notices at once, and
 * again without doubling any when its event is read a second time; while one of its notices waits
 * (a retry re-opened it) it is neither found finished nor noted so; an old event sends nothing.
 */
@org.springframework.test.context.ContextConfiguration(classes = io.lethe.platform.LetheApplication.class)
class BreachNoticeOutboxOnTheDatabaseTest extends WithMailServer {

    private static final BreachLetter LETTER = new BreachLetter("happened", "information", "doing", "you can do", "contact");

    @Autowired
    NoticeProperties properties;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aMailingIsQueuedWholeOnceAndFinishedOnlyWhenNothingWaits() {
        // a day ahead of this node's own delivery task, whose notices these are not: due in a day
        Clock ahead = Clock.offset(Clock.systemUTC(), Duration.ofDays(1));
        BreachNoticeOutbox outbox = new BreachNoticeOutbox(JdbcClient.create(jdbc), properties, transactions, ahead);
        BreachId breach = BreachId.random();
        Set<SubjectId> subjects = new LinkedHashSet<>();
        for (int i = 0; i < 12_000; i++) {
            subjects.add(SubjectId.random());
        }
        outbox.remember(breach, subjects);
        outbox.remember(breach, subjects);
        BreachMailingIssuedEvent issued = new BreachMailingIssuedEvent(breach, "appi-individuals", DutyKind.APPI_INDIVIDUALS,
                "ja", LETTER);
        outbox.issue(issued, ahead.instant());
        assertThat(notices(breach, "PENDING")).isEqualTo(12_000);
        // read again (a replay, or a retry after a failure half-way): nothing doubled
        jdbc.update("DELETE FROM breach_notice WHERE notice_id IN (SELECT notice_id FROM breach_notice WHERE breach_id = ? LIMIT 100)",
                breach.value());
        outbox.issue(issued, ahead.instant());
        assertThat(notices(breach, "PENDING")).isEqualTo(12_000);
        assertThat(outbox.finished()).noneMatch(mailing -> mailing.breachId().equals(breach));

        // all given up but one, which staff sent again before the mailing was noted finished: it waits for that one
        jdbc.update("UPDATE breach_notice SET status = 'UNDELIVERED', next_attempt_at = NULL, failure = 'MAIL_UNREACHABLE' "
                + "WHERE breach_id = ? AND notice_id <> (SELECT min(notice_id::text)::uuid FROM breach_notice WHERE breach_id = ?)",
                breach.value(), breach.value());
        assertThat(outbox.finished()).noneMatch(mailing -> mailing.breachId().equals(breach));
        outbox.finish(new BreachNoticeOutbox.Finished(breach, "appi-individuals", 0, 11_999, null), "UNREACHED");
        assertThat(jdbc.queryForObject("SELECT status FROM breach_mailing WHERE breach_id = ?", String.class, breach.value()))
                .isEqualTo("SENDING");
    }

    @Test
    void aMailingReadDaysLateSendsNothing() {
        BreachNoticeOutbox outbox = new BreachNoticeOutbox(JdbcClient.create(jdbc), properties, transactions, Clock.systemUTC());
        BreachId breach = BreachId.random();
        outbox.remember(breach, Set.of(SubjectId.random(), SubjectId.random()));
        outbox.issue(new BreachMailingIssuedEvent(breach, "ccpa-residents", DutyKind.CCPA_RESIDENTS, "en", LETTER),
                Instant.now().minus(Duration.ofDays(4)));
        assertThat(jdbc.queryForObject("SELECT status FROM breach_mailing WHERE breach_id = ?", String.class, breach.value()))
                .isEqualTo("STALE");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM breach_notice WHERE breach_id = ?", Long.class, breach.value())).isZero();
    }

    private long notices(BreachId breach, String status) {
        return jdbc.queryForObject("SELECT count(*) FROM breach_notice WHERE breach_id = ? AND status = ?", Long.class,
                breach.value(), status);
    }
}
