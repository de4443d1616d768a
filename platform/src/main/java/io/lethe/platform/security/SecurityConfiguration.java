package io.lethe.platform.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import io.lethe.platform.web.Problems;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.List;

/**
 * Every endpoint needs an authenticated user; commands need {@code SERVICE}, subject reads
 * and shredding {@code PRIVACY_STAFF}, the history {@code AUDITOR}, metrics, rebuilds and the key vault {@code ADMIN},
 * a processor's own deletions {@code PROCESSOR}. The API takes bearer tokens and creates no session: the
 * platform's own, which a configured user gets for its name and password at {@code /oauth2/token}
 * ({@link TokenEndpoint}, {@link PlatformTokens}), and, when an issuer is configured
 * ({@code lethe.security.tokens.issuer-uri}), that issuer's OAuth2 client-credentials tokens
 * ({@link TokenRoles}). A password never travels with an API call (ADR 0021). The API honours the
 * session of a person signed in to the console, and then wants that session's CSRF token on every
 * change. A 401 or 403 is a problem detail like any other error. Failed sign-ins are limited
 * ({@link SignInThrottle}), and so is every caller's rate of requests ({@link RateLimits}).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);
    private static final java.util.Set<String> SAFE_METHODS = java.util.Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    /** The console's and the API's CSRF tokens: one per browser session. */
    @Bean
    CsrfTokenRepository csrfTokens() {
        return new HttpSessionCsrfTokenRepository();
    }

    /** The platform's own tokens: the same on every node that holds the same key-encryption keys. */
    @Bean
    PlatformTokens platformTokens(io.lethe.platform.crypto.PlatformSecrets secrets, LetheSecurityProperties properties) {
        return new PlatformTokens(secrets, properties.passwords() ? properties.users() : List.of());
    }

    /**
     * The token endpoint: a configured user's name and password buy a token (client credentials); with
     * passwords off there are no such users, and no endpoint.
     */
    @Bean
    @Order(0)
    @org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty(name = "lethe.security.passwords",
            matchIfMissing = true)
    SecurityFilterChain tokenEndpoint(HttpSecurity http, LetheSecurityProperties properties, PlatformTokens tokens,
                                      SignInThrottle throttle, RateLimits rateLimits, JsonMapper jsonMapper,
                                      PasswordEncoder passwords) throws Exception {
        org.springframework.security.oauth2.server.authorization.token.JwtGenerator generator =
                new org.springframework.security.oauth2.server.authorization.token.JwtGenerator(tokens.encoder());
        generator.setJwtCustomizer(tokens.shape());
        org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository registered =
                TokenEndpoint.clients(properties.users());
        http.securityMatcher(SignInThrottleFilter.TOKEN_ENDPOINT)
                .oauth2AuthorizationServer(server -> server
                        .registeredClientRepository(registered)
                        .authorizationService(TokenEndpoint.nothingKept())
                        .authorizationServerSettings(org.springframework.security.oauth2.server.authorization.settings
                                .AuthorizationServerSettings.builder().tokenEndpoint(SignInThrottleFilter.TOKEN_ENDPOINT).build())
                        .tokenGenerator(generator)
                        .clientAuthentication(clients -> clients.errorResponseHandler(TokenEndpoint.refusals(jsonMapper))
                                // an unknown name costs a password check too, or the time of a refusal would tell names apart
                                .authenticationProviders(providers -> providers.replaceAll(provider -> TokenEndpoint.evenTiming(
                                        provider, registered, properties.users(), passwords))))
                        .tokenEndpoint(endpoint -> endpoint.errorResponseHandler(TokenEndpoint.refusals(jsonMapper))))
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .exceptionHandling(errors -> errors.authenticationEntryPoint(TokenEndpoint.unauthenticated(jsonMapper)))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // a form post that carries no cookie a browser would add: the client's own credentials are the proof
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.requestCache(new org.springframework.security.web.savedrequest.NullRequestCache()))
                .addFilterBefore(new SignInThrottleFilter(SignInThrottleFilter.Way.TOKEN, throttle, jsonMapper),
                        // the server puts its client authentication right after this one
                        org.springframework.security.web.authentication.preauth.AbstractPreAuthenticatedProcessingFilter.class)
                // every token request, a right one too, costs a password check: each address has the anonymous allowance
                .addFilterBefore(new RateLimitFilter(rateLimits, jsonMapper), SignInThrottleFilter.class);
        log.info("Configured users get tokens at {} (client credentials), valid for {}", SignInThrottleFilter.TOKEN_ENDPOINT,
                TokenEndpoint.LIFETIME);
        return http.build();
    }

    /** Where a person lands after signing out, with the console's or the provider's session ended. */
    static final String SIGNED_OUT = "/console/login?signed-out";

    /**
     * The console: people sign in with a password (the configured users) or, where a provider is
     * configured, through OpenID Connect; the session is a cookie, so every change carries the
     * session's CSRF token, and the pages allow only the platform's own scripts and styles.
     */
    @Bean
    @Order(1)
    SecurityFilterChain console(HttpSecurity http, LetheSecurityProperties properties, CsrfTokenRepository csrfTokens,
                                SignInThrottle throttle, JsonMapper jsonMapper,
                                ObjectProvider<ProviderRegistrations> providers) throws Exception {
        ProviderRegistrations registrations = providers.getIfAvailable();
        http.securityMatcher("/console", "/console/**", "/oauth2/authorization/**", "/login/oauth2/code/**")
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/console/login", "/console/assets/**").permitAll()
                        .requestMatchers("/console/denied").authenticated()
                        .requestMatchers("/console/admin", "/console/admin/**").hasRole(Role.ADMIN.name())
                        .requestMatchers("/console/audit", "/console/audit/**").hasRole(Role.AUDITOR.name())
                        // each role's pages: another role is shown why it may not open one, not a page whose reads fail
                        .requestMatchers("/console").hasAnyRole(Role.PRIVACY_STAFF.name(), Role.ADMIN.name(), Role.AUDITOR.name())
                        .requestMatchers("/console/**").hasRole(Role.PRIVACY_STAFF.name())
                        .anyRequest().permitAll())
                .exceptionHandling(errors -> errors.authenticationEntryPoint(
                        new org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint("/console/login"))
                        .accessDeniedPage("/console/denied"))
                .logout(logout -> logout.logoutUrl("/console/logout").logoutSuccessUrl(SIGNED_OUT))
                .csrf(csrf -> csrf.csrfTokenRepository(csrfTokens))
                .addFilterBefore(new SignInThrottleFilter(SignInThrottleFilter.Way.CONSOLE, throttle, jsonMapper),
                        UsernamePasswordAuthenticationFilter.class)
                .headers(headers -> headers
                        // each answer's policy lists the end-session origins of the providers read so far
                        .addHeaderWriter((request, response) -> response.setHeader("Content-Security-Policy",
                                CONSOLE_POLICY + signOutTargets(registrations)))
                        .referrerPolicy(referrer -> referrer.policy(
                                org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
        if (properties.passwords()) {
            http.formLogin(form -> form.loginPage("/console/login").loginProcessingUrl("/console/login")
                    .defaultSuccessUrl("/console", false).failureUrl("/console/login?failed"));
        }
        if (registrations != null) {
            PeopleRoles people = new PeopleRoles(properties.people());
            http.addFilterBefore(new ProviderChoice(registrations),
                    org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter.class);
            http.oauth2Login(oidc -> oidc.loginPage("/console/login").defaultSuccessUrl("/console", false)
                    .failureUrl("/console/login?failed").userInfoEndpoint(userInfo -> userInfo.oidcUserService(people)));
            // signing out ends the provider's session too (OpenID Connect RP-initiated logout), or the next
            // person at a shared machine would be signed straight back in as the last one; the provider
            // then sends the browser back to the sign-in page, an address its client must list
            org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler signOut =
                    new org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler(
                            registrations);
            signOut.setPostLogoutRedirectUri("{baseUrl}" + SIGNED_OUT);
            signOut.setDefaultTargetUrl(SIGNED_OUT);
            http.logout(logout -> logout.logoutSuccessHandler(signOut));
            log.info("People may sign in to the console through OpenID Connect: name from claim '{}', roles from claim '{}'",
                    properties.people().principalClaim(), properties.people().rolesClaim());
        }
        return http.build();
    }

    /**
     * The privacy center: public pages, no sign-in and no session. Its forms carry a CSRF token from a
     * cookie only its own pages receive; its pages allow only the platform's own styles and no script,
     * send no referrer (a status page's address is its secret), and are never cached.
     */
    @Bean
    @Order(2)
    SecurityFilterChain privacyCenter(HttpSecurity http) throws Exception {
        org.springframework.security.web.csrf.CookieCsrfTokenRepository csrfCookie =
                new org.springframework.security.web.csrf.CookieCsrfTokenRepository();
        csrfCookie.setCookiePath("/privacy-center");
        csrfCookie.setCookieName("LETHE-PRIVACY-CENTER-XSRF");
        csrfCookie.setCookieCustomizer(cookie -> cookie.sameSite("Strict"));
        http.securityMatcher("/privacy-center", "/privacy-center/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.requestCache(new org.springframework.security.web.savedrequest.NullRequestCache()))
                .securityContext(context -> context.securityContextRepository(
                        new org.springframework.security.web.context.RequestAttributeSecurityContextRepository()))
                .csrf(csrf -> csrf.csrfTokenRepository(csrfCookie)
                        // the token is written into each form as the page renders, not deferred to a script
                        .csrfTokenRequestHandler(new org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler())
                        // a product's page posts its signed assertion here from its own site: the assertion,
                        // signed for this audience, short-lived and naming its right, is what a token would prove
                        .ignoringRequestMatchers(org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher
                                .withDefaults().matcher(HttpMethod.POST, "/privacy-center/signed-in")))
                .headers(headers -> headers
                        .contentSecurityPolicy(policy -> policy.policyDirectives(PRIVACY_CENTER_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(
                                org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)));
        return http.build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain api(HttpSecurity http, JsonMapper jsonMapper, LetheSecurityProperties properties,
                            CsrfTokenRepository csrfTokens, RateLimits rateLimits, PlatformTokens platformTokens) throws Exception {
        String issuer = properties.tokens().issuerUri();
        String ways = properties.passwords() && issuer != null
                ? "a bearer token: the platform's (POST " + SignInThrottleFilter.TOKEN_ENDPOINT
                        + " with the client credentials) or the configured issuer's"
                : properties.passwords() ? "a bearer token (POST " + SignInThrottleFilter.TOKEN_ENDPOINT
                        + " with the client credentials)" : "a bearer token of the configured issuer";
        org.springframework.security.web.AuthenticationEntryPoint unauthenticated = (request, response, e) -> {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"lethe\"");
            write(response, jsonMapper, HttpStatus.UNAUTHORIZED, "unauthenticated",
                    (SignInThrottle.basic(request) ? "HTTP Basic is not accepted on the API; " : "Authentication is required; ")
                            + "send " + ways + ".", request.getRequestURI());
        };
        org.springframework.security.web.access.AccessDeniedHandler denied = (request, response, e) -> {
            if (e instanceof org.springframework.security.web.csrf.CsrfException) {
                write(response, jsonMapper, HttpStatus.FORBIDDEN, "csrf-token-invalid",
                        "A request made with a console session must carry the session's CSRF token "
                                + "(header X-CSRF-TOKEN).", request.getRequestURI());
            } else {
                write(response, jsonMapper, HttpStatus.FORBIDDEN, "forbidden",
                        "Your role does not allow this request.", request.getRequestURI());
            }
        };
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.POST, "/api/subjects/*/privacy-requests")
                                .hasAnyRole(Role.SERVICE.name(), Role.PRIVACY_STAFF.name())
                        .requestMatchers(HttpMethod.POST, "/api/subjects/*/privacy-requests/*/processor-confirmations")
                                .hasRole(Role.PROCESSOR.name())
                        .requestMatchers(HttpMethod.POST, "/api/subjects/*/privacy-requests/**",
                                "/api/subjects/*/underage-findings").hasRole(Role.PRIVACY_STAFF.name())
                        .requestMatchers(HttpMethod.POST, "/api/breaches", "/api/breaches/**", "/api/purpose-changes")
                                .hasRole(Role.PRIVACY_STAFF.name())
                        .requestMatchers(HttpMethod.GET, "/api/purpose-changes").hasRole(Role.PRIVACY_STAFF.name())
                        .requestMatchers(HttpMethod.POST, "/api/subject-searches").hasRole(Role.PRIVACY_STAFF.name())
                        .requestMatchers(HttpMethod.GET, "/api/purpose-changes/*/notices")
                                .hasAnyRole(Role.SERVICE.name(), Role.PRIVACY_STAFF.name())
                        .requestMatchers(HttpMethod.GET, "/api/breaches", "/api/breaches/*", "/api/breaches/*/mailings",
                                "/api/breaches/*/mailings/*/notices").hasRole(Role.PRIVACY_STAFF.name())
                        .requestMatchers(HttpMethod.POST, "/api/subjects/*/shredding", "/api/subjects/*/legal-holds",
                                "/api/subjects/*/retention-exceptions").hasRole(Role.PRIVACY_STAFF.name())
                        .requestMatchers(HttpMethod.DELETE, "/api/subjects/*/consents/*").hasRole(Role.SERVICE.name())
                        .requestMatchers(HttpMethod.DELETE, "/api/subjects/*/legal-holds/*").hasRole(Role.PRIVACY_STAFF.name())
                        .requestMatchers("/api/imports", "/api/imports/**").hasRole(Role.SERVICE.name())
                        .requestMatchers(HttpMethod.POST, "/api/subjects", "/api/subjects/**", "/api/activity")
                                .hasRole(Role.SERVICE.name())
                        .requestMatchers("/api/request-notices", "/api/request-notices/**", "/api/mailbox", "/api/mailbox/**",
                                "/api/notice-templates")
                                .hasRole(Role.PRIVACY_STAFF.name())
                        .requestMatchers(HttpMethod.GET, "/api/request-metrics")
                                .hasAnyRole(Role.PRIVACY_STAFF.name(), Role.AUDITOR.name())
                        .requestMatchers(HttpMethod.GET, "/api/subjects/*/deletion-evidence")
                                .hasAnyRole(Role.PRIVACY_STAFF.name(), Role.AUDITOR.name())
                        .requestMatchers(HttpMethod.GET, "/api/subjects/*/privacy-requests/*/correction")
                                .hasAnyRole(Role.PROCESSOR.name(), Role.PRIVACY_STAFF.name())
                        .requestMatchers(HttpMethod.GET, "/api/subjects", "/api/subjects/**", "/api/privacy-requests",
                                "/api/privacy-requests/*", "/api/privacy-requests/*/authority-proof",
                                "/api/privacy-requests/*/authority-proof/document", "/api/provision-records")
                                .hasRole(Role.PRIVACY_STAFF.name())
                        .requestMatchers(HttpMethod.GET, "/api/processor-deletions", "/api/processor-corrections")
                                .hasAnyRole(Role.PROCESSOR.name(), Role.PRIVACY_STAFF.name())
                        .requestMatchers("/actuator/health/liveness", "/actuator/health/readiness").permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").authenticated()
                        .requestMatchers("/actuator/**").hasRole(Role.ADMIN.name())
                        .requestMatchers("/api/admin/**").hasRole(Role.ADMIN.name())
                        // staff answering a subject's request read that subject's history (logged as any read)
                        .requestMatchers(HttpMethod.GET, "/api/audit/subjects/*/events")
                                .hasAnyRole(Role.AUDITOR.name(), Role.PRIVACY_STAFF.name())
                        .requestMatchers(HttpMethod.GET, "/api/audit/**").hasRole(Role.AUDITOR.name())
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**").authenticated()
                        .requestMatchers("/error").permitAll()
                        .anyRequest().denyAll())
                .exceptionHandling(errors -> errors.authenticationEntryPoint(unauthenticated).accessDeniedHandler(denied))
                // the API creates no session; it uses one the console signed in, and then, as a browser's
                // cookie rides along on any request, it wants that session's CSRF token on every change
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.NEVER))
                .securityContext(context -> context.securityContextRepository(new DelegatingSecurityContextRepository(
                        new RequestAttributeSecurityContextRepository(), existingSessions())))
                .csrf(csrf -> csrf.csrfTokenRepository(csrfTokens).requireCsrfProtectionMatcher(request ->
                        !SAFE_METHODS.contains(request.getMethod()) && request.getSession(false) != null))
                // an API request is never saved for after a sign-in: saving it is what gave anonymous callers a session
                .requestCache(cache -> cache.requestCache(new org.springframework.security.web.savedrequest.NullRequestCache()))
                // the caller is known (or anonymous) here, and its role not yet checked: every answer from here on
                // carries the caller's allowance
                .addFilterAfter(new RateLimitFilter(rateLimits, jsonMapper),
                        org.springframework.security.web.authentication.AnonymousAuthenticationFilter.class);
        if (!properties.cors().allowedOrigins().isEmpty()) {
            http.addFilterBefore(CrossOriginCalls.filter(properties.cors(), jsonMapper),
                    org.springframework.security.web.csrf.CsrfFilter.class);
            log.info("Pages of {} may call the API with bearer tokens (CORS)", properties.cors().allowedOrigins());
        }
        if (!properties.passwords()) {
            log.info("Passwords are off (lethe.security.passwords=false): the API takes the issuer's bearer tokens, the "
                    + "console OpenID Connect sign-ins");
        }
        // the platform's own tokens, told apart by the key id in their header; and, where an issuer is
        // configured, its client-credentials tokens, whose metadata and keys are fetched on first use (so the
        // platform starts without it)
        AccessTokenPolicy policy = new AccessTokenPolicy(properties.tokens());
        org.springframework.security.oauth2.jwt.JwtDecoder issuers = issuer == null ? null
                : UnreachableIssuer.reporting(new org.springframework.security.oauth2.jwt.SupplierJwtDecoder(() -> {
                    org.springframework.security.oauth2.jwt.NimbusJwtDecoder nimbus =
                            org.springframework.security.oauth2.jwt.NimbusJwtDecoder.withIssuerLocation(issuer).build();
                    // signature, expiry and issuer as Spring Security checks them, and then what makes it an access token for Lethe
                    // which types pass is AccessTokenPolicy's to say (at+jwt always, JWT or none unless require-at-jwt):
                    // the default's type check alone would refuse RFC 9068's at+jwt
                    org.springframework.security.oauth2.jwt.JwtTypeValidator types =
                            new org.springframework.security.oauth2.jwt.JwtTypeValidator("JWT", "at+jwt", "application/at+jwt");
                    types.setAllowEmpty(true);
                    nimbus.setJwtValidator(org.springframework.security.oauth2.jwt.JwtValidators.createDefaultWithValidators(
                            new org.springframework.security.oauth2.jwt.JwtIssuerValidator(issuer), types, policy));
                    return nimbus;
                }));
        boolean own = properties.passwords();
        org.springframework.security.oauth2.jwt.JwtDecoder decoder = token -> {
            org.springframework.security.oauth2.jwt.Jwt mine = own ? platformTokens.decodeIfIssued(token) : null;
            if (mine != null) {
                return mine;
            }
            if (issuers == null) {
                throw new org.springframework.security.oauth2.jwt.BadJwtException("The token is not one of this platform's");
            }
            return issuers.decode(token);
        };
        TokenRoles issuerRoles = new TokenRoles(properties.tokens());
        org.springframework.core.convert.converter.Converter<org.springframework.security.oauth2.jwt.Jwt,
                org.springframework.security.authentication.AbstractAuthenticationToken> roles =
                jwt -> own && platformTokens.issued(jwt) ? platformTokens.roles().convert(jwt) : issuerRoles.convert(jwt);
        org.springframework.security.web.AuthenticationEntryPoint invalidToken = (request, response, e) -> {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"lethe\", error=\"invalid_token\"");
            write(response, jsonMapper, HttpStatus.UNAUTHORIZED, "invalid-token",
                    "The bearer token is not valid here: expired, from another issuer, meant for another "
                            + "audience, not an access token, or naming no caller.",
                    request.getRequestURI());
        };
        UnreachableIssuer unreachable = new UnreachableIssuer(java.time.Clock.systemUTC());
        http.oauth2ResourceServer(tokens -> tokens
                .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(roles))
                .authenticationEntryPoint(invalidToken)
                .accessDeniedHandler(denied)
                .withObjectPostProcessor(new org.springframework.security.config.ObjectPostProcessor<
                        org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter>() {
                    @Override
                    public <O extends org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter> O postProcess(O filter) {
                        filter.setAuthenticationFailureHandler(unreachable.failures(invalidToken, jsonMapper));
                        return filter;
                    }
                }));
        if (issuer != null) {
            log.info("Bearer tokens from {} accepted: audience {}, caller from claim '{}', roles from claim '{}', roles at most {}",
                    issuer, properties.tokens().audiences(), properties.tokens().principalClaim(),
                    properties.tokens().rolesClaim(), properties.tokens().allowedRoles());
            if (!LetheSecurityProperties.Tokens.MACHINE_ROLES.containsAll(properties.tokens().allowedRoles())) {
                log.warn("Bearer tokens may give roles beyond SERVICE and PROCESSOR (lethe.security.tokens.allowed-roles={})",
                        properties.tokens().allowedRoles());
            }
        }
        return http.build();
    }

    /** A console session's security context, read where the session exists; no call creates one. */
    private static HttpSessionSecurityContextRepository existingSessions() {
        HttpSessionSecurityContextRepository sessions = new HttpSessionSecurityContextRepository();
        sessions.setAllowSessionCreation(false);
        return sessions;
    }

    @Bean
    RateLimits rateLimits(RateLimits.Settings settings, io.micrometer.core.instrument.MeterRegistry meters) {
        return new RateLimits(settings, meters);
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /**
     * The configured users, as a plain {@link UserDetailsService}: an {@code InMemoryUserDetailsManager}
     * bean would also be used as a password-upgrade service, and Spring Security would re-hash every
     * configured password at its own default cost on first login — in memory only, so it persists
     * nothing, yet it silently overrides the cost the operator chose.
     */
    @Bean
    UserDetailsService users(LetheSecurityProperties properties) {
        List<UserDetails> users = properties.users().stream()
                .map(user -> {
                    if (user.password() == null || !user.password().startsWith("{") || user.password().startsWith("{noop}")) {
                        throw new IllegalStateException("lethe.security.users: the password of " + user.username()
                                + " must be an encoded hash such as {bcrypt}$2a$...");
                    }
                    return User.withUsername(user.username())
                            .password(user.password())
                            .roles(user.roles().stream().map(Role::name).toArray(String[]::new))
                            .build();
                })
                .toList();
        if (users.isEmpty()) {
            log.warn("No users are configured (lethe.security.users): every request will be refused");
        }
        InMemoryUserDetailsManager manager = new InMemoryUserDetailsManager(users);
        return manager::loadUserByUsername;
    }

    /**
     * A request Spring Security's firewall refuses before any chain sees it (an encoded slash, dot or
     * backslash, a {@code ;} path parameter, a control character, a double slash, an encoded percent): a
     * 400 problem, like every other malformed input, instead of the container's error page.
     */
    @Bean
    org.springframework.security.web.firewall.RequestRejectedHandler rejectedRequests(JsonMapper jsonMapper) {
        return (request, response, rejected) -> {
            // the path may carry anything the caller typed: neither it nor the firewall's message is logged or echoed
            log.debug("A request was refused by the firewall ({})", rejected.getClass().getSimpleName());
            write(response, jsonMapper, HttpStatus.BAD_REQUEST, "malformed-request",
                    "The request's path is not acceptable (an encoded separator or dot, a path parameter, a control or "
                            + "non-ASCII character, an empty segment); nothing was done.", null);
        };
    }

    /**
     * Tomcat's own refusals (before any servlet) are problem details too: its host gets
     * {@link ProblemErrorReportValve} in place of the HTML error report valve.
     */
    @Bean
    org.springframework.boot.web.server.WebServerFactoryCustomizer<org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory>
            problemErrorReports() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof org.apache.catalina.core.StandardHost host) {
                // the host adds its default valve at start only where no valve of the named class is there
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                host.getPipeline().addValve(new ProblemErrorReportValve());
            }
        });
    }

    /** The console pages' content security policy, before the providers' end-session origins. */
    /** The privacy center runs no script at all. */
    private static final String PRIVACY_CENTER_POLICY = "default-src 'none'; style-src 'self'; img-src 'self'; "
            + "base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    private static final String CONSOLE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    /**
     * The providers' end-session addresses, by origin: signing out is a form posted to the console that the
     * console answers with a redirect to the provider, and a browser holds a form's redirects to
     * {@code form-action} too.
     */
    private static String signOutTargets(ProviderRegistrations registrations) {
        return registrations == null ? "" : registrations.endSessionOrigins().stream().map(origin -> " " + origin)
                .collect(java.util.stream.Collectors.joining());
    }

    /**
     * The people's providers, read from their issuers on first use (see {@link ProviderRegistrations}); in
     * place of Spring Boot's repository, which reads them at start-up.
     */
    @Bean
    @org.springframework.boot.security.oauth2.client.autoconfigure.ConditionalOnOAuth2ClientRegistrationProperties
    ProviderRegistrations providerRegistrations(
            org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientProperties properties) {
        return new ProviderRegistrations(properties, java.time.Clock.systemUTC());
    }

    static void write(jakarta.servlet.http.HttpServletResponse response, JsonMapper jsonMapper, HttpStatus status,
                              String code, String detail, String path) throws IOException {
        ProblemDetail problem = Problems.of(status, code, detail);
        if (path != null) {
            problem.setInstance(java.net.URI.create(path));
        }
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        jsonMapper.writeValue(response.getOutputStream(), problem);
    }
}
