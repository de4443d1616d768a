package io.lethe.command;

import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The id of something a request creates (a subject, a request, a hold) when the caller did not choose
 * one. Random — unless the request carries an {@code Idempotency-Key}: then it is derived from the
 * key, the caller and the request, so the same request sent again names the same thing and can never
 * create a second one, even where the first attempt's answer was lost with the process that made it.
 */
public final class NewIds {

    /** Request attribute: a secret seed, unique to the caller, the key and the request, set by the platform's idempotency filter. */
    public static final String SEED_ATTRIBUTE = "io.lethe.idempotency.seed";

    private NewIds() {
    }

    /** A new id for {@code purpose} ("subject", "request", …): from the request's seed if it has one, else random. */
    public static UUID uuid(String purpose) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        Object seed = request == null ? null : request.getAttribute(SEED_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        if (seed instanceof String text) {
            return UUID.nameUUIDFromBytes((text + "|" + purpose).getBytes(StandardCharsets.UTF_8));
        }
        return UUID.randomUUID();
    }
}
