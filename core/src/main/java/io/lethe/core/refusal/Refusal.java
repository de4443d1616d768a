package io.lethe.core.refusal;

import org.axonframework.commandhandling.CommandExecutionException;

import java.util.Objects;
import java.util.Optional;

/**
 * Why something was declined. {@code code} is a stable kebab-case identifier (it becomes the
 * problem type), {@code detail} a fixed human sentence that never contains personal data.
 * It is a plain record so that it travels as a command result detail between nodes.
 */
public record Refusal(String code, Kind kind, String detail) {

    /** How the refusal maps onto HTTP semantics. */
    public enum Kind {
        /** The addressed resource does not exist. */
        NOT_FOUND,
        /** The request conflicts with the resource's current state. */
        CONFLICT,
        /** Well-formed, but the platform's rules forbid it. */
        UNPROCESSABLE,
        /** The caller may use the endpoint, but not for this resource (another processor's queue). */
        FORBIDDEN
    }

    public Refusal {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detail, "detail");
    }

    /** The refusal a failed command came back with, as its result detail (on this node or across the bus). */
    public static Optional<Refusal> of(Throwable failure) {
        return failure instanceof CommandExecutionException execution
                ? execution.getDetails().filter(Refusal.class::isInstance).map(Refusal.class::cast)
                : Optional.empty();
    }

    /**
     * The refusal anywhere behind a failure: a command's result detail, or a {@link RefusedException}
     * raised where no command carried it (one the serializer raises as a unit of work commits, say).
     */
    public static Optional<Refusal> in(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            Optional<Refusal> refusal = of(cause);
            if (refusal.isPresent()) {
                return refusal;
            }
            if (cause instanceof RefusedException refused) {
                return Optional.of(refused.refusal());
            }
        }
        return Optional.empty();
    }
}
