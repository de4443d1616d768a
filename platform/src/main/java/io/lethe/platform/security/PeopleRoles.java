package io.lethe.platform.security;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

import java.util.Set;

/**
 * A person signed in through OpenID Connect, as the platform knows them: named by the configured
 * claim (falling back to {@code sub}), with the roles the configured roles or groups claim maps to.
 * The provider's own scopes give no role here. A person whose claim maps to no role is signed in
 * but may open nothing.
 */
final class PeopleRoles implements OAuth2UserService<OidcUserRequest, OidcUser> {

    private final LetheSecurityProperties.People people;
    private final OidcUserService provider = new OidcUserService();

    PeopleRoles(LetheSecurityProperties.People people) {
        this.people = people;
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) throws OAuth2AuthenticationException {
        OidcUser user = provider.loadUser(request);
        Set<GrantedAuthority> authorities = TokenRoles.authorities(user.getClaims().get(people.rolesClaim()), people.roles());
        String nameClaim = user.getClaims().get(people.principalClaim()) instanceof String name && !name.isBlank()
                ? people.principalClaim() : "sub";
        if (!(user.getClaims().get(nameClaim) instanceof String)) {
            throw new OAuth2AuthenticationException(new OAuth2Error("invalid_id_token"), "The ID token names nobody");
        }
        return new DefaultOidcUser(authorities, user.getIdToken(), user.getUserInfo(), nameClaim);
    }
}
