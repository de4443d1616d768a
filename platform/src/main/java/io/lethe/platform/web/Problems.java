package io.lethe.platform.web;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

import java.net.URI;

/** Builds Lethe's problem details: the type is {@code urn:problem-type:lethe:<code>}. */
public final class Problems {

    static final String TYPE_PREFIX = "urn:problem-type:lethe:";

    private Problems() {
    }

    public static ProblemDetail of(HttpStatusCode status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_PREFIX + code));
        return problem;
    }
}
