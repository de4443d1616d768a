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
 * {@code allOf}. A CSV answer is text, one row per line. A streamed answer ({@code application/x-ndjson}) is
 * one JSON object per line: it names its line's schema as {@code x-itemSchema}, as OpenAPI 3.2's
 * {@code itemSchema} does, since no 3.0 schema describes a sequence of documents.
 */
final class Schemas {

    private static final String NDJSON = "application/x-ndjson";
    private static final Set<String> TEXT = Set.of(NDJSON, "text/csv");

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
        schemas.values().forEach(schema -> bounded(schema, schemas));
        api.getPaths().values().forEach(item -> item.readOperations().forEach(operation -> {
            if (operation.getParameters() != null) {
                operation.getParameters().forEach(parameter -> bounded(parameter.getSchema(), schemas));
            }
        }));
        if (api.getComponents().getHeaders() != null) {
            api.getComponents().getHeaders().values().forEach(header -> bounded(header.getSchema(), schemas));
        }
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
            // a nullable enum is written out with null among its values: validators do not carry nullable into allOf
            properties.replaceAll((property, value) -> {
                List<Schema> allOf = value.getAllOf();
                Schema<?> target = Boolean.TRUE.equals(value.getNullable()) && allOf != null && allOf.size() == 1
                        && allOf.get(0).get$ref() != null ? schemas.get(name(allOf.get(0).get$ref())) : null;
                if (target == null || target.getEnum() == null) {
                    return value;
                }
                List<Object> values = new ArrayList<>(target.getEnum());
                values.add(null);
                Schema<Object> inline = new Schema<>();
                inline.setType(target.getType());
                inline.setEnum(values);
                inline.setNullable(true);
                inline.setDescription(value.getDescription() != null ? value.getDescription() : target.getDescription());
                return inline;
            });
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

    /**
     * The bounds a member has by its type, written out (OWASP API4): an {@code int32} or {@code int64}
     * holds no more than its range, a UUID, date or instant has a longest form, and a set of an enum's
     * values has at most as many items as the enum.
     */
    private static void bounded(Schema<?> schema, Map<String, Schema> schemas) {
        if (schema.getProperties() != null) {
            schema.getProperties().values().forEach(property -> bounded(property, schemas));
        }
        if (schema.getItems() != null) {
            bounded(schema.getItems(), schemas);
        }
        if (schema.getAdditionalProperties() instanceof Schema<?> values) {
            bounded(values, schemas);
        }
        if ("integer".equals(schema.getType())) {
            boolean int32 = "int32".equals(schema.getFormat());
            if (schema.getMinimum() == null) {
                schema.setMinimum(java.math.BigDecimal.valueOf(int32 ? Integer.MIN_VALUE : Long.MIN_VALUE));
            }
            if (schema.getMaximum() == null) {
                schema.setMaximum(java.math.BigDecimal.valueOf(int32 ? Integer.MAX_VALUE : Long.MAX_VALUE));
            }
        }
        if ("string".equals(schema.getType()) && schema.getMaxLength() == null && schema.getEnum() == null) {
            Integer longest = switch (schema.getFormat() == null ? "" : schema.getFormat()) {
                case "uuid" -> 36;
                case "date" -> 16;        // +999999999-12-31
                case "date-time" -> 64;   // an instant or offset date-time at its widest
                default -> null;
            };
            schema.setMaxLength(longest);
        }
        if ("array".equals(schema.getType()) && schema.getMaxItems() == null && Boolean.TRUE.equals(schema.getUniqueItems())
                && schema.getItems() != null) {
            Schema<?> items = schema.getItems().get$ref() == null ? schema.getItems()
                    : schemas.get(schema.getItems().get$ref().substring(schema.getItems().get$ref().lastIndexOf('/') + 1));
            if (items != null && items.getEnum() != null) {
                schema.setMaxItems(items.getEnum().size());
            }
        }
    }

    private static String name(String ref) {
        return ref.substring(ref.lastIndexOf('/') + 1);
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
            if (NDJSON.equals(type)) {
                // a stream of lines has no one schema in OpenAPI 3.0; each line's is named as 3.2's itemSchema
                // names it, and the stream itself, as long as the history it reads, is not bounded
                Schema<?> line = media.getSchema();
                media.setSchema(null);
                if (line != null && line.get$ref() != null) {
                    media.addExtension("x-itemSchema", new Schema<>().$ref(line.get$ref()));
                }
            } else if (TEXT.contains(type)) {
                Schema<?> described = media.getSchema();
                String line = type.equals("text/csv") ? "CSV with a header row" : "one JSON object per line";
                media.setSchema(new StringSchema().description(described != null && described.getDescription() != null
                        ? described.getDescription() : line).maxLength(described != null ? described.getMaxLength() : null));
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
