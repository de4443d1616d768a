package io.lethe.platform.security;

import io.lethe.platform.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.authorization.authentication.ClientSecretAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The platform's token endpoint, {@code POST /oauth2/token} (RFC 6749, client credentials; ADR 0021):
 * each configured user is a client whose secret is its password, sent as HTTP Basic
 * ({@code client_secret_basic}) or as form fields ({@code client_secret_post}). Its scopes are its
 * roles' ({@link PlatformTokens#scope}). A token lives {@link #LIFETIME}; nothing of it is stored, so
 * no node has to share a token store with another, and no token can be revoked before it expires: a
 * user removed from the configuration gets no new one.
 *
 * <p>A refusal is an RFC 9457 problem detail that also carries RFC 6749's {@code error} and
 * {@code error_description}, as {@code application/json} (RFC 6749's type, which OAuth2 client libraries
 * read) unless the caller asks for {@code application/problem+json}.
 */
final class TokenEndpoint {

    /** How long a token of the platform is accepted. */
    static final Duration LIFETIME = Duration.ofMinutes(10);

    private TokenEndpoint() {
    }

    /** The configured users as clients of the token endpoint. */
    static RegisteredClientRepository clients(List<LetheSecurityProperties.User> users) {
        Map<String, RegisteredClient> clients = new LinkedHashMap<>();
        for (LetheSecurityProperties.User user : users) {
            clients.put(user.username(), RegisteredClient.withId(user.username())
                    .clientId(user.username())
                    .clientSecret(user.password())
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                    .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                    .scopes(scopes -> user.roles().forEach(role -> scopes.add(PlatformTokens.scope(role))))
                    .tokenSettings(TokenSettings.builder().accessTokenFormat(OAuth2TokenFormat.SELF_CONTAINED)
                            .accessTokenTimeToLive(LIFETIME).build())
                    .build());
        }
        return new RegisteredClientRepository() {
            @Override
            public void save(RegisteredClient registeredClient) {
                // the configuration is the only source of clients: nothing is registered, or re-hashed, at run time
            }

            @Override
            public RegisteredClient findById(String id) {
                return clients.get(id);
            }

            @Override
            public RegisteredClient findByClientId(String clientId) {
                return clients.get(clientId);
            }
        };
    }

    /**
     * No authorization is kept: a client-credentials token is self-contained and short-lived, and the
     * endpoints that would look one up (introspection, revocation) are not served.
     */
    static OAuth2AuthorizationService nothingKept() {
        return new OAuth2AuthorizationService() {
            @Override
            public void save(OAuth2Authorization authorization) {
                // nothing kept
            }

            @Override
            public void remove(OAuth2Authorization authorization) {
                // nothing kept
            }

            @Override
            public OAuth2Authorization findById(String id) {
                return null;
            }

            @Override
            public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
                return null;
            }
        };
    }

    /**
     * The server's check of a client secret, with two changes. A name that is not configured is refused
     * after a password check against the costliest configured hash, so the time of a refusal does not
     * tell which names exist. And a right secret is never re-hashed: the server would encode a secret
     * whose hash is not of its encoder's default cost again on every token, and only to throw the result
     * away (the configuration is the only source of clients).
     */
    static AuthenticationProvider evenTiming(AuthenticationProvider provider, RegisteredClientRepository clients,
                                             List<LetheSecurityProperties.User> users, PasswordEncoder passwords) {
        if (!(provider instanceof ClientSecretAuthenticationProvider)) {
            return provider;
        }
        java.util.Set<String> names = new java.util.HashSet<>();
        users.forEach(user -> names.add(user.username()));
        String costliest = users.stream().map(LetheSecurityProperties.User::password)
                .max(java.util.Comparator.comparingInt(TokenEndpoint::cost))
                .orElseGet(() -> passwords.encode(java.util.UUID.randomUUID().toString()));
        ClientSecretAuthenticationProvider checked = new ClientSecretAuthenticationProvider(clients, nothingKept());
        checked.setPasswordEncoder(new PasswordEncoder() {
            @Override
            public String encode(CharSequence raw) {
                return passwords.encode(raw);
            }

            @Override
            public boolean matches(CharSequence raw, String encoded) {
                return passwords.matches(raw, encoded);
            }

            @Override
            public boolean upgradeEncoding(String encoded) {
                return false;
            }
        });
        return new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication authentication) {
                if (authentication instanceof OAuth2ClientAuthenticationToken client
                        && !names.contains(String.valueOf(client.getPrincipal()))) {
                    if (client.getCredentials() != null) {
                        passwords.matches(client.getCredentials().toString(), costliest);
                    }
                    throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT));
                }
                return checked.authenticate(authentication);
            }

            @Override
            public boolean supports(Class<?> authentication) {
                return checked.supports(authentication);
            }
        };
    }

    /** A bcrypt hash's cost ({@code {bcrypt}$2a$12$…} is 12); 0 for any other kind. */
    static int cost(String hash) {
        java.util.regex.Matcher bcrypt = java.util.regex.Pattern.compile("^\\{bcrypt}\\$2[aby]?\\$(\\d\\d)\\$").matcher(hash);
        return bcrypt.find() ? Integer.parseInt(bcrypt.group(1)) : 0;
    }

    /** A refused token request: 401 for the client's credentials, 400 for anything else. */
    static AuthenticationFailureHandler refusals(JsonMapper jsonMapper) {
        return (request, response, exception) -> {
            OAuth2Error error = exception instanceof OAuth2AuthenticationException oauth ? oauth.getError()
                    : new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT);
            write(request, response, jsonMapper, error);
        };
    }

    /** A token request with no client credentials at all. */
    static AuthenticationEntryPoint unauthenticated(JsonMapper jsonMapper) {
        return (HttpServletRequest request, HttpServletResponse response, AuthenticationException e) ->
                write(request, response, jsonMapper, new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT));
    }

    private static void write(HttpServletRequest request, HttpServletResponse response, JsonMapper jsonMapper,
                              OAuth2Error error) throws IOException {
        boolean client = OAuth2ErrorCodes.INVALID_CLIENT.equals(error.getErrorCode());
        HttpStatus status = client ? HttpStatus.UNAUTHORIZED : HttpStatus.BAD_REQUEST;
        String detail = switch (error.getErrorCode()) {
            case OAuth2ErrorCodes.INVALID_CLIENT -> "The client's name and password were missing or wrong; no token was "
                    + "issued. Send them as HTTP Basic (client_secret_basic) or as client_id and client_secret.";
            case OAuth2ErrorCodes.UNSUPPORTED_GRANT_TYPE -> "Only grant_type=client_credentials is served here.";
            case OAuth2ErrorCodes.INVALID_SCOPE -> "A requested scope is not one of the client's roles; ask for none to "
                    + "be given all of them.";
            default -> "The token request is malformed: send grant_type=client_credentials as a form "
                    + "(application/x-www-form-urlencoded).";
        };
        if (client && SignInThrottle.basic(request)) {
            // RFC 6749 5.2: the scheme the client tried
            response.setHeader("WWW-Authenticate", "Basic realm=\"lethe\"");
        }
        ProblemDetail problem = Problems.of(status, error.getErrorCode().replace('_', '-'), detail);
        problem.setProperty("error", error.getErrorCode());
        problem.setProperty("error_description", detail);
        response.setHeader("Cache-Control", "no-store");
        response.setStatus(status.value());
        // RFC 6749 5.2 answers application/json, which OAuth2 libraries expect; a caller that asks for a problem
        // detail by its type gets that type (the body is the same)
        String accept = request.getHeader("Accept");
        response.setContentType(accept != null && accept.contains(MediaType.APPLICATION_PROBLEM_JSON_VALUE)
                ? MediaType.APPLICATION_PROBLEM_JSON_VALUE : MediaType.APPLICATION_JSON_VALUE);
        jsonMapper.writeValue(response.getOutputStream(), problem);
    }
}
