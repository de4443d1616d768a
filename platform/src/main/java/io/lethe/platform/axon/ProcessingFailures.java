package io.lethe.platform.axon;

import io.lethe.core.crypto.TamperedCiphertextException;
import io.lethe.core.refusal.Refusal;
import io.lethe.core.refusal.RefusedException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.common.AxonNonTransientException;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.ListenerInvocationErrorHandler;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.sql.SQLException;
import java.util.StringJoiner;

/**
 * What becomes of an event a handler fails on. Nothing is dropped silently, and no failure's text —
 * which may quote a value — is stored or logged:
 * <ul>
 *   <li>projections park the event in their dead-letter queue, the event's subject's later events
 *   behind it, with a cause that names exception types and the SQL state only, and a count of its
 *   failures in the letter's diagnostics;</li>
 *   <li>everywhere else (sagas) a failure that may
 *   pass — the database, the command bus, a timeout — propagates, and the processor retries the event
 *   with a growing back-off (the segment shows its error state); a failure that never will — a message
 *   that cannot be read or was tampered with, a refusal — is logged by type, counted
 *   ({@code lethe.events.passed-over}) and passed over, rather than block every later event.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class ProcessingFailures {

    private static final Logger log = LoggerFactory.getLogger(ProcessingFailures.class);
    /** How often the event failed: once when it was parked, once more with every failed retry. */
    static final String FAILURES = "failures";

    @Bean
    ConfigurerModule failedEventHandling(MeterRegistry meters) {
        return configurer -> configurer.eventProcessing()
                .registerDefaultListenerInvocationErrorHandler(configuration -> new RetryOrPassOver(meters))
                .registerDefaultDeadLetterPolicy(configuration -> new ScrubbedCause());
    }

    /** Retries what may pass; passes over, loudly, what never will. */
    static final class RetryOrPassOver implements ListenerInvocationErrorHandler {

        private final MeterRegistry meters;

        RetryOrPassOver(MeterRegistry meters) {
            this.meters = meters;
        }

        @Override
        public void onError(Exception exception, EventMessage<?> event, EventMessageHandler handler) throws Exception {
            if (!permanent(exception)) {
                throw exception;
            }
            String where = handler.getTargetType().getSimpleName();
            log.error("{} passed over event {} ({}): it failed with {}, which no retry can change", where,
                    event.getIdentifier(), event.getPayloadType().getSimpleName(), typesOf(exception));
            Counter.builder("lethe.events.passed-over")
                    .description("Events a handler without a dead-letter queue could never handle and passed over")
                    .tag("handler", where).register(meters).increment();
        }
    }

    /** Parks a failed event with a cause that quotes nothing. */
    static final class ScrubbedCause implements EnqueuePolicy<EventMessage<?>> {
        @Override
        public EnqueueDecision<EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter, Throwable cause) {
            return Decisions.requeue(new ParkedFailure(typesOf(cause)), parked -> failedOnceMore(parked.diagnostics()));
        }

        private static MetaData failedOnceMore(MetaData diagnostics) {
            Object before = diagnostics.get(FAILURES);
            int failures = before instanceof Number number ? number.intValue() : 0;
            return diagnostics.and(FAILURES, failures + 1);
        }
    }

    /** A failure as the dead-letter queue keeps it: the types of its causes and the SQL state, no text. */
    static final class ParkedFailure extends RuntimeException {
        ParkedFailure(String types) {
            super(types, null, false, false);
        }
    }

    static boolean permanent(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof AxonNonTransientException || cause instanceof TamperedCiphertextException
                    || cause instanceof RefusedException) {
                return true;
            }
            if (Refusal.of(cause).isPresent()) {
                return true;
            }
        }
        return false;
    }

    /** "DataIntegrityViolationException <- PSQLException (SQL state 23514)": what failed, never with what. */
    static String typesOf(Throwable exception) {
        StringJoiner types = new StringJoiner(" <- ");
        String sqlState = null;
        for (Throwable cause = exception; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            types.add(cause.getClass().getSimpleName());
            if (sqlState == null && cause instanceof SQLException sql && sql.getSQLState() != null) {
                sqlState = sql.getSQLState();
            }
        }
        return types + (sqlState == null ? "" : " (SQL state " + sqlState + ")");
    }
}
