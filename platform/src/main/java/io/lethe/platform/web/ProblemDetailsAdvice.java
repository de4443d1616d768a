package io.lethe.platform.web;

import io.lethe.command.UnreadableJson;
import io.lethe.core.refusal.Refusal;
import io.lethe.core.refusal.RefusedException;
import io.lethe.core.validation.InvalidValueException;
import io.lethe.core.validation.NoCardNumber;
import io.lethe.platform.health.DatabaseUnavailableException;
import jakarta.validation.ConstraintViolation;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.messaging.interceptors.JSR303ViolationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Maps every failure to a problem detail. Validation → 400 (422 for a full card number), unknown
 * resource → 404, state conflict → 409, rule refusal → 422. Details name the offending field and
 * the rule; they never quote the value, which may be personal data or a card number.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);
    /**
     * The most fields one answer names: a batch of thousands of bad pieces is answered with the first
     * ones (in the order of their paths), enough to find the mistake, and the answer stays small.
     */
    static final int MAX_ERRORS = 100;

    @ExceptionHandler(JSR303ViolationException.class)
    ProblemDetail invalidCommand(JSR303ViolationException exception) {
        List<Map<String, String>> errors = exception.getViolations().stream()
                .sorted(Comparator.comparing(violation -> violation.getPropertyPath().toString()))
                .map(violation -> Problems.error(violation.getPropertyPath().toString(), violation.getMessage()))
                .distinct()
                .limit(MAX_ERRORS)
                .toList();
        boolean cardNumber = exception.getViolations().stream().anyMatch(ProblemDetailsAdvice::isCardNumber);
        ProblemDetail problem = cardNumber
                ? Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "card-number-refused",
                "A full card number was sent. Lethe keeps only a card's expiry date and last four digits; "
                        + "nothing of this request was stored.")
                : Problems.of(HttpStatus.BAD_REQUEST, "invalid-request", "The request has invalid fields.");
        problem.setProperty("errors", errors);
        return problem;
    }

    /**
     * A query parameter or path variable outside its bounds ({@code @Validated} controllers): each
     * parameter by name with the constraint's message, never the value sent.
     */
    @ExceptionHandler(jakarta.validation.ConstraintViolationException.class)
    ProblemDetail invalidParameter(jakarta.validation.ConstraintViolationException exception) {
        List<Map<String, String>> errors = exception.getConstraintViolations().stream()
                .map(violation -> Problems.error(parameterName(violation), violation.getMessage()))
                .distinct()
                .sorted(Comparator.comparing(error -> error.get("field")))
                .limit(MAX_ERRORS)
                .toList();
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "invalid-request", "The request has invalid parameters.");
        problem.setProperty("errors", errors);
        return problem;
    }

    /** The last node of a method-parameter path ({@code metrics.year} is {@code year}). */
    private static String parameterName(ConstraintViolation<?> violation) {
        String name = null;
        for (jakarta.validation.Path.Node node : violation.getPropertyPath()) {
            name = node.getName();
        }
        return name == null ? "parameter" : name;
    }

    @ExceptionHandler(RefusedException.class)
    ProblemDetail refused(RefusedException exception) {
        return refusal(exception.refusal());
    }

    @ExceptionHandler(CommandExecutionException.class)
    ResponseEntity<ProblemDetail> commandFailed(CommandExecutionException exception) {
        return Refusal.of(exception)
                .map(ProblemDetailsAdvice::refusal)
                .map(problem -> ResponseEntity.status(problem.getStatus()).body(problem))
                .orElseGet(() -> unexpected(exception));
    }

    /**
     * Two writers raced for the same aggregate: a later event's sequence (a {@code ConcurrencyException}),
     * or the first one of an aggregate created where missing (the store's {@code AggregateStreamCreationException}).
     */
    @ExceptionHandler({ConcurrencyException.class, org.axonframework.modelling.command.AggregateStreamCreationException.class})
    ProblemDetail concurrentModification(Exception exception) {
        return Problems.of(HttpStatus.CONFLICT, "concurrent-modification",
                "The resource was changed by another request at the same time; retry.");
    }

    @ExceptionHandler(InvalidValueException.class)
    ProblemDetail invalidValue(InvalidValueException exception) {
        // by contract its message never repeats the value
        return Problems.of(HttpStatus.BAD_REQUEST, "invalid-request", exception.getMessage());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception exception) {
        String errorId = UUID.randomUUID().toString();
        Optional<String> database = databaseUnavailable(exception);
        if (database.isPresent()) {
            // the probe logs the outage once; a request refused before it began has no more to say
            if (exception instanceof DatabaseUnavailableException) {
                log.debug("Refused while the {} database is down (error id {})", database.get(), errorId);
            } else {
                log.warn("Database unavailable{}: {} (error id {})", sqlState(exception).map(state -> " (SQL state " + state + ")")
                        .orElse(""), exception.getClass().getName(), errorId, Scrubbed.of(exception));
            }
            ProblemDetail problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "database-unavailable",
                    "A database the platform needs is unreachable now. A request refused before it began changed nothing; "
                            + "one cut off while writing may or may not have been recorded. Retry later.");
            if (!database.get().isEmpty()) {
                problem.setProperty("database", database.get());
            }
            problem.setProperty("errorId", errorId);
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5").body(problem);
        }
        if (messagingUnavailable(exception)) {
            // the gRPC status (UNAVAILABLE, DEADLINE_EXCEEDED, …) and Axon Server's error code say why; neither is personal
            log.error("Messaging unavailable{}: {} (error id {})", grpcStatus(exception).map(status -> " (" + status + ")").orElse(""),
                    exception.getClass().getName(), errorId, Scrubbed.of(exception));
            ProblemDetail problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "messaging-unavailable",
                    "The platform cannot route this request now (its message bus or the nodes that handle it are "
                            + "unreachable); nothing was recorded. Retry later.");
            problem.setProperty("errorId", errorId);
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "10").body(problem);
        }
        // a message may carry input, so the whole cause chain is logged with its types and stacks only
        log.error("Unexpected {} (error id {})", exception.getClass().getName(), errorId, Scrubbed.of(exception));
        ProblemDetail problem = Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error",
                "The request failed unexpectedly; nothing was recorded. Quote the error id when reporting it.");
        problem.setProperty("errorId", errorId);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(problem);
    }

    /**
     * A database unreachable: refused at the gate or by the pool while a probe knows it is down (the
     * answer names it), or cut off in the middle — a connection exception's SQL state (class 08), the
     * server shutting down (57P01–57P03) or out of connections (53300), no connection to be had, or a
     * connection the pool already closed after one of those (Hikari's "Connection is closed", which has
     * no SQL state; the message is a constant of the pool's, compared, never logged). Empty name: which
     * database is not known.
     */
    private static Optional<String> databaseUnavailable(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof DatabaseUnavailableException unavailable) {
                return Optional.of(unavailable.database());
            }
        }
        for (Throwable cause = exception; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof java.sql.SQLTransientConnectionException || cause instanceof java.net.ConnectException
                    || cause instanceof java.sql.SQLException sql && (sql.getSQLState() == null
                    ? "Connection is closed".equals(sql.getMessage())
                    : sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0") || "53300".equals(sql.getSQLState()))) {
                return Optional.of("");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> sqlState(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
                return Optional.of(sql.getSQLState());
            }
        }
        return Optional.empty();
    }

    /** The gRPC status code and Axon Server's error code in the chain, if any. */
    private static Optional<String> grpcStatus(Throwable exception) {
        List<String> found = new java.util.ArrayList<>();
        for (Throwable cause = exception; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof io.grpc.StatusRuntimeException status) {
                found.add("gRPC " + status.getStatus().getCode());
            } else if (cause instanceof io.grpc.StatusException status) {
                found.add("gRPC " + status.getStatus().getCode());
            } else if (cause instanceof org.axonframework.axonserver.connector.AxonServerException axon && axon.code() != null) {
                found.add("Axon Server " + axon.code());
            } else if (cause instanceof io.axoniq.axonserver.connector.AxonServerException axon && axon.getErrorCategory() != null) {
                found.add("Axon Server " + axon.getErrorCategory().errorCode());
            }
        }
        return found.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", found.stream().distinct().toList()));
    }

    /**
     * Axon Server unreachable, or no node that handles the message connected to it; a stream from the
     * event store (a subject's history, the global history, an access report's fold) cut off with a
     * transient gRPC status; or a call to its event store unanswered within the timeout.
     */
    private static boolean messagingUnavailable(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            io.grpc.Status.Code grpc = cause instanceof io.grpc.StatusRuntimeException status ? status.getStatus().getCode()
                    : cause instanceof io.grpc.StatusException status ? status.getStatus().getCode() : null;
            if (grpc != null && java.util.EnumSet.of(io.grpc.Status.Code.UNAVAILABLE, io.grpc.Status.Code.DEADLINE_EXCEEDED,
                    io.grpc.Status.Code.CANCELLED, io.grpc.Status.Code.ABORTED, io.grpc.Status.Code.RESOURCE_EXHAUSTED).contains(grpc)) {
                return true;
            }
            // Axon Server's event store gives up on a call it got no answer to within its timeout (a hung server)
            if (cause instanceof org.axonframework.eventsourcing.eventstore.EventStoreException
                    && cause.getCause() instanceof java.util.concurrent.TimeoutException) {
                return true;
            }
            if (cause instanceof io.axoniq.axonserver.connector.impl.StreamClosedException
                    || cause instanceof io.axoniq.axonserver.connector.AxonServerException
                    || cause instanceof org.axonframework.axonserver.connector.AxonServerException
                    || cause instanceof org.axonframework.axonserver.connector.query.AxonServerQueryDispatchException
                    || cause instanceof org.axonframework.commandhandling.distributed.CommandDispatchException
                    || cause instanceof org.axonframework.commandhandling.NoHandlerForCommandException
                    || cause instanceof org.axonframework.queryhandling.NoHandlerForQueryException) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException exception,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "malformed-request", unreadableDetail(exception));
        return handleExceptionInternal(exception, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException exception, HttpHeaders headers,
                                                        HttpStatusCode status, WebRequest request) {
        String name = exception.getPropertyName() == null ? "a parameter" : "'" + exception.getPropertyName() + "'";
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "invalid-request", name + " has an invalid value.");
        return handleExceptionInternal(exception, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    /** A required query parameter is missing: named like any other invalid parameter. */
    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(
            org.springframework.web.bind.MissingServletRequestParameterException exception, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "invalid-request", "The request has invalid parameters.");
        problem.setProperty("errors", List.of(Problems.error(exception.getParameterName(), "is required")));
        return handleExceptionInternal(exception, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    /** The body's type is not one the endpoint reads; the detail names what it reads, never what was sent. */
    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(
            org.springframework.web.HttpMediaTypeNotSupportedException exception, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = Problems.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
                "The request body must be sent as " + (exception.getSupportedMediaTypes().isEmpty() ? "application/json"
                        : org.springframework.http.MediaType.toString(exception.getSupportedMediaTypes())) + "; nothing was recorded.");
        return handleExceptionInternal(exception, problem, headers, HttpStatus.UNSUPPORTED_MEDIA_TYPE, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotAcceptable(
            org.springframework.web.HttpMediaTypeNotAcceptableException exception, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = Problems.of(HttpStatus.NOT_ACCEPTABLE, "not-acceptable",
                "This endpoint answers with " + org.springframework.http.MediaType.toString(exception.getSupportedMediaTypes())
                        + " only; the Accept header admits none of them.");
        return handleExceptionInternal(exception, problem, headers, HttpStatus.NOT_ACCEPTABLE, request);
    }

    /**
     * Every other answer Spring MVC makes itself (a missing header, a method not allowed, …) gets a
     * Lethe type too, named after its status ({@code method-not-allowed}), as the README promises.
     */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception exception, Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        if (body instanceof ProblemDetail problem
                && (problem.getType() == null || "about:blank".equals(problem.getType().toString()))) {
            HttpStatus status = HttpStatus.resolve(statusCode.value());
            String code = status == HttpStatus.BAD_REQUEST ? "invalid-request"
                    : status == null ? "http-" + statusCode.value()
                    : status.getReasonPhrase().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
            problem.setType(java.net.URI.create("urn:problem-type:lethe:" + code));
        }
        return super.handleExceptionInternal(exception, body, headers, statusCode, request);
    }

    private static ProblemDetail refusal(Refusal refusal) {
        HttpStatus status = switch (refusal.kind()) {
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case UNPROCESSABLE -> HttpStatus.UNPROCESSABLE_CONTENT;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
        };
        return Problems.of(status, refusal.code(), refusal.detail());
    }

    private static boolean isCardNumber(ConstraintViolation<?> violation) {
        return violation.getConstraintDescriptor().getAnnotation() instanceof NoCardNumber;
    }

    private static String unreadableDetail(HttpMessageNotReadableException exception) {
        return UnreadableJson.describe(exception.getCause(), "request body");
    }
}
