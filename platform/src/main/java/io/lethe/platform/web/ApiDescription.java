package io.lethe.platform.web;

import io.lethe.core.breach.BreachId;
import io.lethe.core.request.RequestId;
import io.lethe.core.subject.PurchaseId;
import io.lethe.core.subject.SubjectId;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.access.WebInvocationPrivilegeEvaluator;

import java.util.List;

/**
 * The published API description ({@code /v3/api-docs}) as a contract product teams build against:
 * a real info block, the three ways to sign in, the problem-detail schema every error shares, and
 * two customizers that add to every operation what the platform really does around its handler —
 * the roles its security rules admit, the errors every request can meet, the idempotency key, the
 * headers — so that none of it is copied by hand into each controller (see ADR 0016).
 */
@Configuration(proxyBeanMethods = false)
class ApiDescription {

    /** The contract's version: raised with every incompatible change of the description. */
    static final String VERSION = "2.1.0";

    static final String TOKENS = "tokens";
    static final String SESSION = "consoleSession";
    static final String ADMIN_SESSION = "consoleAdminSession";
    static final String CSRF = "consoleCsrfToken";
    static final String PROBLEM = "Problem";
    /** A problem's {@code type}: the prefix and a code, the longest of which is well under half of this. */
    private static final int MAX_TYPE = 100;
    /** A problem's {@code title}: the status's reason phrase. */
    private static final int MAX_TITLE = 64;
    /** {@code WWW-Authenticate}: one of the platform's two challenges. */
    private static final int MAX_CHALLENGE = 200;
    /** An origin: a scheme, a host name of at most 253 characters and a port. */
    static final int MAX_ORIGIN = 300;

    static {
        // an enum is a named schema, one type in a generated client wherever it occurs (a jurisdiction, a retention
        // class), not an anonymous list repeated per field
        io.swagger.v3.core.jackson.ModelResolver.enumsAsRef = true;
        // typed ids are UUIDs on the wire (their @JsonValue), in paths and bodies alike
        for (Class<?> id : List.of(SubjectId.class, RequestId.class, BreachId.class, PurchaseId.class)) {
            SpringDocUtils.getConfig().replaceWithSchema(id, new StringSchema().format("uuid"));
        }
    }

    @Bean
    OpenAPI letheApi() {
        return new OpenAPI()
                // relative: the description is served by the node it describes, whatever its address
                .servers(List.of(new Server().url("/")
                        .description("The platform node serving this description, in local, staging and production "
                                + "deployments alike")
                        // for the company's product services, staff and operators, not the public
                        .extensions(java.util.Map.of("x-internal", true))))
                .info(new Info()
                        .title("Lethe API")
                        .version(VERSION)
                        .description("""
                                Lethe keeps the whole life of every person's personal data as an append-only event \
                                history and enforces a privacy policy under APPI, CCPA/CPRA, the EU and UK GDPR and \
                                Taiwan's PDPA. Product services send commands (role `SERVICE`), downstream processors \
                                confirm their work (`PROCESSOR`), privacy staff read projections and act on requests \
                                (`PRIVACY_STAFF`), auditors read the history (`AUDITOR`), operators run the platform \
                                (`ADMIN`). Each operation names the roles it admits (`x-roles`).

                                Every error is an RFC 9457 problem detail (`application/problem+json`) whose `type` is \
                                `urn:problem-type:lethe:<code>`; each response lists the codes it can carry. A refused \
                                request writes nothing. Every `POST` and `DELETE` takes an optional `Idempotency-Key`: \
                                a retry with the same key, method, path and body gets the first answer again \
                                (`Idempotent-Replayed: true`) and changes nothing. Each caller has an allowance of \
                                requests a minute; every answer says what is left (`RateLimit-Limit`, \
                                `RateLimit-Remaining`, `RateLimit-Reset`), and a request past it is answered 429 \
                                `rate-limited` with `Retry-After`, unheard.

                                The read models follow the history a moment after a write. A command's answer names \
                                where its writes went (`Lethe-Position`); a read sent with it as `Lethe-Read-After` \
                                is answered only once every read model shows that write, on whichever node serves it \
                                (bounded, then 503 `read-model-behind`)."""))
                .components(new Components()
                        .addSecuritySchemes(TOKENS, new SecurityScheme().type(SecurityScheme.Type.OAUTH2)
                                .description("""
                                        An OAuth2 access token (a JWT) sent as `Authorization: Bearer <token>`; the API \
                                        takes no password. A configured user (`lethe.security.users`) gets one at \
                                        `POST /oauth2/token` with `grant_type=client_credentials`, its name and password \
                                        as HTTP Basic (`client_secret_basic`) or as `client_id` and `client_secret` form \
                                        fields; the token names the user's roles as scopes (all of them when it asks for \
                                        none) and lives 10 minutes: ask for a new one (the same request, there are no \
                                        refresh tokens in client credentials) when it expires, not per call. \
                                        Failed token requests are limited like any sign-in. Where an operator configures \
                                        an issuer (`lethe.security.tokens.issuer-uri`), its client-credentials tokens are \
                                        taken too; such a token gives `SERVICE` or `PROCESSOR` (`lethe:service`, \
                                        `lethe:processor`) unless an operator allows more \
                                        (`lethe.security.tokens.allowed-roles`). Every token is validated along the lines \
                                        of RFC8725 (JSON Web Token Best Current Practices): the signature (HMAC-SHA256 \
                                        under the platform's own key for its tokens, the issuer's published keys for the \
                                        issuer's; never `none`, never an algorithm the token names for itself), the \
                                        expiry, the audience (`lethe` by default) and the token's type (an access token, \
                                        never an ID or refresh token). A role listed on an operation is \
                                        one scope; an operation admitting several roles admits a token with any one.""")
                                .flows(new io.swagger.v3.oas.models.security.OAuthFlows().clientCredentials(
                                        new io.swagger.v3.oas.models.security.OAuthFlow().tokenUrl("/oauth2/token")
                                                // a token is renewed where it was got, with the same credentials
                                                .refreshUrl("/oauth2/token").scopes(scopes()))))
                        .addSecuritySchemes(SESSION, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.COOKIE).name("JSESSIONID")
                                .description("The session of a person signed in to the console (`/console`)."))
                        .addSecuritySchemes(ADMIN_SESSION, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.COOKIE).name("JSESSIONID")
                                .description("The session of a person signed in to the console with the `ADMIN` role: "
                                        + "the same cookie as `consoleSession`, named apart because OpenAPI 3.0 cannot "
                                        + "name a role on a cookie, and the administration operations admit no other "
                                        + "person's session."))
                        .addSecuritySchemes(CSRF, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.HEADER).name("X-CSRF-TOKEN")
                                .description("The console session's CSRF token, required on every change made with "
                                        + "the session."))
                        .addSchemas(PROBLEM, problem())
                        .addSchemas("ProblemField", new ObjectSchema()
                                .description("A field or parameter the request got wrong; never its value.")
                                .addProperty("field", new StringSchema().maxLength(Problems.MAX_FIELD).example("dateOfBirth"))
                                .addProperty("message", new StringSchema().maxLength(Problems.MAX_MESSAGE).example("must not be null"))
                                .required(List.of("field", "message")))
                        .addHeaders(ApiContract.LOCATION, new Header().required(true)
                                .description("Where the created resource is (or will be) read.")
                                .schema(new StringSchema().format("uri").maxLength(Problems.MAX_INSTANCE)))
                        .addHeaders(ApiContract.RETRY_AFTER, new Header()
                                .description("Seconds to wait before retrying.")
                                .schema(new IntegerSchema().minimum(java.math.BigDecimal.ZERO)))
                        .addHeaders(ApiContract.REPLAYED, new Header()
                                .description("`true` on the stored first answer to an earlier request with the same "
                                        + "`Idempotency-Key`: nothing was done again.")
                                .schema(new StringSchema()._enum(List.of("true"))))
                        .addHeaders(ApiContract.POSITION, new Header()
                                .description("Where this call's writes went, when it recorded any: send it as "
                                        + "`Lethe-Read-After` on a later read to be answered only once the read models "
                                        + "show the write. Opaque; a replayed answer carries the first call's.")
                                .schema(new StringSchema().maxLength(io.lethe.command.WritePosition.MAX_LENGTH)
                                        .pattern(io.lethe.command.WritePosition.PATTERN)))
                        .addHeaders(ApiContract.RATE_LIMIT, new Header()
                                .description("The caller's allowance: requests a minute (`lethe.rate-limits`), counted "
                                        + "on each answer once the caller is known.")
                                .schema(new IntegerSchema().minimum(java.math.BigDecimal.ONE)))
                        .addHeaders(ApiContract.RATE_LIMIT_REMAINING, new Header()
                                .description("Requests left of the allowance now; at 0 the next is answered 429 "
                                        + "`rate-limited`.")
                                .schema(new IntegerSchema().minimum(java.math.BigDecimal.ZERO)))
                        .addHeaders(ApiContract.RATE_LIMIT_RESET, new Header()
                                .description("Seconds until the allowance is whole again (it refills continuously).")
                                .schema(new IntegerSchema().minimum(java.math.BigDecimal.ZERO)))
                        .addHeaders(ApiContract.WWW_AUTHENTICATE, new Header()
                                .description("How to authenticate: a `Bearer` challenge, naming the error where a "
                                        + "token was sent and refused.")
                                .schema(new StringSchema().maxLength(MAX_CHALLENGE)))
                        .addHeaders(ApiContract.ALLOW_ORIGIN, new Header()
                                .description("Sent when the request's `Origin` is one an operator allows "
                                        + "(`lethe.security.cors.allowed-origins`; none by default): that origin. "
                                        + "Cross-origin calls carry a bearer token, never cookies.")
                                .schema(new StringSchema().format("uri").maxLength(MAX_ORIGIN))));
    }

    /** The scope of each role, as the token endpoint issues them and an operation's security names them. */
    private static final java.util.Map<String, String> ROLE_SCOPES = new java.util.LinkedHashMap<>();

    static {
        ROLE_SCOPES.put("SERVICE", "A product service sending commands (`SERVICE`).");
        ROLE_SCOPES.put("PROCESSOR", "A downstream processor's integration: its own deletions and corrections (`PROCESSOR`).");
        ROLE_SCOPES.put("PRIVACY_STAFF", "Privacy staff acting on requests (`PRIVACY_STAFF`).");
        ROLE_SCOPES.put("AUDITOR", "An auditor reading the history (`AUDITOR`).");
        ROLE_SCOPES.put("ADMIN", "An operator running the platform (`ADMIN`).");
    }

    private static io.swagger.v3.oas.models.security.Scopes scopes() {
        io.swagger.v3.oas.models.security.Scopes scopes = new io.swagger.v3.oas.models.security.Scopes();
        ROLE_SCOPES.forEach((role, description) -> scopes.addString(io.lethe.platform.security.RoleScopes.of(role), description));
        return scopes;
    }

    /** RFC 9457 with Lethe's two extension members. */
    private static ObjectSchema problem() {
        ObjectSchema problem = new ObjectSchema();
        problem.description("An RFC 9457 problem detail. `type` is stable (`urn:problem-type:lethe:<code>`); `title` "
                + "and `detail` are for people and may change. No member ever repeats a value the caller sent.");
        problem.addProperty("type", new StringSchema().format("uri").maxLength(MAX_TYPE).example("urn:problem-type:lethe:subject-not-found"));
        problem.addProperty("title", new StringSchema().maxLength(MAX_TITLE).example("Not Found"));
        problem.addProperty("status", new IntegerSchema().minimum(java.math.BigDecimal.valueOf(400))
                .maximum(java.math.BigDecimal.valueOf(599)).example(404));
        problem.addProperty("detail", new StringSchema().maxLength(Problems.MAX_DETAIL).example("No data subject with this id is known."));
        problem.addProperty("instance", new StringSchema().maxLength(Problems.MAX_INSTANCE)
                .description("The path of the request that failed.")
                .example("/api/subjects/2b7c0c6e-8d44-4d8e-9f0e-0b8f3f9c1a11"));
        problem.addProperty("errors", new ArraySchema().maxItems(ProblemDetailsAdvice.MAX_ERRORS)
                .items(new io.swagger.v3.oas.models.media.Schema<>().$ref("#/components/schemas/ProblemField"))
                .description("For `invalid-request` and `card-number-refused`: each offending field and the rule it broke, "
                        + "the first " + ProblemDetailsAdvice.MAX_ERRORS + " by their paths."));
        problem.addProperty("errorId", new StringSchema().format("uuid")
                .description("For `internal-error` and 503 answers: quote it when reporting the failure; the log "
                        + "has the cause under this id."));
        problem.addProperty("database", new StringSchema()._enum(List.of("platform", "key-vault"))
                .description("For `database-unavailable`: which database cannot be reached."));
        problem.addProperty("after", new IntegerSchema().format("int64")
                .description("For `history-stalled`: the position the read began after."));
        problem.addProperty("head", new IntegerSchema().format("int64")
                .description("For `history-stalled`: the history's last position when the read began."));
        problem.addProperty("lastPosition", new IntegerSchema().format("int64")
                .description("For `history-stalled`: the last position read before the stream stalled."));
        problem.setRequired(List.of("type", "title", "status"));
        return problem;
    }

    /**
     * A {@code @Nullable} member holding another schema: OpenAPI 3.0 ignores {@code nullable} beside
     * a {@code $ref}, so the reference is wrapped in {@code allOf}.
     */
    @Bean
    org.springdoc.core.customizers.PropertyCustomizer nullableReferences() {
        return (property, type) -> {
            boolean nullable = type.getCtxAnnotations() != null && java.util.Arrays.stream(type.getCtxAnnotations())
                    .anyMatch(annotation -> annotation.annotationType().getSimpleName().equals("Nullable"));
            return property != null && property.get$ref() != null && nullable
                    ? new io.swagger.v3.oas.models.media.Schema<>().nullable(true)
                            .allOf(List.of(new io.swagger.v3.oas.models.media.Schema<>().$ref(property.get$ref())))
                    : property;
        };
    }

    @Bean
    ApiContract apiContract(WebInvocationPrivilegeEvaluator privileges) {
        return new ApiContract(privileges);
    }

    @Bean
    OperationCustomizer operationContract(ApiContract contract) {
        return contract::customize;
    }

    @Bean
    OpenApiCustomizer documentContract(ApiContract contract) {
        return contract::customise;
    }
}
