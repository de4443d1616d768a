package io.lethe.platform.security;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns a validated bearer token into the caller: named by the configured claim (a processor is the
 * client the token was issued to, never a field of a request), with the roles its roles claim maps
 * to. A token without the naming claim is not accepted as anyone.
 */
final class TokenRoles implements Converter<Jwt, AbstractAuthenticationToken> {

    private final LetheSecurityProperties.Tokens tokens;

    TokenRoles(LetheSecurityProperties.Tokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        String principal = jwt.getClaimAsString(tokens.principalClaim());
        if (principal == null || principal.isBlank()) {
            throw new org.springframework.security.oauth2.server.resource.InvalidBearerTokenException(
                    "The token names no caller in its " + tokens.principalClaim() + " claim");
        }
        return new JwtAuthenticationToken(jwt, authorities(jwt.getClaim(tokens.rolesClaim()), tokens.roles()), principal);
    }

    /** The roles a roles claim gives: each value the map names gives its role; others give none. */
    static Set<GrantedAuthority> authorities(Object claim, java.util.Map<String, Role> roles) {
        Set<GrantedAuthority> authorities = new LinkedHashSet<>();
        for (String value : values(claim)) {
            Role role = roles.get(value);
            if (role != null) {
                authorities.add(new SimpleGrantedAuthority("ROLE_" + role.name()));
            }
        }
        return authorities;
    }

    /** A claim holding a list, or space-separated text (OAuth2's {@code scope}). */
    private static List<String> values(Object claim) {
        List<String> values = new ArrayList<>();
        if (claim instanceof Collection<?> collection) {
            collection.forEach(value -> values.add(String.valueOf(value)));
        } else if (claim instanceof String text) {
            for (String value : text.trim().split("\\s+")) {
                if (!value.isEmpty()) {
                    values.add(value);
                }
            }
        }
        return values;
    }
}
