package io.lethe.platform.governance;

import io.lethe.core.personaldata.RetentionClass;
import io.lethe.core.subject.SubjectId;
import io.lethe.core.subject.UsageGovernance;
import io.lethe.platform.PlatformTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The word of a subject that begins in its command (ADR 0023) is inserted, never written over another:
 * a registration of a subject that exists must not speak for it. Where the events commit apart from the
 * database (Axon Server), such a word reads as none until a command that read the subject publishes it.
 * Every other command publishes its subject's word in one statement, written only where it differs.
 */
@PlatformTest
class BegunUnreadWordTest {

    private static final UsageGovernance.State NEW = new UsageGovernance.State(false, Set.of(), false, false, false, Set.of());
    private static final UsageGovernance.State TERMINATED = new UsageGovernance.State(true, Set.of(RetentionClass.USAGE),
            true, false, false, Set.of());

    @Autowired
    JdbcClient jdbc;

    @Test
    void aNewSubjectsWordNeverOverwritesAnExistingOne() {
        JdbcUsageGovernance words = new JdbcUsageGovernance(jdbc, false);
        SubjectId existing = SubjectId.random();
        words.publish(existing, TERMINATED);

        words.publishIfAbsent(existing, NEW);

        assertThat(words.current(existing)).contains(TERMINATED);
        SubjectId fresh = SubjectId.random();
        words.publishIfAbsent(fresh, NEW);
        assertThat(words.current(fresh)).as("with the events in the same database, it is the word at once").contains(NEW);
    }

    @Test
    void withEventsStoredApartABegunWordIsNoneUntilTheSubjectPublishesIt() {
        JdbcUsageGovernance words = new JdbcUsageGovernance(jdbc, true);
        SubjectId subject = SubjectId.random();

        words.publishIfAbsent(subject, NEW);
        assertThat(words.current(subject)).isEmpty();
        assertThat(words.locked(subject)).isEmpty();

        words.publish(subject, TERMINATED);
        assertThat(words.current(subject)).contains(TERMINATED);
        words.publishIfAbsent(subject, NEW);
        assertThat(words.current(subject)).as("a published word stays as it is").contains(TERMINATED);
    }

    @Test
    void aWordIsRewrittenOnlyWhereItDiffersOrWasBegunUnread() {
        JdbcUsageGovernance words = new JdbcUsageGovernance(jdbc, true);
        SubjectId subject = SubjectId.random();
        UsageGovernance.State periods = new UsageGovernance.State(false, Set.of(RetentionClass.USAGE, RetentionClass.PROFILE),
                false, true, false, Set.of("2026-12", "2026-10", "2026-11"));

        words.publishIfAbsent(subject, periods);
        words.publishIfChanged(subject, periods);
        assertThat(words.current(subject)).as("a word begun unread is published, though it says the same").contains(periods);

        java.sql.Timestamp published = publishedAt(subject);
        words.publishIfChanged(subject, new UsageGovernance.State(false, Set.of(RetentionClass.PROFILE, RetentionClass.USAGE),
                false, true, false, Set.of("2026-11", "2026-12", "2026-10")));
        assertThat(publishedAt(subject)).as("the same sets in another order are the same word: not written").isEqualTo(published);

        UsageGovernance.State shredded = new UsageGovernance.State(false, Set.of(RetentionClass.USAGE, RetentionClass.PROFILE),
                false, true, false, Set.of("2026-12", "2026-11"));
        words.publishIfChanged(subject, shredded);
        assertThat(words.current(subject)).contains(shredded);
        assertThat(publishedAt(subject)).isAfterOrEqualTo(published);

        SubjectId none = SubjectId.random();
        words.publishIfChanged(none, TERMINATED);
        assertThat(words.current(none)).as("where there was none, it is published").contains(TERMINATED);
    }

    private java.sql.Timestamp publishedAt(SubjectId subject) {
        return jdbc.sql("SELECT published_at FROM usage_governance WHERE subject_id = ?").param(subject.toString())
                .query(java.sql.Timestamp.class).single();
    }
}
