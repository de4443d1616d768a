package io.lethe.command;

import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * What a controller tells the platform's idempotency layer about the answer it gives: an answer that
 * reports a failure on the platform's side for part of the request (an activity batch in which one
 * subject's pieces failed unexpectedly) is not kept for the request's {@code Idempotency-Key}, so a
 * retry with the key runs again instead of being told the same failure for a day.
 */
public final class RetriedRequests {

    /** Request attribute: the answer is not to be kept. */
    public static final String TRANSIENT_ATTRIBUTE = "io.lethe.idempotency.transient";

    private RetriedRequests() {
    }

    /** Marks the current request's answer as one a retry must not be given again. */
    public static void answerIsTransient() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null) {
            request.setAttribute(TRANSIENT_ATTRIBUTE, Boolean.TRUE, RequestAttributes.SCOPE_REQUEST);
        }
    }
}
