package io.lethe.platform.web;

import io.lethe.command.subject.SubjectFacing;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.tags.Tag;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.web.access.WebInvocationPrivilegeEvaluator;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What every operation answers besides its own result, added to the description from the same
 * sources the platform acts on: the roles from the security rules themselves (asked through
 * Spring Security's privilege evaluator, role by role), the problem types every request can meet
 * by the way it is made (a body, parameters, a change), the idempotency key on every change, and
 * the headers. Refusal codes an operation declares in its own {@code @ApiResponse} descriptions
 * ({@code `subject-not-found`}) become that response's examples.
 */
final class ApiContract {

    static final String LOCATION = "Location";
    static final String RETRY_AFTER = "Retry-After";
    static final String REPLAYED = "Idempotent-Replayed";
    static final String WWW_AUTHENTICATE = "WWW-Authenticate";
    static final String RATE_LIMIT = "RateLimit-Limit";
    static final String RATE_LIMIT_REMAINING = "RateLimit-Remaining";
    static final String RATE_LIMIT_RESET = "RateLimit-Reset";
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String POSITION = io.lethe.command.WritePosition.HEADER;
    static final String ALLOW_ORIGIN = "Access-Control-Allow-Origin";
    static final String PROBLEM_JSON = "application/problem+json";
    /** The platform's roles, in the order the description lists them; a test keeps it equal to the security's. */
    static final List<String> ROLES = List.of("SERVICE", "PROCESSOR", "PRIVACY_STAFF", "AUDITOR", "ADMIN");

    /** A refusal code written in an {@code @ApiResponse} description: kebab-case between backticks. */
    private static final Pattern CODE = Pattern.compile("`([a-z0-9]+(?:-[a-z0-9]+)+)`");
    private static final Pattern PATH_VARIABLE = Pattern.compile("\\{[^}]+}");
    private static final String SAMPLE_ID = "00000000-0000-4000-8000-000000000000";

    /** What each error status means when the operation says no more. */
    private static final Map<String, String> MEANING = Map.ofEntries(
            Map.entry("400", "The request is malformed or invalid; nothing was recorded."),
            Map.entry("401", "No valid credentials were sent."),
            Map.entry("403", "The caller's role does not admit this request."),
            Map.entry("404", "The addressed resource is not known."),
            Map.entry("406", "The `Accept` header admits none of the media types this operation answers with."),
            Map.entry("409", "The request conflicts with the resource's current state; nothing was recorded."),
            Map.entry("415", "The request's `Content-Type` is not JSON; nothing was recorded."),
            Map.entry("422", "The platform's rules refuse the request; nothing was recorded."),
            Map.entry("429", "Too many requests: the caller's allowance is used up (`rate-limited`), too many sign-ins failed from this name or address, or other sign-ins with this name are still being checked; nothing was recorded. Retry after `Retry-After`."),
            Map.entry("500", "The request failed unexpectedly; nothing was recorded. Quote `errorId` when reporting it."),
            Map.entry("503", "The platform cannot serve the request now; nothing was recorded. Retry after `Retry-After`."));

    /** Answers that are the same wherever they occur, by status (and whether the operation changes anything). */
    private static final Map<String, String> SHARED = Map.of(
            "401", "Unauthenticated", "403", "Forbidden", "403+change", "ForbiddenChange", "406", "NotAcceptable",
            "415", "UnsupportedMediaType", "429", "TooManyRequests", "500", "InternalError", "503", "Unavailable",
            "503+read", "UnavailableRead");

    private final WebInvocationPrivilegeEvaluator privileges;
    private final Map<String, ApiResponse> sharedResponses = new java.util.concurrent.ConcurrentSkipListMap<>();
    /** Every problem type an operation lists, with its status: each is described once, under components. */
    private final Map<String, Integer> problemTypes = new java.util.concurrent.ConcurrentSkipListMap<>();

    ApiContract(WebInvocationPrivilegeEvaluator privileges) {
        this.privileges = privileges;
    }

    /** Per operation: the answers and headers its handler's shape implies. */
    Operation customize(Operation operation, HandlerMethod handler) {
        RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequestMapping.class);
        boolean changes = mapping != null && Arrays.stream(mapping.method())
                .anyMatch(method -> method == RequestMethod.POST || method == RequestMethod.DELETE);
        boolean read = mapping != null && Arrays.stream(mapping.method()).anyMatch(method -> method == RequestMethod.GET);
        // a read asked by POST (a search) takes no idempotency key: nothing to retry safely, nothing kept
        boolean keyed = changes && Arrays.stream(mapping.path()).noneMatch(IdempotencyFilter.READS::contains);
        boolean command = handler.getBeanType().getPackageName().startsWith("io.lethe.command");
        boolean body = operation.getRequestBody() != null;
        boolean parameters = operation.getParameters() != null && !operation.getParameters().isEmpty();

        if (handler.hasMethodAnnotation(SubjectFacing.class) && !hasParameter(operation, "Sec-GPC")) {
            operation.addParametersItem(new HeaderParameter().name("Sec-GPC").required(false)
                    .description("Global Privacy Control: `1`, sent by a product service (role SERVICE) on behalf of "
                            + "the subject's browser or app, records an opt-out of sale and sharing before the command "
                            + "runs (CCPA Regs §7025). Ignored from any other caller."));
        }
        if (operation.getParameters() != null) {
            // this one and the registration's own: the signal has one value (GPC §3.1); any other is read as
            // no signal, as a browser's absent header is
            operation.getParameters().stream().filter(parameter -> "Sec-GPC".equals(parameter.getName()))
                    .forEach(parameter -> parameter.schema(new StringSchema()._enum(List.of("1")).example("1")));
        }
        if (keyed) {
            operation.addParametersItem(new HeaderParameter().name(IDEMPOTENCY_KEY).required(false)
                    .description("Makes a retry safe: a retry with the same key, by the same caller, with the same "
                            + "method, path and body gets the first answer again (same status, body and `Location`, "
                            + "with `Idempotent-Replayed: true`) and changes nothing. 1–255 visible ASCII characters; a "
                            + "UUID is recommended. Keys are kept 24 hours (`lethe.idempotency.retention`).")
                    .schema(new StringSchema().minLength(1).maxLength(255).pattern("^[!-~]+$")
                            .example("5f0c6a52-1b2e-4c1f-a0a3-7d4f7e2c9b11")));
        }

        // an operation answered by several handlers (JSON and CSV) is customised once for each
        if (read && !hasParameter(operation, io.lethe.command.WritePosition.READ_AFTER)) {
            operation.addParametersItem(new HeaderParameter().name(io.lethe.command.WritePosition.READ_AFTER).required(false)
                    .description("Read your own write: the `Lethe-Position` of a command's answer. The read is answered "
                            + "once every read model has handled that write (whichever node serves it), waiting up to "
                            + "5 s (`lethe.reads.wait`), or as long as `Prefer: wait=n` asks (shorter or longer) up to "
                            + "30 s; a read model still behind then is answered 503 `read-model-behind`, one that parked "
                            + "an event of the write's records for operators 503 `read-model-parked` at once. Without "
                            + "it, the read answers at once from what the read models hold.")
                    .schema(new StringSchema().maxLength(io.lethe.command.WritePosition.MAX_LENGTH)
                            .pattern(io.lethe.command.WritePosition.PATTERN)
                            .example("MmI3YzBjNmUtOGQ0NC00ZDhlLTlmMGUtMGI4ZjNmOWMxYTEx")));
            operation.addParametersItem(new HeaderParameter().name("Prefer").required(false)
                    .description("`wait=n` (RFC 7240): with `Lethe-Read-After`, wait at most n seconds for the read "
                            + "models. Other preferences are ignored.")
                    .schema(new StringSchema().maxLength(200).example("wait=2")));
        }

        ApiResponses responses = operation.getResponses();
        List<String> badRequest = new ArrayList<>();
        if (body) {
            badRequest.add("malformed-request");
        }
        if (body || parameters) {
            badRequest.add("invalid-request");
        }
        if (keyed) {
            badRequest.add("idempotency-key-invalid");
        }
        if (read) {
            badRequest.add("position-malformed");
            badRequest.add("position-unknown");
        }
        if (!badRequest.isEmpty()) {
            problem(responses, "400", badRequest);
        }
        problem(responses, "401", List.of("unauthenticated", "invalid-token"))
                .addHeaderObject(WWW_AUTHENTICATE, ref(WWW_AUTHENTICATE));
        problem(responses, "403", changes ? List.of("forbidden", "csrf-token-invalid", "origin-not-allowed")
                : List.of("forbidden", "origin-not-allowed"));
        problem(responses, "406", List.of("not-acceptable"));
        if (keyed) {
            List<String> conflicts = new ArrayList<>(List.of("idempotency-key-in-flight"));
            if (command) {
                conflicts.add("concurrent-modification");
            }
            problem(responses, "409", conflicts).addHeaderObject(RETRY_AFTER, ref(RETRY_AFTER));
            problem(responses, "422", List.of("idempotency-key-reused"));
        }
        if (changes) {
            problem(responses, "415", List.of("unsupported-media-type"));
        }
        problem(responses, "429", List.of("rate-limited", "too-many-failed-sign-ins", "sign-ins-in-progress"))
                .addHeaderObject(RETRY_AFTER, ref(RETRY_AFTER));
        problem(responses, "500", List.of("internal-error"));
        List<String> unavailable = new ArrayList<>(List.of("messaging-unavailable", "database-unavailable",
                "identity-provider-unavailable"));
        if (read) {
            unavailable.add("read-model-behind");
            unavailable.add("read-model-parked");
        }
        problem(responses, "503", unavailable).addHeaderObject(RETRY_AFTER, ref(RETRY_AFTER));

        // declared answers: their codes become examples, their content the problem schema
        responses.forEach((status, response) -> {
            if (status.startsWith("4") || status.startsWith("5")) {
                problem(responses, status, List.of());
            } else if (status.startsWith("2")) {
                // a 201 names what it created; a 202 names a status to poll only where it declares one
                if ("201".equals(status)) {
                    response.addHeaderObject(LOCATION, ref(LOCATION));
                } else if ("202".equals(status) && response.getHeaders() != null && response.getHeaders().containsKey(LOCATION)) {
                    response.addHeaderObject(LOCATION, ref(LOCATION));
                }
                if (keyed) {
                    response.addHeaderObject(REPLAYED, ref(REPLAYED));
                }
                if (command && changes) {
                    response.addHeaderObject(POSITION, ref(POSITION));
                }
            }
        });
        // every answer once the caller is known carries its allowance (RateLimitFilter); not an answer
        // before that: a sign-in refused for its credentials or held back by the throttle
        responses.forEach((status, response) -> {
            if (status.startsWith("2") || status.startsWith("4") || status.startsWith("5")) {
                response.addHeaderObject(RATE_LIMIT, ref(RATE_LIMIT));
                response.addHeaderObject(RATE_LIMIT_REMAINING, ref(RATE_LIMIT_REMAINING));
                response.addHeaderObject(RATE_LIMIT_RESET, ref(RATE_LIMIT_RESET));
            }
            // CORS answers every request from an allowed origin, whatever its outcome
            response.addHeaderObject(ALLOW_ORIGIN, ref(ALLOW_ORIGIN));
        });
        // statuses in numeric order, as a reader looks for them; an answer every such operation shares is
        // described once, under components
        ApiResponses sorted = new ApiResponses();
        new TreeMap<>(responses).forEach((status, response) -> {
            String shared = SHARED.get(status + (changes ? "+change" : read ? "+read" : ""));
            if (shared == null) {
                shared = SHARED.get(status);
            }
            if (shared != null && MEANING.get(status).equals(response.getDescription())) {
                sharedResponses.putIfAbsent(shared, response);
                response = new ApiResponse().$ref("#/components/responses/" + shared);
            }
            sorted.addApiResponse(status, response);
        });
        operation.setResponses(sorted);
        return operation;
    }

    /** The error answer for a status, with the codes it may carry as examples (merged with what was declared). */
    private ApiResponse problem(ApiResponses responses, String status, List<String> generic) {
        ApiResponse response = responses.computeIfAbsent(status, code -> new ApiResponse());
        Set<String> codes = new LinkedHashSet<>();
        String declared = response.getDescription();
        if (declared != null && !declared.isBlank() && !declared.equals(HttpStatus.valueOf(Integer.parseInt(status)).getReasonPhrase())) {
            Matcher matcher = CODE.matcher(declared);
            while (matcher.find()) {
                codes.add(matcher.group(1));
            }
        } else {
            response.setDescription(MEANING.get(status));
        }
        MediaType media = response.getContent() == null ? null : response.getContent().get(PROBLEM_JSON);
        if (media == null) {
            media = new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + ApiDescription.PROBLEM));
            response.setContent(new Content().addMediaType(PROBLEM_JSON, media));
        }
        if (media.getExamples() != null) {
            media.getExamples().keySet().forEach(codes::add);
        }
        codes.addAll(generic);
        Map<String, Example> examples = new LinkedHashMap<>();
        for (String type : codes) {
            examples.put(type, new Example().$ref("#/components/examples/" + type));
            problemTypes.putIfAbsent(type, Integer.parseInt(status));
        }
        media.setExamples(examples.isEmpty() ? null : examples);
        return response;
    }

    private static boolean hasParameter(Operation operation, String name) {
        return operation.getParameters() != null
                && operation.getParameters().stream().anyMatch(parameter -> name.equalsIgnoreCase(parameter.getName()));
    }

    private static Header ref(String name) {
        return new Header().$ref("#/components/headers/" + name);
    }

    /** Over the whole description: roles and security per operation, tags once, schemas as the wire has them. */
    void customise(OpenAPI api) {
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
                secure(path, method, operation)));
        dedupeTags(api);
        requestExamples(api);
        sharedResponses.forEach(api.getComponents()::addResponses);
        problemTypes.forEach((type, status) -> {
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("type", Problems.TYPE_PREFIX + type);
            value.put("title", HttpStatus.valueOf(status).getReasonPhrase());
            value.put("status", status);
            api.getComponents().addExamples(type, new Example().summary(type).value(value));
        });
        Schemas.settle(api);
    }

    /**
     * The roles that may call the operation, asked of the API's own security rules with a signed-in
     * caller of each role in turn, so the description cannot drift from the rules.
     */
    private void secure(String path, PathItem.HttpMethod method, Operation operation) {
        String uri = PATH_VARIABLE.matcher(path).replaceAll(SAMPLE_ID);
        List<String> roles = ROLES.stream()
                .filter(role -> privileges.isAllowed("", uri, method.name(), UsernamePasswordAuthenticationToken
                        .authenticated("api-description", null, AuthorityUtils.createAuthorityList("ROLE_" + role))))
                .toList();
        operation.addExtension("x-roles", roles);
        String description = operation.getDescription() == null ? "" : operation.getDescription().strip() + "\n\n";
        operation.setDescription(description + (roles.size() == 1 ? "Role " : "Roles ")
                + String.join(", ", roles.stream().map(role -> "`" + role + "`").toList()) + ".");
        boolean changes = method == PathItem.HttpMethod.POST || method == PathItem.HttpMethod.DELETE;
        // a token with any one of the roles' scopes (each requirement is one alternative), or a console session
        List<SecurityRequirement> security = new java.util.ArrayList<>();
        roles.forEach(role -> security.add(new SecurityRequirement().addList(ApiDescription.TOKENS, io.lethe.platform.security.RoleScopes.of(role))));
        String session = roles.equals(List.of("ADMIN")) ? ApiDescription.ADMIN_SESSION : ApiDescription.SESSION;
        security.add(changes ? new SecurityRequirement().addList(session).addList(ApiDescription.CSRF)
                : new SecurityRequirement().addList(session));
        operation.setSecurity(security);
    }

    /**
     * The README's walk-through as the request bodies' examples ({@code api-examples.json}, by
     * operation id). An example for an operation that does not exist fails the description, and
     * the linter checks each against its schema.
     */
    private static void requestExamples(OpenAPI api) {
        Map<String, Object> examples;
        try (java.io.InputStream in = ApiContract.class.getResourceAsStream("/api-examples.json")) {
            examples = new com.fasterxml.jackson.databind.ObjectMapper().readValue(in,
                    new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() { });
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Set<String> unused = new java.util.TreeSet<>(examples.keySet());
        api.getPaths().values().forEach(item -> item.readOperations().forEach(operation -> {
            Object example = examples.get(operation.getOperationId());
            if (example != null && operation.getRequestBody() != null) {
                operation.getRequestBody().getContent().values().forEach(media -> media.setExample(example));
                unused.remove(operation.getOperationId());
            }
        }));
        if (!unused.isEmpty()) {
            throw new IllegalStateException("api-examples.json names operations without a request body: " + unused);
        }
    }

    /** Two controllers may share a tag; the description declares it once. */
    private static void dedupeTags(OpenAPI api) {
        if (api.getTags() == null) {
            return;
        }
        Map<String, Tag> byName = new TreeMap<>();
        for (Tag tag : api.getTags()) {
            byName.merge(tag.getName(), tag, (first, second) -> first.getDescription() != null ? first : second);
        }
        api.setTags(new ArrayList<>(byName.values()));
    }
}
