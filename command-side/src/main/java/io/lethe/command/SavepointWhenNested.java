package io.lethe.command;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Spring's transaction for a command: its own when none runs, a savepoint of the running one otherwise.
 * The local command bus runs every command under it (a command a saga or an import sends inside its
 * batch's transaction undoes only its own work when refused), and an import wraps each account's
 * commands in it, so a refused account leaves the rest of its batch to commit.
 */
public final class SavepointWhenNested implements TransactionManager {

    private final SpringTransactionManager own;
    private final SpringTransactionManager nested;

    public SavepointWhenNested(PlatformTransactionManager transactions) {
        this.own = new SpringTransactionManager(transactions);
        this.nested = new SpringTransactionManager(transactions,
                new org.springframework.transaction.support.DefaultTransactionDefinition(
                        org.springframework.transaction.TransactionDefinition.PROPAGATION_NESTED)) {
            // Axon's manager completes only transactions it began; a savepoint is released or rolled back to
            @Override
            protected void commitTransaction(org.springframework.transaction.TransactionStatus status) {
                if (status.hasSavepoint() && !status.isCompleted()) {
                    transactions.commit(status);
                } else {
                    super.commitTransaction(status);
                }
            }

            @Override
            protected void rollbackTransaction(org.springframework.transaction.TransactionStatus status) {
                if (status.hasSavepoint() && !status.isCompleted()) {
                    transactions.rollback(status);
                } else {
                    super.rollbackTransaction(status);
                }
            }
        };
    }

    @Override
    public org.axonframework.common.transaction.Transaction startTransaction() {
        return org.springframework.transaction.support.TransactionSynchronizationManager.isActualTransactionActive()
                ? nested.startTransaction() : own.startTransaction();
    }
}
