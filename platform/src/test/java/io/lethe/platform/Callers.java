package io.lethe.platform;

import jakarta.servlet.Filter;
import org.springframework.context.ApplicationContext;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.context.support.WebApplicationContextUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signs the tests' callers in as a product service does: a configured user's name and password are
 * exchanged at the platform's token endpoint ({@code POST /oauth2/token}, client credentials) for a
 * token, and the token, not the password, goes with each call. Tokens are kept per platform and user
 * until a minute before they expire, as a client library keeps them.
 */
public final class Callers {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Per application context (MockMvc): user and password to token. */
    private static final Map<Object, Map<String, Token>> TOKENS = java.util.Collections.synchronizedMap(new WeakHashMap<>());

    private Callers() {
    }

    private record Token(String value, Instant renewAt) {
    }

    /**
     * MockMvc: the user's token, from the token endpoint of the application the request is sent to (its
     * security filter chain, as a real request would reach it).
     */
    public static RequestPostProcessor signedIn(String user, String password) {
        return request -> {
            ApplicationContext context = WebApplicationContextUtils.getRequiredWebApplicationContext(request.getServletContext());
            String token = cached(context, user, password, () -> {
                Filter chain = context.getBean("springSecurityFilterChain", Filter.class);
                MockHttpServletRequest tokenRequest = new MockHttpServletRequest(request.getServletContext(), "POST", "/oauth2/token");
                tokenRequest.setContentType("application/x-www-form-urlencoded");
                tokenRequest.setParameter("grant_type", "client_credentials");
                tokenRequest.addHeader("Authorization", io.lethe.platform.imports.ClientCredentials.basic(user, password));
                tokenRequest.setRemoteAddr("127.0.0.1");
                MockHttpServletResponse response = new MockHttpServletResponse();
                try {
                    chain.doFilter(tokenRequest, response, new MockFilterChain());
                    return answer(response.getStatus(), response.getContentAsString(), user);
                } catch (Exception e) {
                    throw new IllegalStateException("no token for " + user, e);
                }
            });
            request.addHeader("Authorization", "Bearer " + token);
            return request;
        };
    }

    /** Real HTTP: the {@code Authorization} header's value for the user at the platform answering at {@code base}. */
    public static String bearer(String base, String user, String password) {
        return CLIENTS.computeIfAbsent(base + '\u0000' + user + '\u0000' + password,
                key -> new io.lethe.platform.imports.ClientCredentials(URI.create(base + "/"), user, password)).get();
    }

    /** The real-HTTP clients, per platform address and user: each keeps its token as a service does. */
    private static final Map<String, io.lethe.platform.imports.ClientCredentials> CLIENTS = new ConcurrentHashMap<>();

    /** A client-credentials token request, with no client credentials yet: the only place the API takes a password. */
    public static org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder tokenRequest() {
        return org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/oauth2/token")
                .contentType(org.springframework.http.MediaType.APPLICATION_FORM_URLENCODED)
                .param("grant_type", "client_credentials");
    }

    /** Forgets the tokens of every platform: the next call of each user asks for a new one. */
    public static void forget() {
        TOKENS.clear();
        CLIENTS.clear();
    }

    private static String cached(Object platform, String user, String password, java.util.function.Supplier<Token> issue) {
        Map<String, Token> tokens = TOKENS.computeIfAbsent(platform, ignored -> new ConcurrentHashMap<>());
        String key = user + '\u0000' + password;
        Token token = tokens.get(key);
        if (token == null || Instant.now().isAfter(token.renewAt())) {
            token = issue.get();
            tokens.put(key, token);
        }
        return token.value();
    }

    private static Token answer(int status, String body, String user) {
        if (status != 200) {
            throw new IllegalStateException("the token endpoint answered " + status + " for " + user + ": " + body);
        }
        JsonNode answer = JSON.readTree(body);
        return new Token(answer.get("access_token").asString(),
                Instant.now().plusSeconds(answer.get("expires_in").asLong()).minusSeconds(60));
    }
}
