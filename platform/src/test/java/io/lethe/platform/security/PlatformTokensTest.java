package io.lethe.platform.security;

import io.lethe.platform.Callers;
import io.lethe.platform.PlatformTest;
import io.lethe.platform.crypto.PlatformSecrets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

/**
 * A token of the platform speaks for its user as the configuration stands when it is read, on any node
 * that holds the same key-encryption keys: a node configured without the user refuses it, and a node
 * where the user lost a role does not give the role back.
 */
@PlatformTest
class PlatformTokensTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    PlatformSecrets secrets;
    @Autowired
    PlatformTokens tokens;

    @Test
    @DisplayName("Another node reads the token; it refuses a user it does not have, and a role the user no longer has")
    void aTokenSpeaksForTheConfigurationAsItStandsNow() throws Exception {
        String token = token("admin", "lethe-admin");
        Jwt jwt = tokens.decode(token);
        assertThat(roles(tokens, jwt)).containsExactly("ROLE_ADMIN");

        PlatformTokens withoutTheUser = new PlatformTokens(secrets, List.of(
                new LetheSecurityProperties.User("service", "{bcrypt}unused", Set.of(Role.SERVICE))));
        assertThat(withoutTheUser.decodeIfIssued(token)).as("signed under the same KEKs' key").isNotNull();
        Jwt read = withoutTheUser.decode(token);
        assertThatThrownBy(() -> withoutTheUser.roles().convert(read)).isInstanceOf(InvalidBearerTokenException.class);

        PlatformTokens demoted = new PlatformTokens(secrets, List.of(
                new LetheSecurityProperties.User("admin", "{bcrypt}unused", Set.of(Role.AUDITOR))));
        assertThat(roles(demoted, demoted.decode(token))).isEmpty();
    }

    @Test
    @DisplayName("A token lives ten minutes by its own claims, typed at+jwt, for lethe, the user's roles as scopes")
    void aTokensShape() throws Exception {
        String token = token("staff", "lethe-staff");
        Jwt jwt = tokens.decode(token);
        assertThat(jwt.getHeaders()).containsEntry("typ", "at+jwt").containsEntry("alg", "HS256");
        assertThat(jwt.getAudience()).containsExactly("lethe");
        assertThat(jwt.getSubject()).isEqualTo("staff");
        assertThat(jwt.getClaimAsStringList("scope")).containsExactly("lethe:privacy-staff");
        assertThat(java.time.Duration.between(jwt.getIssuedAt(), jwt.getExpiresAt())).isEqualTo(TokenEndpoint.LIFETIME);
    }

    @Test
    @DisplayName("A token in the platform's shape under its key is taken as the endpoint's are (passwords on)")
    void aTokenOfThePlatformsKeyIsTaken(@Autowired org.springframework.context.ApplicationContext platform) throws Exception {
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/api/privacy-requests")
                        .header("Authorization", "Bearer " + ForgedByThePlatform.token(platform, "staff", "lethe:privacy-staff")))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().isOk());
    }

    @Test
    @DisplayName("An unknown name is checked against the costliest configured hash: its cost is read from the hash")
    void theCostOfAHashIsReadFromIt() {
        assertThat(TokenEndpoint.cost("{bcrypt}$2a$12$abcdefghijklmnopqrstuv")).isEqualTo(12);
        assertThat(TokenEndpoint.cost("{bcrypt}$2b$04$abcdefghijklmnopqrstuv")).isEqualTo(4);
        assertThat(TokenEndpoint.cost("{argon2}$argon2id$v=19$m=16384")).isZero();
    }

    private String token(String user, String password) throws Exception {
        return new JsonMapper().readTree(mvc.perform(Callers.tokenRequest().with(httpBasic(user, password)))
                .andReturn().getResponse().getContentAsString()).get("access_token").asString();
    }

    private static List<String> roles(PlatformTokens tokens, Jwt jwt) {
        return tokens.roles().convert(jwt).getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
    }
}
