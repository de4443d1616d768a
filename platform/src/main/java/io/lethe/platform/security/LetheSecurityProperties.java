package io.lethe.platform.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;
import java.util.Set;

/**
 * Users of the platform. Passwords are stored as encoded hashes with their algorithm prefix
 * ({@code {bcrypt}…}); a plain-text password is never accepted from configuration. {@code passwords}
 * (on by default) lets the configured users sign in with them: for a token at the token endpoint
 * ({@link TokenEndpoint}), and on the console's form; off, services and processors sign in with an
 * issuer's tokens and people through OpenID Connect.
 */
@ConfigurationProperties("lethe.security")
record LetheSecurityProperties(List<User> users, Boolean passwords, Tokens tokens, People people, SignIn signIn, Cors cors) {

    LetheSecurityProperties {
        passwords = passwords == null || passwords;
        users = users == null ? List.of() : List.copyOf(users);
        tokens = tokens == null ? new Tokens(null, null, null, null, null, false, null) : tokens;
        people = people == null ? new People(null, null, null) : people;
        signIn = signIn == null ? new SignIn(0, 0, 0, null) : signIn;
        cors = cors == null ? new Cors(null, null) : cors;
    }

    /**
     * Calls from web pages of other origins (CORS), e.g. a privacy center on the company's own site
     * calling the API from the browser with a bearer token. None is allowed by default. An allowed
     * origin's pages may send any documented request with a bearer token; the browser never attaches
     * cookies or HTTP Basic credentials to them (no {@code Access-Control-Allow-Credentials}), so a
     * console session or a remembered password can't be used from another site.
     *
     * @param allowedOrigins the origins, exactly as a browser sends them ({@code https://privacy.example.com}):
     *                       scheme, host and port, no path, no wildcard
     * @param maxAge         how long a browser may keep a preflight's answer (1 hour)
     */
    record Cors(List<String> allowedOrigins, java.time.Duration maxAge) {

        /** An origin: a scheme, a host name (at most 253 characters) and a port. */
        private static final java.util.regex.Pattern ORIGIN =
                java.util.regex.Pattern.compile("https?://[A-Za-z0-9.-]{1,253}(:[0-9]{1,5})?");

        Cors {
            allowedOrigins = allowedOrigins == null ? List.of()
                    : allowedOrigins.stream().filter(origin -> !origin.isBlank()).map(String::trim).toList();
            List<String> malformed = allowedOrigins.stream().filter(origin -> !ORIGIN.matcher(origin).matches()).toList();
            if (!malformed.isEmpty()) {
                // a path, a trailing slash or a wildcard would never match what a browser sends; said at start-up
                throw new IllegalStateException("lethe.security.cors.allowed-origins takes origins such as "
                        + "https://privacy.example.com (scheme, host, optional port; no path, no wildcard): " + malformed);
            }
            maxAge = maxAge == null || maxAge.isNegative() ? java.time.Duration.ofHours(1) : maxAge;
        }
    }

    /**
     * People signing in to the console through OpenID Connect (the provider itself is configured as a
     * Spring Security client registration, {@code spring.security.oauth2.client.registration.*}).
     *
     * @param principalClaim the claim naming the person in the audit trail and the access log
     *                       ({@code preferred_username}; {@code sub} where a provider lacks it)
     * @param rolesClaim     the ID token's (or user info's) claim carrying roles or groups: a list, or
     *                       space-separated text ({@code roles}; Keycloak's group mapper: {@code groups})
     * @param roles          which values of that claim give which role; values not listed give none
     */
    record People(String principalClaim, String rolesClaim, java.util.Map<String, Role> roles) {

        People {
            principalClaim = principalClaim == null || principalClaim.isBlank() ? "preferred_username" : principalClaim;
            rolesClaim = rolesClaim == null || rolesClaim.isBlank() ? "roles" : rolesClaim;
            roles = rolesOr(roles, java.util.Map.of("lethe-privacy-staff", Role.PRIVACY_STAFF, "lethe-auditor", Role.AUDITOR,
                    "lethe-admin", Role.ADMIN));
        }
    }

    /**
     * Failed sign-ins (the console's password form and the token endpoint) are limited: after {@code maxFailures} for one
     * name from one address, {@code maxFailuresPerAddress} from one address (an IPv6 /64), or
     * {@code maxFailuresPerAccount} for one name from anywhere but where it last signed in, within
     * {@code window}, further attempts are refused until the window has passed since the last failure.
     */
    record SignIn(int maxFailures, int maxFailuresPerAddress, int maxFailuresPerAccount, java.time.Duration window) {

        SignIn {
            maxFailures = maxFailures <= 0 ? 5 : maxFailures;
            maxFailuresPerAddress = maxFailuresPerAddress <= 0 ? 20 : maxFailuresPerAddress;
            maxFailuresPerAccount = maxFailuresPerAccount <= 0 ? 10 : maxFailuresPerAccount;
            window = window == null || window.isNegative() || window.isZero() ? java.time.Duration.ofMinutes(15) : window;
        }
    }

    /**
     * Bearer tokens: JWT access tokens from one OAuth2 / OpenID Connect issuer, for services and
     * processors (client credentials). Off while {@code issuerUri} is unset. See {@link AccessTokenPolicy}
     * for what makes a token an access token meant for Lethe.
     *
     * @param issuerUri      the issuer (its metadata and keys are found from it on first use, and every
     *                       token must name it as {@code iss})
     * @param principalClaim the claim naming the caller, which is also a processor's key: {@code sub}
     *                       (a client-credentials token's client id on most servers; Keycloak: {@code azp})
     * @param rolesClaim     the claim carrying the roles: {@code scope} for client credentials, or a
     *                       provider's roles or groups claim (a list, or space-separated text)
     * @param roles          which values of that claim give which role; values not listed give none
     * @param audiences      a token must name one of these in {@code aud} ({@code lethe})
     * @param requireAtJwt   only tokens typed {@code at+jwt} (RFC 9068) are accepted; on where the
     *                       issuer types its access tokens so
     * @param allowedRoles   the roles a token may give at all ({@code SERVICE}, {@code PROCESSOR}): bearer
     *                       tokens are machine clients' (client credentials), and a person's role given
     *                       to a client is a decision an operator takes by widening this list
     */
    record Tokens(String issuerUri, String principalClaim, String rolesClaim, java.util.Map<String, Role> roles,
                  List<String> audiences, boolean requireAtJwt, Set<Role> allowedRoles) {

        static final Set<Role> MACHINE_ROLES = java.util.EnumSet.of(Role.SERVICE, Role.PROCESSOR);

        Tokens {
            issuerUri = issuerUri == null || issuerUri.isBlank() ? null : issuerUri;
            principalClaim = principalClaim == null || principalClaim.isBlank() ? "sub" : principalClaim;
            rolesClaim = rolesClaim == null || rolesClaim.isBlank() ? "scope" : rolesClaim;
            roles = rolesOr(roles, java.util.Map.of("lethe:service", Role.SERVICE, "lethe:processor", Role.PROCESSOR));
            audiences = audiences == null || audiences.stream().allMatch(String::isBlank) ? List.of("lethe")
                    : audiences.stream().filter(audience -> !audience.isBlank()).toList();
            allowedRoles = allowedRoles == null || allowedRoles.isEmpty() ? MACHINE_ROLES : Set.copyOf(allowedRoles);
            java.util.Map<String, Role> mapped = roles;
            Set<Role> allowed = allowedRoles;
            List<String> beyond = mapped.entrySet().stream().filter(entry -> !allowed.contains(entry.getValue()))
                    .map(entry -> entry.getKey() + "=" + entry.getValue()).sorted().toList();
            if (!beyond.isEmpty()) {
                // a mapping that would silently give nothing is a configuration error, said at start-up
                throw new IllegalStateException("lethe.security.tokens.roles maps " + beyond + " to roles that bearer "
                        + "tokens may not give; add them to lethe.security.tokens.allowed-roles deliberately, or remove "
                        + "the mapping");
            }
        }
    }

    /** A configured value-to-role map, or the defaults where none is configured. */
    private static java.util.Map<String, Role> rolesOr(java.util.Map<String, Role> configured,
                                                      java.util.Map<String, Role> defaults) {
        return configured == null || configured.isEmpty() ? defaults : java.util.Map.copyOf(configured);
    }

        record User(String username, String password, Set<Role> roles) {

        @Override
        public String toString() {
            return "User[username=" + username + ", roles=" + roles + "]";
        }
    }
}
