package io.lethe.platform.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The schemas as the wire has them. The platform writes every member of an answer, {@code null}
 * included, so an answer's members are all required and those that may be {@code null} say so
 * (declared with {@code @Nullable} on the record component). A request's members are required as
 * Bean Validation requires them, and an optional one may as well be sent as {@code null}. OpenAPI
 * 3.0 ignores {@code nullable} beside a {@code $ref}, so a nullable reference is wrapped in
 * {@code allOf}. Streamed and CSV answers are text, one JSON object per line or one row per line.
 */
final class Schemas {

    private static final Set<String> TEXT = Set.of("application/x-ndjson", "text/csv");

    private Schemas() {
    }

    static void settle(OpenAPI api) {
        Map<String, Schema> schemas = api.getComponents().getSchemas();
        Set<String> requests = new HashSet<>();
        Set<String> answers = new HashSet<>();
        api.getPaths().values().forEach(item -> item.readOperations().forEach(operation -> {
            if (operation.getRequestBody() != null) {
                reach(operation.getRequestBody().getContent(), schemas, requests);
            }
            operation.getResponses().forEach((status, response) -> {
                textAnswers(response.getContent());
                if (status.startsWith("2")) {
                    reach(response.getContent(), schemas, answers);
                }
            });
        }));
        schemas.remove("StreamingResponseBody");
        schemas.values().forEach(Schemas::anyValues);
        schemas.forEach((name, schema) -> {
            Map<String, Schema> properties = schema.getProperties();
            if (properties == null) {
                return;
            }
            if (answers.contains(name) && !requests.contains(name)) {
                schema.setRequired(new ArrayList<>(properties.keySet()));
            } else {
                List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
                properties.forEach((property, value) -> {
                    if (!required.contains(property) && mayBeNull(value)) {
                        value.setNullable(true);
                    }
                });
            }
            // a nullable enum lists null among its values, or a validator refuses the null it allows
            properties.values().forEach(value -> {
                if (Boolean.TRUE.equals(value.getNullable()) && value.getEnum() != null && !value.getEnum().contains(null)) {
                    value.getEnum().add(null);
                }
            });
            properties.replaceAll((property, value) -> value.get$ref() != null && Boolean.TRUE.equals(value.getNullable())
                    ? new Schema<>().nullable(true).description(value.getDescription()).allOf(List.of(new Schema<>().$ref(value.get$ref())))
                    : value);
        });
    }

    /**
     * A Java {@code Object} (a report's piece, an event's payload) holds any JSON value: springdoc
     * writes it as {@code type: object}, which a string or a number would break; an untyped schema
     * says what it is.
     */
    private static void anyValues(Schema<?> schema) {
        if (schema.getProperties() != null) {
            schema.getProperties().replaceAll((name, property) -> anyValue(property));
            schema.getProperties().values().forEach(Schemas::anyValues);
        }
        if (schema.getItems() != null) {
            schema.setItems(anyValue(schema.getItems()));
            anyValues(schema.getItems());
        }
        if (schema.getAdditionalProperties() instanceof Schema<?> values) {
            schema.setAdditionalProperties(anyValue(values));
        }
    }

    private static Schema anyValue(Schema<?> schema) {
        boolean opaque = "object".equals(schema.getType()) && schema.get$ref() == null && schema.getProperties() == null
                && schema.getAdditionalProperties() == null;
        return opaque ? new Schema<>().description(schema.getDescription()).nullable(true) : schema;
    }

    /** A JSON null binds to anything but a Java primitive, and a boolean or number here may be one. */
    private static boolean mayBeNull(Schema<?> schema) {
        String type = schema.getType();
        return schema.get$ref() != null || "string".equals(type) || "array".equals(type) || "object".equals(type);
    }

    private static void textAnswers(Content content) {
        if (content == null) {
            return;
        }
        content.forEach((type, media) -> {
            if (TEXT.contains(type)) {
                Schema<?> described = media.getSchema();
                String line = type.equals("text/csv") ? "CSV with a header row" : "one JSON object per line";
                media.setSchema(new StringSchema().description(described != null && described.getDescription() != null
                        ? described.getDescription() : line));
            }
        });
    }

    /** Every component schema a body reaches, through references, items, properties and compositions. */
    private static void reach(Content content, Map<String, Schema> schemas, Set<String> reached) {
        if (content == null) {
            return;
        }
        Deque<Schema<?>> open = new ArrayDeque<>();
        for (MediaType media : content.values()) {
            if (media.getSchema() != null) {
                open.add(media.getSchema());
            }
        }
        while (!open.isEmpty()) {
            Schema<?> schema = open.pop();
            if (schema.get$ref() != null) {
                String name = schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1);
                if (reached.add(name) && schemas.get(name) != null) {
                    open.add(schemas.get(name));
                }
                continue;
            }
            if (schema.getItems() != null) {
                open.add(schema.getItems());
            }
            if (schema.getProperties() != null) {
                schema.getProperties().values().forEach(open::add);
            }
            if (schema.getAdditionalProperties() instanceof Schema<?> values) {
                open.add(values);
            }
            for (List<Schema> composed : new List[] {schema.getAllOf(), schema.getOneOf(), schema.getAnyOf()}) {
                if (composed != null) {
                    composed.forEach(open::add);
                }
            }
        }
    }
}
