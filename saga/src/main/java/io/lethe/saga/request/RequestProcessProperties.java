package io.lethe.saga.request;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How the request processes run.
 *
 * @param reminderBefore how long before a request's due date privacy staff are reminded of it
 * @param processors     the downstream processors (service providers, policy §16) directed to delete
 *                       on every erasure request, each with the time it has to confirm
 */
@ConfigurationProperties("lethe.requests")
public record RequestProcessProperties(
        @DefaultValue("7d") Duration reminderBefore,
        Map<String, Duration> processors) {

    public RequestProcessProperties {
        processors = processors == null ? Map.of() : Map.copyOf(new LinkedHashMap<>(processors));
        if (reminderBefore.isNegative()) {
            throw new IllegalArgumentException("lethe.requests.reminder-before must not be negative");
        }
        if (processors.size() > io.lethe.core.request.DirectProcessorsCommand.MAX_PROCESSORS) {
            throw new IllegalArgumentException("lethe.requests.processors: at most "
                    + io.lethe.core.request.DirectProcessorsCommand.MAX_PROCESSORS + " processors");
        }
        processors.forEach((processor, timeout) -> {
            if (!processor.matches(io.lethe.core.validation.Patterns.PROCESSOR) || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("lethe.requests.processors: each key must match "
                        + io.lethe.core.validation.Patterns.PROCESSOR + " and each timeout be positive");
            }
        });
    }
}
