package io.lethe.command;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The cached resolver answers exactly as Axon's annotation resolver does, for every shape of command. */
class CachedCommandTargetResolverTest {

    private final CommandTargetResolver cached = new CachedCommandTargetResolver();
    private final CommandTargetResolver axon = AnnotationCommandTargetResolver.builder().build();

    record RecordCommand(@TargetAggregateIdentifier String subjectId, String other) {
    }

    record VersionedRecordCommand(@TargetAggregateIdentifier String subjectId, @TargetAggregateVersion Long version) {
    }

    static final class MethodCommand {
        private final String id;
        private final String version;

        MethodCommand(String id, String version) {
            this.id = id;
            this.version = version;
        }

        @TargetAggregateIdentifier
        String target() {
            return "method-" + id;
        }

        @TargetAggregateVersion
        String version() {
            return version;
        }
    }

    static class FieldCommand {
        @TargetAggregateIdentifier
        private final Object id;

        FieldCommand(Object id) {
            this.id = id;
        }
    }

    static final class InheritedCommand extends FieldCommand {
        InheritedCommand(Object id) {
            super(id);
        }
    }

    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.FIELD, ElementType.METHOD})
    @TargetAggregateIdentifier
    @interface Routed {
    }

    record MetaAnnotatedCommand(@Routed String key) {
    }

    record UnroutedCommand(String subjectId) {
    }

    @Test
    void resolvesEveryShapeOfCommandAsAxonDoes() {
        List<Object> commands = List.of(
                new RecordCommand("s-1", "x"),
                new VersionedRecordCommand("s-2", 4L),
                new VersionedRecordCommand("s-3", null),
                new MethodCommand("m", "7"),
                new FieldCommand(42),
                new InheritedCommand("inherited"),
                new MetaAnnotatedCommand("meta"));
        for (Object command : commands) {
            VersionedAggregateIdentifier expected = axon.resolveTarget(GenericCommandMessage.asCommandMessage(command));
            VersionedAggregateIdentifier actual = cached.resolveTarget(GenericCommandMessage.asCommandMessage(command));
            assertThat(actual).as(command.getClass().getSimpleName()).isEqualTo(expected);
        }
        assertThat(cached.resolveTarget(GenericCommandMessage.asCommandMessage(new MethodCommand("m", "7"))))
                .isEqualTo(new VersionedAggregateIdentifier("method-m", 7L));
    }

    @Test
    void cachesWhereToLookNotWhatWasFound() {
        assertThat(cached.resolveTarget(GenericCommandMessage.asCommandMessage(new VersionedRecordCommand("a", 1L))))
                .isEqualTo(new VersionedAggregateIdentifier("a", 1L));
        assertThat(cached.resolveTarget(GenericCommandMessage.asCommandMessage(new VersionedRecordCommand("b", 2L))))
                .isEqualTo(new VersionedAggregateIdentifier("b", 2L));
    }

    @Test
    void refusesACommandThatNamesNoTarget() {
        assertThatThrownBy(() -> cached.resolveTarget(GenericCommandMessage.asCommandMessage(new UnroutedCommand("s-1"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[UnroutedCommand]")
                .hasMessageNotContaining("s-1");
        assertThatThrownBy(() -> cached.resolveTarget(GenericCommandMessage.asCommandMessage(new RecordCommand(null, "x"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not identify the target aggregate");
    }

    @Test
    void refusesAVersionThatIsNotANumber() {
        assertThatThrownBy(() -> cached.resolveTarget(GenericCommandMessage.asCommandMessage(new MethodCommand("m", "seven"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The value provided for the version is not a number.");
    }

    @Test
    void everyAggregateOfTheCommandSideRoutesThroughIt() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Aggregate.class));
        Set<BeanDefinition> aggregates = scanner.findCandidateComponents("io.lethe.command");
        assertThat(aggregates).hasSizeGreaterThanOrEqualTo(3);
        for (BeanDefinition aggregate : aggregates) {
            Aggregate annotation = forName(aggregate.getBeanClassName()).getAnnotation(Aggregate.class);
            assertThat(annotation.commandTargetResolver()).as(aggregate.getBeanClassName())
                    .isEqualTo(CachedCommandTargetResolver.BEAN_NAME);
        }
    }

    private static Class<?> forName(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
