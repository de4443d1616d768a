package io.lethe.platform.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.web.authentication.ClientSecretBasicAuthenticationConverter;
import org.springframework.security.oauth2.server.authorization.web.authentication.ClientSecretPostAuthenticationConverter;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.security.web.authentication.DelegatingAuthenticationConverter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.List;

/**
 * Reserves each sign-in attempt with {@link SignInThrottle} before the password is checked, and refuses
 * it unheard while the throttle holds its name, address or account back: a token request gets a 429
 * problem with {@code Retry-After}; the console's sign-in form is sent back to the sign-in page, which
 * says why. One filter serves one way in ({@link Way}), and recognises its requests with the matcher the
 * way's own endpoint uses, so an encoded path that reaches the endpoint reaches the throttle too. The
 * name an attempt counts against is the one the endpoint will check: the form's {@code username}; a
 * token request's client id, read by the authorization server's own converters (HTTP Basic split and
 * URL-decoded as RFC 6749 §2.3.1 has it, or the {@code client_id} field). A token request's outcome is
 * read from its answer (the authorization server reports a wrong client secret as
 * {@code invalid_client}, not as the bad-credentials event the form's sign-in publishes): a 401 is a
 * failure, a 200 a success.
 */
final class SignInThrottleFilter extends OncePerRequestFilter {

    static final String CONSOLE_SIGN_IN = "/console/login";
    static final String TOKEN_ENDPOINT = "/oauth2/token";

    /** The ways in that take a password. */
    enum Way {
        /** The console's sign-in form. */
        CONSOLE(CONSOLE_SIGN_IN),
        /** The token endpoint (client credentials). */
        TOKEN(TOKEN_ENDPOINT);

        private final RequestMatcher matcher;

        Way(String path) {
            this.matcher = PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, path);
        }
    }

    private static final AuthenticationConverter CLIENT_CREDENTIALS = new DelegatingAuthenticationConverter(List.of(
            new ClientSecretBasicAuthenticationConverter(), new ClientSecretPostAuthenticationConverter()));

    private final Way way;
    private final SignInThrottle throttle;
    private final JsonMapper jsonMapper;

    SignInThrottleFilter(Way way, SignInThrottle throttle, JsonMapper jsonMapper) {
        this.way = way;
        this.throttle = throttle;
        this.jsonMapper = jsonMapper;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!way.matcher.matches(request)) {
            chain.doFilter(request, response);
            return;
        }
        boolean consoleSignIn = way == Way.CONSOLE;
        // reserved before the password is checked, so parallel guesses cannot all pass before one failure counts
        SignInThrottle.Attempt attempt = throttle.reserve(attemptedName(request), request.getRemoteAddr());
        if (attempt == SignInThrottle.Attempt.CROWDED) {
            response.setHeader("Retry-After", Long.toString(throttle.retryAfterCrowding().toSeconds()));
            if (consoleSignIn) {
                response.sendRedirect(request.getContextPath() + CONSOLE_SIGN_IN + "?busy");
            } else {                SecurityConfiguration.write(response, jsonMapper, HttpStatus.TOO_MANY_REQUESTS, "sign-ins-in-progress",
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
            if (!consoleSignIn && response.getStatus() == HttpStatus.UNAUTHORIZED.value()) {
                throttle.failed(attempt);
            } else if (!consoleSignIn && response.getStatus() == HttpStatus.OK.value()) {
                throttle.succeeded(attempt);
            }
        } finally {
            throttle.end(attempt);
        }
    }

    /** The name the way's endpoint will check; null where the request names none it can read. */
    private String attemptedName(HttpServletRequest request) {
        if (way == Way.CONSOLE) {
            return request.getParameter("username");
        }
        try {
            Authentication client = CLIENT_CREDENTIALS.convert(request);
            return client == null ? null : String.valueOf(client.getPrincipal());
        } catch (RuntimeException malformed) {
            // the server refuses it too (400 invalid_request), and checks no secret
            return null;
        }
    }
}
