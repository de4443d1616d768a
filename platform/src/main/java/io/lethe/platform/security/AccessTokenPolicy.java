package io.lethe.platform.security;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

import java.util.List;
import java.util.Set;

/**
 * What makes a signed, unexpired token from the issuer an access token meant for Lethe (ADR 0015):
 * <ul>
 * <li>its audience ({@code aud}) names one of the configured audiences, so a token the same issuer
 * minted for another API, or a person's ID token (whose audience is the client that signed them in),
 * is not accepted here;</li>
 * <li>its JOSE header's {@code typ} is RFC 9068's {@code at+jwt} (or {@code application/at+jwt}); a
 * plain {@code JWT} or no {@code typ} is accepted only while {@code require-at-jwt} is off, since
 * Keycloak and Spring Authorization Server set no such type by default; any other type
 * ({@code logout+jwt}, {@code dpop+jwt}, …) is never an access token;</li>
 * <li>it carries none of the marks of another kind of token: Keycloak's {@code typ} claim says
 * {@code Bearer} on access tokens and {@code ID}, {@code Refresh} or {@code Logout} on the others,
 * and {@code nonce}, {@code at_hash} and {@code c_hash} are claims of OpenID Connect ID tokens only.</li>
 * </ul>
 * Every refusal is {@code invalid_token}; its description names the rule, never a claim's value.
 */
final class AccessTokenPolicy implements OAuth2TokenValidator<Jwt> {

    private static final Set<String> ACCESS_TOKEN_TYPES = Set.of("at+jwt", "application/at+jwt");
    private static final Set<String> GENERIC_TYPES = Set.of("jwt", "application/jwt");
    private static final List<String> ID_TOKEN_CLAIMS = List.of("nonce", "at_hash", "c_hash");

    private final Set<String> audiences;
    private final boolean requireAtJwt;

    AccessTokenPolicy(LetheSecurityProperties.Tokens tokens) {
        this.audiences = Set.copyOf(tokens.audiences());
        this.requireAtJwt = tokens.requireAtJwt();
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt token) {
        List<String> audience = token.getAudience();
        if (audience == null || audience.stream().noneMatch(audiences::contains)) {
            return refused("The token is not meant for this API (aud)");
        }
        Object type = token.getHeaders().get("typ");
        String typ = type == null ? "" : type.toString().trim().toLowerCase(java.util.Locale.ROOT);
        boolean accessType = ACCESS_TOKEN_TYPES.contains(typ);
        if (!accessType && (requireAtJwt || !(typ.isEmpty() || GENERIC_TYPES.contains(typ)))) {
            return refused("The token is not an access token (typ header)");
        }
        Object keycloakType = token.getClaims().get("typ");
        if (keycloakType != null && !"bearer".equalsIgnoreCase(keycloakType.toString())) {
            return refused("The token is not an access token (typ claim)");
        }
        if (ID_TOKEN_CLAIMS.stream().anyMatch(token.getClaims()::containsKey)) {
            return refused("The token is an ID token, not an access token");
        }
        return OAuth2TokenValidatorResult.success();
    }

    private static OAuth2TokenValidatorResult refused(String description) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, description, null));
    }
}
