package io.lethe.platform.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;

/**
 * Reserves each sign-in attempt with {@link SignInThrottle} before the password is checked, and refuses
 * it unheard while the throttle holds its name, address or account back: an
 * API call with HTTP Basic gets a 429 problem with {@code Retry-After}; the console's sign-in form
 * is sent back to the sign-in page, which says why.
 */
final class SignInThrottleFilter extends OncePerRequestFilter {

    private static final String CONSOLE_SIGN_IN = "/console/login";

    private final SignInThrottle throttle;
    private final JsonMapper jsonMapper;

    SignInThrottleFilter(SignInThrottle throttle, JsonMapper jsonMapper) {
        this.throttle = throttle;
        this.jsonMapper = jsonMapper;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean consoleSignIn = "POST".equals(request.getMethod()) && (request.getContextPath() + CONSOLE_SIGN_IN).equals(request.getRequestURI());
        if (!consoleSignIn && !SignInThrottle.basic(request)) {
            chain.doFilter(request, response);
            return;
        }
        // reserved before the password is checked, so parallel guesses cannot all pass before one failure counts
        SignInThrottle.Attempt attempt = throttle.reserve(SignInThrottle.attemptedName(request), request.getRemoteAddr());
        if (attempt == SignInThrottle.Attempt.CROWDED) {
            response.setHeader("Retry-After", Long.toString(throttle.retryAfterCrowding().toSeconds()));
            if (consoleSignIn) {
                response.sendRedirect(request.getContextPath() + CONSOLE_SIGN_IN + "?busy");
            } else {
                SecurityConfiguration.write(response, jsonMapper, HttpStatus.TOO_MANY_REQUESTS, "sign-ins-in-progress",
                        "Other sign-ins with this name are still being checked; try again after the time in Retry-After.",
                        request.getRequestURI());
            }
            return;
        }
        if (attempt == null) {
            response.setHeader("Retry-After", Long.toString(throttle.retryAfter().toSeconds()));
            if (consoleSignIn) {
                response.sendRedirect(request.getContextPath() + CONSOLE_SIGN_IN + "?held-back");
            } else {
                SecurityConfiguration.write(response, jsonMapper, HttpStatus.TOO_MANY_REQUESTS, "too-many-failed-sign-ins",
                        "Too many failed sign-ins from here; try again after the time in Retry-After.",
                        request.getRequestURI());
            }
            return;
        }
        throttle.begin(attempt);
        try {
            chain.doFilter(request, response);
        } finally {
            throttle.end(attempt);
        }
    }
}
