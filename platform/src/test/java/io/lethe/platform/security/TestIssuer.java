package io.lethe.platform.security;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real OAuth2 authorization server (Spring Authorization Server) for the tests, in the same JVM on a
 * free port, with the clients a deployment would register: two processors and a product service,
 * each allowed the client-credentials grant and its Lethe scope. With people, it is also an OpenID
 * Connect provider for the console: two people sign in on its own login page — {@code dana}, in the
 * provider's {@code lethe-privacy-staff} group, and {@code eve}, in no group the platform maps — and
 * their ID tokens carry the groups as a {@code roles} claim. It answers on {@code 127.0.0.1}, so its
 * session cookie and the platform's (on {@code localhost}) never meet in a browser. Nothing of the
 * platform runs in it.
 */
public final class TestIssuer implements AutoCloseable {

    static final String SECRET_SUFFIX = "-secret";

    private final ConfigurableApplicationContext context;
    private final String uri;

    private TestIssuer(ConfigurableApplicationContext context) {
        this.context = context;
        this.uri = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
    }

    static TestIssuer start() {
        return new TestIssuer(builder().run());
    }

    /** The issuer, also signing people in to a console whose sign-in ends at {@code consoleRedirect}. */
    public static TestIssuer withPeople(String consoleRedirect) {
        return withPeople(consoleRedirect, 0);
    }

    /** The same, listening on {@code port} (0: any free one). */
    public static TestIssuer withPeople(String consoleRedirect, int port) {
        String prefix = "spring.security.oauth2.authorizationserver.client.lethe-console.registration.";
        SpringApplicationBuilder builder = builder().sources(People.class).properties(
                prefix + "client-id=lethe-console", prefix + "client-secret={noop}lethe-console" + SECRET_SUFFIX,
                prefix + "client-authentication-methods=client_secret_basic",
                prefix + "authorization-grant-types=authorization_code,refresh_token",
                prefix + "redirect-uris=" + consoleRedirect, prefix + "scopes=openid,profile",
                // where the provider sends a person back after signing out of the console (RP-initiated logout)
                prefix + "post-logout-redirect-uris=" + consoleRedirect.substring(0, consoleRedirect.indexOf("/login/oauth2/code/"))
                        + "/console/login?signed-out",
                "spring.security.oauth2.authorizationserver.client.lethe-console.require-authorization-consent=false",
                "server.port=" + port);
        return new TestIssuer(builder.run());
    }

    private static SpringApplicationBuilder builder() {
        SpringApplicationBuilder builder = new SpringApplicationBuilder(Server.class)
                .web(WebApplicationType.SERVLET)
                .properties("spring.config.name=lethe-test-issuer", "server.port=0", "spring.main.banner-mode=off",
                        "logging.level.root=WARN");
        client(builder, "email-delivery", "lethe:processor");
        client(builder, "crm-sync", "lethe:processor");
        client(builder, "game-service", "lethe:service");
        client(builder, "reporting-tool", "reporting:read");
        // a client registered for another API of the company: its tokens are meant for that API
        client(builder, "billing-client", "lethe:service");
        // a client whose access tokens are typed at+jwt (RFC 9068), as some servers type them
        client(builder, "typed-service", "lethe:service");
        // a client that asks for a person's role
        client(builder, "ops-robot", "lethe:admin");
        return builder;
    }

    private static void client(SpringApplicationBuilder builder, String id, String scope) {
        String prefix = "spring.security.oauth2.authorizationserver.client." + id + ".registration.";
        builder.properties(prefix + "client-id=" + id, prefix + "client-secret={noop}" + id + SECRET_SUFFIX,
                prefix + "client-authentication-methods=client_secret_basic",
                prefix + "authorization-grant-types=client_credentials", prefix + "scopes=" + scope);
    }

    public String uri() {
        return uri;
    }

    /** A client-credentials access token for the client, asking for the scope. */
    String token(String client, String scope) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(uri + "/oauth2/token"))
                        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                                (client + ":" + client + SECRET_SUFFIX).getBytes(StandardCharsets.UTF_8)))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=" + scope))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher token = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(response.body());
        if (response.statusCode() != 200 || !token.find()) {
            throw new IllegalStateException("the issuer answered " + response.statusCode());
        }
        return token.group(1);
    }

    /**
     * A person's ID token, as the console's client receives it: the authorization-code flow driven as a
     * browser would (the provider's sign-in form, its CSRF token, the redirect with the code), then the
     * code exchanged at the token endpoint. Needs an issuer {@link #withPeople with people} whose console
     * redirect is {@code redirect}.
     */
    String idToken(String person, String password, String redirect) throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        // PKCE, which the provider requires of every client
        String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(
                java.util.UUID.randomUUID().toString().repeat(2).getBytes(StandardCharsets.US_ASCII));
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(java.security.MessageDigest
                .getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        String authorize = uri + "/oauth2/authorize?response_type=code&client_id=lethe-console&scope=openid%20profile"
                + "&state=s1&nonce=n1&code_challenge_method=S256&code_challenge=" + challenge
                + "&redirect_uri=" + java.net.URLEncoder.encode(redirect, StandardCharsets.UTF_8);
        String location = browser.send(HttpRequest.newBuilder(URI.create(authorize)).header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.discarding()).headers().firstValue("Location").orElseThrow();
        if (!location.startsWith(uri)) {
            throw new IllegalStateException("the provider did not ask for a sign-in: " + location);
        }
        String form = browser.send(HttpRequest.newBuilder(URI.create(location)).build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(form);
        if (!csrf.find()) {
            throw new IllegalStateException("the provider's sign-in page has no CSRF token");
        }
        String signedIn = browser.send(HttpRequest.newBuilder(URI.create(uri + "/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("username=" + person + "&password=" + password + "&_csrf="
                                + java.net.URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.discarding()).headers().firstValue("Location").orElseThrow();
        String back = browser.send(HttpRequest.newBuilder(URI.create(signedIn)).build(), HttpResponse.BodyHandlers.discarding())
                .headers().firstValue("Location").orElseThrow();
        Matcher code = Pattern.compile("[?&]code=([^&]+)").matcher(back);
        if (!back.startsWith(redirect) || !code.find()) {
            throw new IllegalStateException("the provider did not send the browser back with a code");
        }
        HttpResponse<String> tokens = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(uri + "/oauth2/token"))
                        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                                ("lethe-console:lethe-console" + SECRET_SUFFIX).getBytes(StandardCharsets.UTF_8)))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&code=" + code.group(1)
                                + "&code_verifier=" + verifier
                                + "&redirect_uri=" + java.net.URLEncoder.encode(redirect, StandardCharsets.UTF_8)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher idToken = Pattern.compile("\"id_token\"\\s*:\\s*\"([^\"]+)\"").matcher(tokens.body());
        if (tokens.statusCode() != 200 || !idToken.find()) {
            throw new IllegalStateException("the issuer answered " + tokens.statusCode());
        }
        return idToken.group(1);
    }

    /** The console's client registration at this issuer, as the platform's properties. */
    public String[] consoleRegistration() {
        String registration = "spring.security.oauth2.client.registration.company.";
        return new String[]{registration + "client-id=lethe-console",
                registration + "client-secret=lethe-console" + SECRET_SUFFIX,
                registration + "client-name=Company SSO", registration + "scope=openid,profile",
                registration + "authorization-grant-type=authorization_code",
                registration + "redirect-uri={baseUrl}/login/oauth2/code/{registrationId}",
                "spring.security.oauth2.client.provider.company.issuer-uri=" + uri};
    }

    @Override
    public void close() {
        context.close();
    }

    /**
     * Only what an authorization server needs: a servlet container, Spring MVC, security and the server
     * itself. Deliberately not a {@code @SpringBootConfiguration} nor a {@code @Configuration}: the
     * platform's tests would find the one and component-scan the other.
     */
    @ImportAutoConfiguration({
            org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration.class,
            org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration.class,
            org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration.class,
            org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration.class,
            org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration.class,
            org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration.class,
            org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration.class,
            org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration.class,
            org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerAutoConfiguration.class,
            org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerJwtAutoConfiguration.class
    })
    static class Server {

        /**
         * Access tokens name Lethe ({@code lethe}) as their audience, as an audience mapper on the Lethe
         * scopes does in Keycloak, except those of {@code billing-client}, which are meant for billing;
         * those of {@code typed-service} are typed {@code at+jwt};
         * ID tokens carry the person's name and groups.
         */
        @org.springframework.context.annotation.Bean
        org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer<
                org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext> tokens() {
            return context -> {
                if ("access_token".equals(context.getTokenType().getValue())) {
                    context.getClaims().audience(List.of("billing-client".equals(context.getRegisteredClient().getClientId())
                            ? "billing" : "lethe"));
                    if ("typed-service".equals(context.getRegisteredClient().getClientId())) {
                        context.getJwsHeader().type("at+jwt");
                    }
                } else if ("id_token".equals(context.getTokenType().getValue())) {
                    context.getClaims().claim("preferred_username", context.getPrincipal().getName());
                    context.getClaims().claim("roles", context.getPrincipal().getAuthorities().stream()
                            .map(org.springframework.security.core.GrantedAuthority::getAuthority).toList());
                }
            };
        }
    }

    /** The people who sign in, and their groups in the ID token's {@code roles} claim. */
    static class People {

        @org.springframework.context.annotation.Bean
        org.springframework.security.core.userdetails.UserDetailsService people() {
            return new org.springframework.security.provisioning.InMemoryUserDetailsManager(
                    org.springframework.security.core.userdetails.User.withUsername("dana").password("{noop}dana-password")
                            .authorities("lethe-privacy-staff").build(),
                    org.springframework.security.core.userdetails.User.withUsername("eve").password("{noop}eve-password")
                            .authorities("marketing").build());
        }
    }
}
