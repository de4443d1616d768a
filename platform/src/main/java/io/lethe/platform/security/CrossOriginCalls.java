package io.lethe.platform.security;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.List;

/**
 * The API answers web pages of the origins an operator allows ({@code lethe.security.cors}): a
 * preflight is answered before anyone is authenticated, and every answer to such a page names its
 * origin. A page may send the API's methods with a bearer token, an {@code Idempotency-Key} and a
 * JSON body, and read the headers the API documents. Credentials the browser would attach by
 * itself (the console's cookie, a remembered HTTP Basic password) are never allowed across origins.
 * A request from a page of any other origin is refused with a problem detail, before anything runs.
 */
final class CrossOriginCalls {

    private CrossOriginCalls() {
    }

    static CorsFilter filter(LetheSecurityProperties.Cors cors, JsonMapper jsonMapper) {
        CorsConfiguration configuration = new CorsConfiguration();
        configuration.setAllowedOrigins(cors.allowedOrigins());
        configuration.setAllowedMethods(List.of("GET", "POST", "PUT", "DELETE"));
        configuration.setAllowedHeaders(List.of("Authorization", "Content-Type", "Accept", "Idempotency-Key",
                "Lethe-Read-After", "Prefer"));
        configuration.setExposedHeaders(List.of("Location", "Retry-After", "Idempotent-Replayed", "RateLimit-Limit",
                "RateLimit-Remaining", "RateLimit-Reset", "WWW-Authenticate", "X-Total-Count", "Lethe-Position"));
        configuration.setAllowCredentials(false);
        configuration.setMaxAge(cors.maxAge());
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/**", configuration);
        // only the API answers other origins: a preflight elsewhere goes on to be refused as any request there
        CorsFilter filter = new CorsFilter(source) {
            @Override
            protected boolean shouldNotFilter(jakarta.servlet.http.HttpServletRequest request) {
                return !request.getRequestURI().startsWith(request.getContextPath() + "/api/");
            }
        };
        filter.setCorsProcessor(new DefaultCorsProcessor() {
            @Override
            protected void rejectRequest(ServerHttpResponse response) throws IOException {
                ProblemDetail problem = io.lethe.platform.web.Problems.of(HttpStatus.FORBIDDEN, "origin-not-allowed",
                        "Pages of this origin may not call the API (lethe.security.cors.allowed-origins), or not with "
                                + "this method or these headers; nothing was done.");
                response.setStatusCode(HttpStatus.FORBIDDEN);
                response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
                jsonMapper.writeValue(response.getBody(), problem);
                response.flush();
            }
        });
        return filter;
    }
}
