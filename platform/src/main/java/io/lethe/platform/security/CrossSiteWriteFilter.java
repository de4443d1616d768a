package io.lethe.platform.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.Set;

/**
 * A browser that once signed in to swagger-ui with HTTP Basic keeps sending those credentials with
 * every request to the platform, a cross-site HTML form's included. Such a form can only send
 * {@code application/x-www-form-urlencoded}, {@code multipart/form-data} or {@code text/plain} (or no
 * body at all), and any other body type from another site needs a CORS preflight the platform never
 * grants. So a change (POST, PUT, PATCH, DELETE) sent with HTTP Basic must declare a JSON body type
 * ({@code application/x-ndjson} for an import's lines), even when it has no body; otherwise it is refused with a 415 before anyone is authenticated, and
 * nothing is recorded (ADR 0015).
 *
 * <p>The other ways in need no such rule: a console session's changes carry the session's CSRF token
 * (checked before this filter), a bearer token is never attached by a browser on its own, and a
 * request without credentials is refused as unauthenticated anyway.
 */
final class CrossSiteWriteFilter extends OncePerRequestFilter {

    private static final Set<String> CHANGES = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final JsonMapper jsonMapper;

    CrossSiteWriteFilter(JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (CHANGES.contains(request.getMethod()) && SignInThrottle.basic(request) && request.getSession(false) == null
                && !json(request.getContentType())) {
            SecurityConfiguration.write(response, jsonMapper, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
                    "A change sent with HTTP Basic credentials must declare a JSON body (Content-Type: application/json), "
                            + "even when it has no body; nothing was recorded.", request.getRequestURI());
            return;
        }
        chain.doFilter(request, response);
    }

    /**
     * {@code application/json}, any {@code application/…+json}, or {@code application/x-ndjson} (an
     * import's lines; like JSON, a type no cross-site form can send), with or without parameters.
     */
    static boolean json(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return false;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return "application".equals(type.getType())
                    && ("json".equals(type.getSubtype()) || type.getSubtype().endsWith("+json")
                    || "x-ndjson".equals(type.getSubtype()));
        } catch (InvalidMediaTypeException malformed) {
            return false;
        }
    }
}
