package io.lethe.platform.axon;

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
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import javax.annotation.Nonnull;
import javax.sql.DataSource;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The read models' processors commit a batch at a time, and without waiting for the flush (ADR 0009).
 *
 * <p>Each batch of a projection's processor is one transaction whose commit is asynchronous
 * ({@code SET LOCAL synchronous_commit TO OFF}): the rows and the token commit together, and a crash
 * can lose only the last batches whole — rows and token alike — which the processor then handles again
 * from the token that survived. The projections are sequence-guarded, so that changes nothing. The
 * commands, the sagas and the key vault keep their durable commits.
 *
 * <p>Each handler of a read model runs under a savepoint of the batch ({@link Savepoints}): PostgreSQL
 * aborts a whole transaction at a failed statement, so without it the dead-letter queue could not park
 * the failed event in the same transaction. A batch holds at most as many savepoints as events, and the
 * projections' batches are kept under PostgreSQL's 64 cached subtransactions per session.
 */
final class ReadModelTransactions implements TransactionManager {

    /** The code of the read models: a processing group declared there is a read model's. */
    static final String READ_MODELS = "io.lethe.query.";

    private final SpringTransactionManager transactions;
    private final DataSource dataSource;

    ReadModelTransactions(PlatformTransactionManager transactions, DataSource dataSource) {
        this.transactions = new SpringTransactionManager(transactions);
        this.dataSource = dataSource;
    }

    @Nonnull
    @Override
    public Transaction startTransaction() {
        boolean outer = !TransactionSynchronizationManager.isActualTransactionActive();
        Transaction transaction = transactions.startTransaction();
        if (outer) {
            try (Statement statement = DataSourceUtils.getConnection(dataSource).createStatement()) {
                statement.execute("SET LOCAL synchronous_commit TO OFF");
            } catch (SQLException | RuntimeException e) {
                transaction.rollback();
                throw e instanceof RuntimeException runtime ? runtime
                        : new org.springframework.dao.DataAccessResourceFailureException("A read model's batch cannot begin", e);
            }
        }
        return transaction;
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
                        manager.rollback(savepoint);
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
