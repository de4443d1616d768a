package io.lethe.platform.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * A person who chooses a provider on the sign-in page while it cannot be reached is sent back to the
 * page with the reason, instead of Spring Security's bare 500 for a registration it cannot resolve.
 * The person can try again in a moment, or sign in another way.
 */
final class ProviderChoice extends OncePerRequestFilter {

    static final String PATH = "/oauth2/authorization/";
    static final String UNAVAILABLE = "/console/login?provider-unavailable";

    private final ProviderRegistrations registrations;

    ProviderChoice(ProviderRegistrations registrations) {
        this.registrations = registrations;
    }

    /** The address as Spring Security's own authorization request resolver matches it, decoding the id alike. */
    private static final RequestMatcher CHOICE = PathPatternRequestMatcher.withDefaults().matcher(PATH + "{registrationId}");

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !CHOICE.matches(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String id = CHOICE.matcher(request).getVariables().get("registrationId");
        if (registrations.configured(id) && registrations.findByRegistrationId(id) == null) {
            response.sendRedirect(request.getContextPath() + UNAVAILABLE);
            return;
        }
        chain.doFilter(request, response);
    }
}
