package io.lethe.command;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.common.ReflectionUtils;
import org.axonframework.common.annotation.AnnotationUtils;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;

import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;

/**
 * Finds the target aggregate of a command the way {@link AnnotationCommandTargetResolver} does — the
 * first method, else the first field, carrying {@link TargetAggregateIdentifier} (and
 * {@link TargetAggregateVersion}), meta-annotations included — but looks for those members once per
 * command class instead of on every command. Axon's resolver walks every method and field of the
 * payload's class hierarchy and collects each one's annotations for every command it routes; in the
 * benchmark that was half of the command thread's CPU for a registration, whose command has no
 * version member and so is searched end to end.
 */
public final class CachedCommandTargetResolver implements CommandTargetResolver {

    /** The bean name every {@code @Aggregate} of the command side names as its resolver. */
    public static final String BEAN_NAME = "commandTargetResolver";

    private final ClassValue<Targets> targets = new ClassValue<>() {
        @Override
        protected Targets computeValue(Class<?> type) {
            return new Targets(annotated(type, TargetAggregateIdentifier.class), annotated(type, TargetAggregateVersion.class));
        }
    };

    @Override
    public VersionedAggregateIdentifier resolveTarget(CommandMessage<?> command) {
        Targets target = targets.get(command.getPayloadType());
        Object payload = command.getPayload();
        Object identifier = target.identifier() == null ? null : read(target.identifier(), payload);
        if (identifier == null) {
            throw new IllegalArgumentException(String.format(
                    "Invalid command. It does not identify the target aggregate. Make sure at least one of the fields "
                            + "or methods in the [%s] class contains the @TargetAggregateIdentifier annotation and "
                            + "that it returns a non-null value.", command.getPayloadType().getSimpleName()));
        }
        Long version = target.version() == null ? null : asLong(read(target.version(), payload));
        return new VersionedAggregateIdentifier(identifier, version);
    }

    private static Member annotated(Class<?> type, Class<? extends Annotation> annotation) {
        for (Method method : ReflectionUtils.methodsOf(type)) {
            if (AnnotationUtils.isAnnotationPresent(method, annotation)) {
                return ReflectionUtils.ensureAccessible(method);
            }
        }
        for (Field field : ReflectionUtils.fieldsOf(type)) {
            if (AnnotationUtils.isAnnotationPresent(field, annotation)) {
                return ReflectionUtils.ensureAccessible(field);
            }
        }
        return null;
    }

    private static Object read(Member member, Object payload) {
        try {
            return ReflectionUtils.getMemberValue(member, payload);
        } catch (IllegalStateException e) {
            // the accessor itself failed; its exception says what went wrong, never a field's value
            throw new IllegalArgumentException("An exception occurred while extracting aggregate information from a command", e);
        }
    }

    private static Long asLong(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Number number) {
            return number.longValue();
        }
        try {
            return Long.parseLong(value.toString());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("The value provided for the version is not a number.", e);
        }
    }

    private record Targets(Member identifier, Member version) {
    }
}
