package io.lethe.platform.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.SecurityContext;
import io.lethe.platform.crypto.PlatformSecrets;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The platform's own access tokens (ADR 0021): a configured user exchanges its name and password at
 * {@code /oauth2/token} (OAuth2 client credentials) for a short-lived JWT, and sends that, not the
 * password, with every API call. Tokens are signed with HMAC-SHA256 under a key derived from the
 * key-encryption keys, so every node holding the same KEKs issues and accepts the same tokens and no
 * signing key is stored anywhere; after a KEK rotation, tokens signed under the previous KEK's key are
 * accepted until that KEK is removed. The key id in each token's header says which key signed it, and
 * is how a token of the platform is told from one of a configured issuer.
 *
 * <p>A token carries its caller in {@code sub} and its roles as scopes ({@link #scope}), its audience
 * is {@code lethe}, and its type is RFC 9068's {@code at+jwt}: it passes the same policy as an
 * issuer's tokens ({@link AccessTokenPolicy}).
 */
final class PlatformTokens {

    /** The audience of the platform's tokens, the default audience an issuer's tokens must name too. */
    static final String AUDIENCE = "lethe";

    /** Keys by id, the current KEK's first. */
    private final Map<String, SecretKey> keys = new LinkedHashMap<>();
    private final Map<String, JwtDecoder> decoders = new LinkedHashMap<>();
    private final String currentKeyId;
    private final org.springframework.core.convert.converter.Converter<Jwt,
            org.springframework.security.authentication.AbstractAuthenticationToken> roles;

    PlatformTokens(PlatformSecrets secrets, List<LetheSecurityProperties.User> users) {
        for (SecretKey derived : secrets.keys("access-tokens")) {
            SecretKey key = new SecretKeySpec(derived.getEncoded(), "HmacSHA256");
            keys.putIfAbsent(keyId(key), key);
        }
        this.currentKeyId = keys.keySet().iterator().next();
        LetheSecurityProperties.Tokens own = new LetheSecurityProperties.Tokens(null, "sub", "scope", byScope(),
                List.of(AUDIENCE), true, java.util.EnumSet.allOf(Role.class));
        AccessTokenPolicy policy = new AccessTokenPolicy(own);
        keys.forEach((id, key) -> {
            NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(key).macAlgorithm(MacAlgorithm.HS256).build();
            // the nodes that issue and accept a token share a clock within seconds: the lifetime is what it says,
            // not a minute more; and the type is RFC 9068's at+jwt, never the default's JWT
            decoder.setJwtValidator(new org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator<>(
                    new org.springframework.security.oauth2.jwt.JwtTimestampValidator(CLOCK_SKEW),
                    new org.springframework.security.oauth2.jwt.JwtTypeValidator("at+jwt"), policy));
            decoders.put(id, decoder);
        });
        TokenRoles scopes = new TokenRoles(own);
        Map<String, Set<Role>> configured = new java.util.HashMap<>();
        users.forEach(user -> configured.put(user.username(), Set.copyOf(user.roles())));
        // a token speaks for a user as the configuration stands now: a user removed, or a role taken away,
        // since the token was issued is not given back by it
        this.roles = jwt -> {
            Set<Role> current = configured.get(jwt.getSubject());
            if (current == null) {
                throw new org.springframework.security.oauth2.server.resource.InvalidBearerTokenException(
                        "The token's user is no longer configured");
            }
            org.springframework.security.authentication.AbstractAuthenticationToken caller = scopes.convert(jwt);
            List<org.springframework.security.core.GrantedAuthority> kept = caller.getAuthorities().stream()
                    .filter(authority -> current.stream().anyMatch(role -> authority.getAuthority().equals("ROLE_" + role.name())))
                    .map(authority -> (org.springframework.security.core.GrantedAuthority) authority).toList();
            return new org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken(jwt, kept,
                    caller.getName());
        };
    }

    /** How far the clocks of the node that issued a token and the node that reads it may differ. */
    static final java.time.Duration CLOCK_SKEW = java.time.Duration.ofSeconds(5);

    /** The scope a token of the platform carries for the role: {@code lethe:privacy-staff} for PRIVACY_STAFF. */
    static String scope(Role role) {
        return RoleScopes.of(role.name());
    }

    /** Every role by its scope, as a token of the platform names them. */
    static Map<String, Role> byScope() {
        Map<String, Role> byScope = new LinkedHashMap<>();
        for (Role role : Role.values()) {
            byScope.put(scope(role), role);
        }
        return byScope;
    }

    /** Whether the decoded token is one of the platform's. */
    boolean issued(Jwt jwt) {
        Object kid = jwt.getHeaders().get("kid");
        return kid != null && keys.containsKey(kid.toString());
    }

    /**
     * A token of the platform, checked (signature under the key its header names, expiry, audience, type);
     * null where its header names none of the platform's keys, so the token is someone else's to check. The
     * header is read once.
     */
    Jwt decodeIfIssued(String token) {
        JwtDecoder decoder = decoders.get(keyIdOf(token));
        return decoder == null ? null : decoder.decode(token);
    }

    /** A token of the platform, checked; refused where it is not the platform's. */
    Jwt decode(String token) {
        Jwt jwt = decodeIfIssued(token);
        if (jwt == null) {
            throw new BadJwtException("The token is not one of this platform's");
        }
        return jwt;
    }

    /**
     * The caller a token of the platform names, with the roles its scopes give that the user still has;
     * a token of a user no longer configured is refused.
     */
    org.springframework.core.convert.converter.Converter<Jwt, org.springframework.security.authentication.AbstractAuthenticationToken> roles() {
        return roles;
    }

    /** Signs with the current KEK's key. */
    JwtEncoder encoder() {
        OctetSequenceKey jwk = new OctetSequenceKey.Builder(keys.get(currentKeyId)).keyID(currentKeyId)
                .algorithm(JWSAlgorithm.HS256).keyUse(KeyUse.SIGNATURE).build();
        return new NimbusJwtEncoder(new ImmutableJWKSet<SecurityContext>(new JWKSet(jwk)));
    }

    /**
     * Shapes each access token the token endpoint issues: HS256 under the current key, typed {@code at+jwt},
     * meant for {@code lethe}, with the roles of the client asked for (its scopes; all of them when it asks
     * for none).
     */
    OAuth2TokenCustomizer<JwtEncodingContext> shape() {
        return context -> {
            context.getJwsHeader().algorithm(MacAlgorithm.HS256).keyId(currentKeyId)
                    .type("at+jwt");
            Set<String> scopes = context.getAuthorizedScopes().isEmpty() ? context.getRegisteredClient().getScopes()
                    : context.getAuthorizedScopes();
            context.getClaims().audience(List.of(AUDIENCE)).claim("scope", new TreeSet<>(scopes));
        };
    }

    /** The header's key id, or an empty text where the token is not a signed JWT. */
    private static String keyIdOf(String token) {
        try {
            String kid = com.nimbusds.jwt.SignedJWT.parse(token).getHeader().getKeyID();
            return kid == null ? "" : kid;
        } catch (java.text.ParseException | ClassCastException | IllegalArgumentException malformed) {
            throw new BadJwtException("The bearer token is not a signed JWT");
        }
    }

    /**
     * A key's id: 12 bytes of an HMAC under the key itself, so the id names the key and says nothing of it.
     */
    private static String keyId(SecretKey key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] digest = mac.doFinal("lethe access-token key id".getBytes(StandardCharsets.US_ASCII));
            return "lethe-" + Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(digest, 12));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}
