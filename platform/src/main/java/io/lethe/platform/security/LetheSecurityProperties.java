package io.lethe.platform.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;
import java.util.Set;

/**
 * Users of the platform. Passwords are stored as encoded hashes with their algorithm prefix
 * ({@code {bcrypt}…}); a plain-text password is never accepted from configuration. {@code passwords}
 * (on by default) lets the configured users sign in with them, by HTTP Basic on the API and on the
 * console's form; off, services and processors sign in with tokens and people through OpenID Connect.
 */
@ConfigurationProperties("lethe.security")
record LetheSecurityProperties(List<User> users, Boolean passwords, Tokens tokens, People people, SignIn signIn) {

    LetheSecurityProperties {
        passwords = passwords == null || passwords;
        users = users == null ? List.of() : List.copyOf(users);
        tokens = tokens == null ? new Tokens(null, null, null, null) : tokens;
        people = people == null ? new People(null, null, null) : people;
        signIn = signIn == null ? new SignIn(0, 0, null) : signIn;
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
     * Failed sign-ins (console passwords and HTTP Basic) are limited: after {@code maxFailures} for one
     * name from one address, or {@code maxFailuresPerAddress} from one address, within {@code window},
     * further attempts are refused until the window has passed since the last failure.
     */
    record SignIn(int maxFailures, int maxFailuresPerAddress, java.time.Duration window) {

        SignIn {
            maxFailures = maxFailures <= 0 ? 5 : maxFailures;
            maxFailuresPerAddress = maxFailuresPerAddress <= 0 ? 20 : maxFailuresPerAddress;
            window = window == null || window.isNegative() || window.isZero() ? java.time.Duration.ofMinutes(15) : window;
        }
    }

    /**
     * Bearer tokens: JWTs from one OAuth2 / OpenID Connect issuer, for services and processors
     * (client credentials). Off while {@code issuerUri} is unset.
     *
     * @param issuerUri      the issuer (its metadata and keys are found from it on first use, and every
     *                       token must name it as {@code iss})
     * @param principalClaim the claim naming the caller, which is also a processor's key: {@code sub}
     *                       (a client-credentials token's client id on most servers; Keycloak: {@code azp})
     * @param rolesClaim     the claim carrying the roles: {@code scope} for client credentials, or a
     *                       provider's roles or groups claim (a list, or space-separated text)
     * @param roles          which values of that claim give which role; values not listed give none
     */
    record Tokens(String issuerUri, String principalClaim, String rolesClaim, java.util.Map<String, Role> roles) {

        Tokens {
            issuerUri = issuerUri == null || issuerUri.isBlank() ? null : issuerUri;
            principalClaim = principalClaim == null || principalClaim.isBlank() ? "sub" : principalClaim;
            rolesClaim = rolesClaim == null || rolesClaim.isBlank() ? "scope" : rolesClaim;
            roles = rolesOr(roles, java.util.Map.of("lethe:service", Role.SERVICE, "lethe:processor", Role.PROCESSOR,
                    "lethe:privacy-staff", Role.PRIVACY_STAFF, "lethe:auditor", Role.AUDITOR, "lethe:admin", Role.ADMIN));
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
