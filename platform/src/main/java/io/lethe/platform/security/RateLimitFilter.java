package io.lethe.platform.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;

/**
 * Counts each API request against its caller's allowance ({@link RateLimits}) once the caller is
 * known and before its role is checked, so every answer from there on — success, refusal, 401 for
 * a request without credentials, 403 — says how much is left: {@code RateLimit-Limit} (requests a
 * minute), {@code RateLimit-Remaining} and {@code RateLimit-Reset} (seconds until the allowance is
 * whole again). A request over the allowance is answered 429 {@code rate-limited} with
 * {@code Retry-After}, unheard: nothing is recorded. The orchestrator's liveness and readiness probes
 * are not counted.
 */
final class RateLimitFilter extends OncePerRequestFilter {

    static final String LIMIT = "RateLimit-Limit";
    static final String REMAINING = "RateLimit-Remaining";
    static final String RESET = "RateLimit-Reset";

    private final RateLimits limits;
    private final JsonMapper jsonMapper;

    RateLimitFilter(RateLimits limits, JsonMapper jsonMapper) {
        this.limits = limits;
        this.jsonMapper = jsonMapper;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !limits.enabled() || path.equals("/actuator/health/liveness") || path.equals("/actuator/health/readiness");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        RateLimits.Decision decision = limits.consume(SecurityContextHolder.getContext().getAuthentication(),
                request.getRemoteAddr());
        response.setHeader(LIMIT, Long.toString(decision.limit()));
        response.setHeader(REMAINING, Long.toString(decision.remaining()));
        response.setHeader(RESET, Long.toString(decision.resetSeconds()));
        if (!decision.allowed()) {
            response.setHeader("Retry-After", Long.toString(decision.retryAfterSeconds()));
            SecurityConfiguration.write(response, jsonMapper, HttpStatus.TOO_MANY_REQUESTS, "rate-limited",
                    "This caller has used up its allowance of " + decision.limit() + " requests a minute; nothing was "
                            + "recorded. Try again after the time in Retry-After.", request.getRequestURI());
            return;
        }
        chain.doFilter(request, response);
    }
}
