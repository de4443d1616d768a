package io.lethe.platform.governance;

import io.lethe.core.subject.SubjectId;
import io.lethe.core.subject.UsageGovernance;
import io.lethe.platform.PlatformTest;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A word share-locked by the outermost unit of work is read once: the period commands nested in it find
 * it read already, for the lock holds it until that unit ends. A word first locked under a nested unit's
 * savepoint is not remembered (rolling the savepoint back releases the lock), nor one the unit itself
 * publishes again.
 */
@PlatformTest
class HeldWordTest {

    private static final UsageGovernance.State OPEN = new UsageGovernance.State(false, Set.of(), false, false, false, Set.of("2026-12"));
    private static final UsageGovernance.State RESTRICTED = new UsageGovernance.State(false, Set.of(), true, false, false, Set.of("2026-12"));

    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    UsageGovernance words;

    @Test
    void aWordHeldByTheOutermostUnitIsReadOnceAndOneLockedUnderASavepointIsReadAgain() {
        SubjectId held = SubjectId.random();
        SubjectId nestedFirst = SubjectId.random();
        SubjectId republished = SubjectId.random();
        words.publish(held, OPEN);
        words.publish(nestedFirst, OPEN);
        words.publish(republished, OPEN);
        SpringTransactionManager transactionManager = new SpringTransactionManager(transactions);

        UnitOfWork<?> call = DefaultUnitOfWork.startAndGet(new GenericMessage<>("a filing"));
        call.attachTransaction(transactionManager);
        call.execute(() -> {
            assertThat(words.locked(held)).contains(OPEN);
            assertThat(words.locked(republished)).contains(OPEN);
            // the row changed behind the lock's back (no subject command can: it would wait for the lock)
            restrictBehindTheLock(held);
            restrictBehindTheLock(republished);
            inNestedUnit(() -> assertThat(words.locked(held)).as("read once, by the outermost unit").contains(OPEN));

            // first locked under a savepoint that is rolled back: not remembered
            inNestedUnitRolledBack(() -> assertThat(words.locked(nestedFirst)).contains(OPEN));
            restrictBehindTheLock(nestedFirst);
            assertThat(words.locked(nestedFirst)).as("read again after the savepoint's rollback").contains(RESTRICTED);

            // published by the unit itself: read again
            words.publish(republished, RESTRICTED);
            assertThat(words.locked(republished)).contains(RESTRICTED);
        });
    }

    private void restrictBehindTheLock(SubjectId subject) {
        CompletableFuture.runAsync(() -> jdbc.sql("UPDATE usage_governance SET restricted = TRUE WHERE subject_id = ?")
                .param(subject.toString()).update()).join();
    }

    private void inNestedUnit(Runnable work) {
        UnitOfWork<?> nested = DefaultUnitOfWork.startAndGet(new GenericMessage<>("a period's command"));
        nested.attachTransaction(new io.lethe.command.SavepointWhenNested(transactions));
        nested.execute(work);
    }

    private void inNestedUnitRolledBack(Runnable work) {
        UnitOfWork<?> nested = DefaultUnitOfWork.startAndGet(new GenericMessage<>("a refused period's command"));
        nested.attachTransaction(new io.lethe.command.SavepointWhenNested(transactions));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> nested.execute(() -> {
            work.run();
            throw new IllegalStateException("refused");
        })).hasMessage("refused");
    }
}
