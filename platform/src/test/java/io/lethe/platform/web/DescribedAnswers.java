package io.lethe.platform.web;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.mockmvc.MockMvcRequest;
import com.atlassian.oai.validator.mockmvc.MockMvcResponse;
import com.atlassian.oai.validator.model.ApiOperation;
import com.atlassian.oai.validator.model.Response;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.SimpleValidationReportFormat;
import com.atlassian.oai.validator.report.ValidationReport;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.responses.ApiResponse;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcBuilderCustomizer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultMatcher;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Every answer any test provokes through the shared {@code MockMvc} is checked against the
 * committed API description ({@code docs/openapi.json}, which {@code OpenApiTest} keeps equal to the
 * live one): its status must be documented for the operation, its media type, headers and body must
 * match, and a problem's {@code type} must be one the response lists. Requests are not checked: many
 * tests send wrong ones on purpose. Registered for every test context through
 * {@code META-INF/spring.factories}.
 */
public final class DescribedAnswers implements ResultMatcher {

    static final String TYPE_PREFIX = "urn:problem-type:lethe:";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static OpenApiInteractionValidator validator;
    private static io.swagger.v3.oas.models.OpenAPI description;

    /** The committed description, found from the module's directory or the reactor's. */
    static Path committed() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path file = dir.resolve("docs/openapi.json");
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        throw new IllegalStateException("docs/openapi.json not found above " + Path.of("").toAbsolutePath());
    }

    static synchronized OpenApiInteractionValidator validator() {
        if (validator == null) {
            io.swagger.v3.parser.core.models.ParseOptions options = new io.swagger.v3.parser.core.models.ParseOptions();
            options.setResolve(true);
            options.setResolveFully(true); // shared answers are $refs under components
            description = new io.swagger.v3.parser.OpenAPIV3Parser().read(committed().toUri().toString(), null, options);
            validator = OpenApiInteractionValidator.createFor(description)
                    .withLevelResolver(LevelResolver.create()
                            .withLevel("validation.request", ValidationReport.Level.IGNORE)
                            .build())
                    .withCustomResponseValidation(DescribedAnswers::listedProblemType)
                    .build();
        }
        return validator;
    }

    @Override
    public void match(MvcResult result) {
        String path = result.getRequest().getRequestURI();
        if (!path.startsWith("/api/") || result.getRequest().isAsyncStarted()) {
            return; // the console's pages and the actuator are not the API; a stream is checked when it is dispatched
        }
        ValidationReport report = validator().validate(MockMvcRequest.of(result.getRequest()),
                MockMvcResponse.of(result.getResponse()));
        if (report.hasErrors()) {
            throw new AssertionError("The answer to " + result.getRequest().getMethod() + " " + path + " ("
                    + result.getResponse().getStatus() + ") breaks the API description:\n"
                    + SimpleValidationReportFormat.getInstance().apply(report));
        }
    }

    /** A problem's {@code type} is one of the codes its documented response lists as examples. */
    private static ValidationReport listedProblemType(Response response, ApiOperation operation) {
        if (response.getStatus() < 400 || response.getBody().isEmpty()) {
            return ValidationReport.empty();
        }
        ApiResponse documented = operation.getOperation().getResponses().get(Integer.toString(response.getStatus()));
        if (documented != null && documented.get$ref() != null) {
            documented = description.getComponents().getResponses()
                    .get(documented.get$ref().substring(documented.get$ref().lastIndexOf('/') + 1));
        }
        MediaType media = documented == null || documented.getContent() == null ? null
                : documented.getContent().get("application/problem+json");
        if (media == null) {
            return ValidationReport.empty(); // the status or media type itself is reported by the validator
        }
        JsonNode type = JSON.readTree(response.getBody().get()).get("type");
        String code = type == null ? "(none)" : type.asString().replace(TYPE_PREFIX, "");
        List<String> listed = media.getExamples() == null ? List.of() : List.copyOf(media.getExamples().keySet());
        return listed.contains(code) ? ValidationReport.empty()
                : ValidationReport.singleton(ValidationReport.Message.create("lethe.problem.type.unlisted",
                        "Problem type '" + code + "' is not listed for " + response.getStatus() + " of "
                                + operation.getMethod() + " " + operation.getApiPath().original() + "; listed: " + listed)
                        .build());
    }

    /** Adds the check to the {@code MockMvc} of every test context. */
    static final class Registration implements ContextCustomizerFactory {

        @Override
        public ContextCustomizer createContextCustomizer(Class<?> testClass, List<ContextConfigurationAttributes> attributes) {
            return new Customizer();
        }
    }

    private static final class Customizer implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration configuration) {
            context.getBeanFactory().registerSingleton("describedAnswers",
                    (MockMvcBuilderCustomizer) builder -> builder.alwaysExpect(new DescribedAnswers()));
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Customizer;
        }

        @Override
        public int hashCode() {
            return Customizer.class.hashCode();
        }
    }
}
