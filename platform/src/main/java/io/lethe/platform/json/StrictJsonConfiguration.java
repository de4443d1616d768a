package io.lethe.platform.json;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.type.LogicalType;

import java.util.Map;
import java.util.Set;

/**
 * Jackson converts between JSON scalars by default: {@code "name": 123} becomes the text "123",
 * {@code "minorUnits": "1999"} the number 1999, {@code "amount": 19.99} the integer 19,
 * {@code "flag": "true"} a boolean and {@code "type": 0} an enum's first constant. A system of record
 * takes what a caller meant, or nothing: each such value is refused (400 {@code malformed-request},
 * naming the field) and no command is sent. Integers stay acceptable where a decimal is expected.
 */
@Configuration(proxyBeanMethods = false)
class StrictJsonConfiguration {

    /** For each kind of field, the JSON scalars that are not its own. */
    private static final Map<LogicalType, Set<CoercionInputShape>> FOREIGN_SCALARS = Map.of(
            LogicalType.Textual, Set.of(CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean),
            LogicalType.Integer, Set.of(CoercionInputShape.String, CoercionInputShape.Float, CoercionInputShape.Boolean),
            LogicalType.Float, Set.of(CoercionInputShape.String, CoercionInputShape.Boolean),
            LogicalType.Boolean, Set.of(CoercionInputShape.String, CoercionInputShape.Integer, CoercionInputShape.Float),
            LogicalType.Enum, Set.of(CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean),
            LogicalType.DateTime, Set.of(CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean),
            LogicalType.OtherScalar, Set.of(CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean));

    @Bean
    JsonMapperBuilderCustomizer strictScalars() {
        return builder -> {
            builder.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                    .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
            FOREIGN_SCALARS.forEach((type, shapes) -> builder.withCoercionConfig(type, config ->
                    shapes.forEach(shape -> config.setCoercion(shape, CoercionAction.Fail))));
        };
    }
}
