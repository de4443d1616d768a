package io.lethe.platform.security;

import org.springframework.context.ApplicationContext;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;

import java.time.Instant;
import java.util.List;

/**
 * A token signed with the platform's own current key, in its exact shape, for a user and scope the test
 * chooses, minted without the token endpoint: what a node would hold if it were handed one.
 */
public final class ForgedByThePlatform {

    private ForgedByThePlatform() {
    }

    public static String token(ApplicationContext platform, String user, String scope) {
        PlatformTokens tokens = platform.getBean(PlatformTokens.class);
        Instant now = Instant.now();
        return tokens.encoder().encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).type("at+jwt").build(),
                JwtClaimsSet.builder().subject(user).audience(List.of(PlatformTokens.AUDIENCE)).claim("scope", List.of(scope))
                        .issuedAt(now).expiresAt(now.plus(TokenEndpoint.LIFETIME)).build())).getTokenValue();
    }
}
