package io.lethe.core.subject;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Asks for one subject's {@link SubjectSummary}; the answer is empty when the subject is unknown. */
public record FindSubjectSummaryQuery(SubjectId subjectId) {

    /**
     * The answer of {@code queries}, waited for up to {@code patience}.
     *
     * @throws IllegalStateException when no answer came in time, or the query failed
     */
    public Optional<SubjectSummary> askOf(QueryGateway queries, Duration patience) {
        try {
            return queries.query(this, ResponseTypes.optionalInstanceOf(SubjectSummary.class))
                    .get(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException failed) {
            throw new IllegalStateException("The subject's record could not be read", failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", interrupted);
        }
    }
}
