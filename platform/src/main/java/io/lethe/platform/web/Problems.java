package io.lethe.platform.web;

import io.lethe.core.validation.Lengths;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

import java.net.URI;

/**
 * Builds Lethe's problem details: the type is {@code urn:problem-type:lethe:<code>}. A detail is
 * written by the platform and says what went wrong in a sentence or two; the API description
 * promises at most {@link #MAX_DETAIL} characters, and {@link #bounded} keeps that promise for any
 * problem on its way out, Spring's own included.
 */
public final class Problems {

    static final String TYPE_PREFIX = "urn:problem-type:lethe:";
    /** The longest {@code detail}. */
    static final int MAX_DETAIL = 1000;
    /**
     * The longest {@code instance}: the request's path, which the server's request-line limit (8 KiB
     * of headers by default, {@code server.max-http-request-header-size}) keeps short anyway.
     */
    static final int MAX_INSTANCE = 8192;
    /** The longest path of a field named in {@code errors} ({@code activities[4999].piece.target}). */
    static final int MAX_FIELD = 200;
    /** The longest rule a field broke, as {@code errors} states it. */
    static final int MAX_MESSAGE = 500;

    private Problems() {
    }

    public static ProblemDetail of(HttpStatusCode status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_PREFIX + code));
        return bounded(problem);
    }

    /** One entry of {@code errors}: a field or parameter and the rule it broke, never its value. */
    static java.util.Map<String, String> error(String field, String message) {
        return java.util.Map.of("field", Lengths.atMost(field, MAX_FIELD), "message", Lengths.atMost(message, MAX_MESSAGE));
    }

    /** The problem with its detail and instance cut to what the description promises. */
    static ProblemDetail bounded(ProblemDetail problem) {
        problem.setDetail(Lengths.atMost(problem.getDetail(), MAX_DETAIL));
        URI instance = problem.getInstance();
        if (instance != null && instance.toString().length() > MAX_INSTANCE) {
            problem.setInstance(null);
        }
        return problem;
    }
}
