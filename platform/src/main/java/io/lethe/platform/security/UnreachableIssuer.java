package io.lethe.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderInitializationException;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Duration;

/**
 * A bearer token that cannot be checked because the token issuer cannot be reached (its metadata
 * before the first contact, or its keys for a key id not seen yet) is the provider's failure, not the
 * caller's: the answer is {@code 503 identity-provider-unavailable} with {@code Retry-After}, and the
 * log says so once a minute, not once a request. A token that was checked and found wanting stays a 401.
 */
final class UnreachableIssuer {

    static final Duration RETRY_AFTER = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(UnreachableIssuer.class);

    private final OnceAMinute logGate;

    UnreachableIssuer(Clock clock) {
        this.logGate = new OnceAMinute(clock);
    }

    /**
     * The decoder, with a failure to reach the issuer for its metadata made a {@link JwtException}:
     * Spring Security then reports it as an {@link AuthenticationServiceException} (a service's
     * failure), as it already does for the issuer's keys, instead of letting it escape as a 500.
     */
    static JwtDecoder reporting(JwtDecoder decoder) {
        return token -> {
            try {
                return decoder.decode(token);
            } catch (JwtDecoderInitializationException unreachable) {
                throw new JwtException("The token issuer's metadata cannot be read", unreachable);
            }
        };
    }

    /** A service failure answers 503; anything else is the caller's token, answered by {@code invalidToken}. */
    AuthenticationFailureHandler failures(AuthenticationEntryPoint invalidToken, JsonMapper jsonMapper) {
        return (HttpServletRequest request, HttpServletResponse response, AuthenticationException failure) -> {
            if (!(failure instanceof AuthenticationServiceException)) {
                invalidToken.commence(request, response, failure);
                return;
            }
            logOnceAMinute(failure);
            response.setHeader("Retry-After", Long.toString(RETRY_AFTER.toSeconds()));
            SecurityConfiguration.write(response, jsonMapper, HttpStatus.SERVICE_UNAVAILABLE, "identity-provider-unavailable",
                    "The token issuer cannot be reached to check the bearer token; nothing was done. Retry later.",
                    request.getRequestURI());
        };
    }

    private void logOnceAMinute(AuthenticationException failure) {
        if (logGate.due()) {
            // the cause's type only: its message may repeat a token's contents
            log.warn("The token issuer cannot be reached; bearer requests are answered 503 until it can ({}; said once a minute)",
                    OnceAMinute.rootType(failure));
        }
    }
}
