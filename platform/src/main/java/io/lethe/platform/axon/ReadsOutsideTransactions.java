package io.lethe.platform.axon;

import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.function.Supplier;

/**
 * The event store's transactions: a read with no transaction running is one statement, not a
 * transaction of its own; everything else is as the given manager does it.
 *
 * <p>Axon's JDBC engine runs each of its reads ({@code fetchInTransaction}) in a transaction, and
 * its writes ({@code executeInTransaction}: appends, snapshots) too. Inside a command, a saga's batch
 * or a deadline, a read joins the transaction running and costs no statement more. Outside one —
 * the event store's producer that feeds every processor at the head, a replay, the audit history — it
 * was a transaction each: a {@code BEGIN} and a {@code COMMIT} around every query. A driver trace of
 * 100 registrations found the producer reading three times for each new event, so six of the 36
 * statements a registration cost with every side in one process were those. A read-only transaction
 * gives a read nothing a single statement does not: each statement of a read-committed transaction
 * takes its own snapshot, and a query is atomic on its own.
 */
public final class ReadsOutsideTransactions implements TransactionManager {

    private final TransactionManager transactions;

    public ReadsOutsideTransactions(TransactionManager transactions) {
        this.transactions = transactions;
    }

    @Override
    public Transaction startTransaction() {
        return transactions.startTransaction();
    }

    @Override
    public void executeInTransaction(Runnable task) {
        transactions.executeInTransaction(task);
    }

    @Override
    public <T> T fetchInTransaction(Supplier<T> supplier) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            return transactions.fetchInTransaction(supplier);
        }
        return supplier.get();
    }
}
