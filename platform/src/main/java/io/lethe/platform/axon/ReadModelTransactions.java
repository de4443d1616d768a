package io.lethe.platform.axon;

import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import javax.annotation.Nonnull;

/**
 * The read models' processors commit a batch at a time (ADR 0009).
 *
 * <p>Each batch of a projection's processor is one transaction: the rows and the token commit together,
 * one flush for the batch instead of one per statement. The commit stays durable: an asynchronous one
 * was measured, but a database that crashed and recovered while the platform ran on would lose the last
 * batches while the processor's token in memory went on past them, and those events would never be
 * projected.
 *
 * <p>Retrying a subject's dead letters ({@link #statementByStatement}) runs as before, statement by
 * statement: a subject may have thousands of events parked behind its first, and one transaction with a
 * savepoint each would go far past PostgreSQL's 64 cached subtransactions.
 *
 * <p>Each handler of a read model runs under a savepoint of the batch ({@link Savepoints}): PostgreSQL
 * aborts a whole transaction at a failed statement, so without it the dead-letter queue could not park
 * the failed event in the same transaction. A batch holds at most as many savepoints as events, and the
 * projections' batches are kept under PostgreSQL's 64 cached subtransactions per session.
 */
public final class ReadModelTransactions implements TransactionManager {

    /** The code of the read models: a processing group declared there is a read model's. */
    static final String READ_MODELS = "io.lethe.query.";

    private final SpringTransactionManager transactions;

    ReadModelTransactions(PlatformTransactionManager transactions) {
        this.transactions = new SpringTransactionManager(transactions);
    }

    /** Set while this thread retries dead letters: no batch transaction, no savepoints. */
    private static final ThreadLocal<Boolean> STATEMENT_BY_STATEMENT = new ThreadLocal<>();

    @Nonnull
    @Override
    public Transaction startTransaction() {
        if (Boolean.TRUE.equals(STATEMENT_BY_STATEMENT.get())) {
            return NoTransactionManager.instance().startTransaction();
        }
        return transactions.startTransaction();
    }

    /** Runs {@code work} (a retry of dead letters) with the read models committing statement by statement. */
    public static void statementByStatement(Runnable work) {
        Boolean before = STATEMENT_BY_STATEMENT.get();
        STATEMENT_BY_STATEMENT.set(Boolean.TRUE);
        try {
            work.run();
        } finally {
            if (before == null) {
                STATEMENT_BY_STATEMENT.remove();
            } else {
                STATEMENT_BY_STATEMENT.set(before);
            }
        }
    }

    /** Whether {@code type} is a read model: a processing group's handler in the read models' code. */
    static boolean readModel(Class<?> type) {
        return type.isAnnotationPresent(ProcessingGroup.class) && type.getName().startsWith(READ_MODELS)
                && !type.isAnnotationPresent(org.axonframework.spring.stereotype.Saga.class);
    }

    /** Runs each event handler of a read model under a savepoint of its batch's transaction. */
    static final class Savepoints implements HandlerEnhancerDefinition {

        private static final TransactionDefinition NESTED =
                new DefaultTransactionDefinition(TransactionDefinition.PROPAGATION_NESTED);

        private final ObjectProvider<PlatformTransactionManager> transactions;

        Savepoints(ObjectProvider<PlatformTransactionManager> transactions) {
            this.transactions = transactions;
        }

        @Override
        public @Nonnull <T> MessageHandlingMember<T> wrapHandler(@Nonnull MessageHandlingMember<T> original) {
            if (!original.canHandleMessageType(EventMessage.class) || !readModel(declaringClass(original))) {
                return original;
            }
            return new WrappedMessageHandlingMember<>(original) {
                @Override
                public Object handle(@Nonnull Message<?> message, T target) throws Exception {
                    if (!TransactionSynchronizationManager.isActualTransactionActive()) {
                        return super.handle(message, target);
                    }
                    PlatformTransactionManager manager = transactions.getObject();
                    TransactionStatus savepoint = manager.getTransaction(NESTED);
                    Object result;
                    try {
                        result = super.handle(message, target);
                    } catch (Exception | Error e) {
                        try {
                            manager.rollback(savepoint);
                        } catch (RuntimeException rollback) {
                            e.addSuppressed(rollback);
                        }
                        throw e;
                    }
                    manager.commit(savepoint);
                    return result;
                }
            };
        }

        private static Class<?> declaringClass(MessageHandlingMember<?> member) {
            try {
                return member.declaringClass();
            } catch (UnsupportedOperationException e) {
                return Object.class;
            }
        }
    }
}
