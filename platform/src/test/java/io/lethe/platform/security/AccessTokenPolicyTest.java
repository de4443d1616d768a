package io.lethe.platform.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The tokens issuers really mint, by their shapes: Keycloak types its tokens in a {@code typ} claim
 * ({@code Bearer}, {@code ID}, {@code Refresh}) under a {@code JWT} header; Spring Authorization Server
 * sets no type; an RFC 9068 issuer types access tokens {@code at+jwt}. Signature, expiry and issuer are
 * Spring Security's; these are the checks that make a token an access token for Lethe.
 */
class AccessTokenPolicyTest {

    private static final LetheSecurityProperties.Tokens DEFAULTS = tokens(null, false, null, null);

    @Test
    void keycloaksAccessTokenForLetheIsAccepted() {
        assertThat(valid(DEFAULTS, token("JWT", Map.of("typ", "Bearer", "aud", List.of("lethe", "account"), "azp", "game-service"))))
                .isTrue();
    }

    @Test
    void anRfc9068AccessTokenIsAcceptedEvenWhereOnlyThatTypeIs() {
        LetheSecurityProperties.Tokens strict = tokens(null, true, null, null);
        assertThat(valid(strict, token("at+jwt", Map.of("aud", "lethe", "client_id", "game-service")))).isTrue();
        assertThat(valid(strict, token("application/at+jwt", Map.of("aud", "lethe")))).isTrue();
        assertThat(valid(strict, token("JWT", Map.of("aud", "lethe")))).isFalse();
        assertThat(valid(strict, token(null, Map.of("aud", "lethe")))).isFalse();
    }

    @Test
    void aTokenForAnotherAudienceOrNoneIsRefused() {
        assertThat(valid(DEFAULTS, token(null, Map.of("aud", "billing")))).isFalse();
        assertThat(valid(DEFAULTS, token(null, Map.of("scope", "lethe:service")))).isFalse();
        assertThat(valid(tokens(List.of("https://lethe.example"), false, null, null),
                token(null, Map.of("aud", List.of("https://lethe.example"))))).isTrue();
    }

    @Test
    void anIdTokenIsRefusedEvenWhenItsClientIsNamedLikeTheApi() {
        // a console client called "lethe" gets ID tokens whose audience is "lethe"
        assertThat(valid(DEFAULTS, token("JWT", Map.of("typ", "ID", "aud", "lethe", "azp", "lethe")))).isFalse();
        assertThat(valid(DEFAULTS, token(null, Map.of("aud", "lethe", "azp", "lethe", "nonce", "n-1")))).isFalse();
        assertThat(valid(DEFAULTS, token(null, Map.of("aud", "lethe", "at_hash", "x")))).isFalse();
    }

    @Test
    void refreshLogoutAndOtherTypedTokensAreRefused() {
        assertThat(valid(DEFAULTS, token("JWT", Map.of("typ", "Refresh", "aud", "lethe")))).isFalse();
        assertThat(valid(DEFAULTS, token("logout+jwt", Map.of("aud", "lethe")))).isFalse();
        assertThat(valid(DEFAULTS, token("dpop+jwt", Map.of("aud", "lethe")))).isFalse();
    }

    @Test
    void refusalsSayWhichRuleAndNeverAClaimsValue() {
        var result = new AccessTokenPolicy(DEFAULTS).validate(token(null, Map.of("aud", "secret-audience-name", "sub", "dana")));
        assertThat(result.getErrors()).singleElement().satisfies(error -> {
            assertThat(error.getErrorCode()).isEqualTo("invalid_token");
            assertThat(error.getDescription()).doesNotContain("secret-audience-name", "dana");
        });
    }

    @Test
    void tokensGiveOnlyMachineRolesUnlessAnOperatorWidensTheList() {
        assertThat(DEFAULTS.roles()).containsOnlyKeys("lethe:service", "lethe:processor");
        assertThat(DEFAULTS.allowedRoles()).containsExactlyInAnyOrder(Role.SERVICE, Role.PROCESSOR);
        assertThatThrownBy(() -> tokens(null, false, Map.of("lethe:admin", Role.ADMIN), null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("lethe:admin=ADMIN").hasMessageContaining("allowed-roles");
        assertThat(tokens(null, false, Map.of("lethe:auditor", Role.AUDITOR), Set.of(Role.AUDITOR)).roles())
                .containsEntry("lethe:auditor", Role.AUDITOR);
    }

    private static boolean valid(LetheSecurityProperties.Tokens tokens, Jwt jwt) {
        return !new AccessTokenPolicy(tokens).validate(jwt).hasErrors();
    }

    private static LetheSecurityProperties.Tokens tokens(List<String> audiences, boolean requireAtJwt, Map<String, Role> roles,
                                                         Set<Role> allowed) {
        return new LetheSecurityProperties.Tokens("https://issuer.example", null, null, roles, audiences, requireAtJwt, allowed);
    }

    private static Jwt token(String type, Map<String, Object> claims) {
        Jwt.Builder builder = Jwt.withTokenValue("t").header("alg", "RS256")
                .issuer("https://issuer.example").subject("game-service")
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(300));
        if (type != null) {
            builder.header("typ", type);
        }
        claims.forEach(builder::claim);
        return builder.build();
    }
}
