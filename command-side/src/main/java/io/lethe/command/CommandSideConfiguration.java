package io.lethe.command;

import jakarta.validation.ValidatorFactory;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.messaging.interceptors.BeanValidationInterceptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Guards the command bus. Bean Validation runs when a command is dispatched (so a REST request is
 * refused before it travels anywhere) and again when it is handled (for senders that dispatch on
 * their own bus); refusals are translated so they survive the trip between nodes. Every aggregate
 * finds its target through {@link CachedCommandTargetResolver}.
 */
@Configuration(proxyBeanMethods = false)
class CommandSideConfiguration {

    @Bean(CachedCommandTargetResolver.BEAN_NAME)
    CachedCommandTargetResolver commandTargetResolver() {
        return new CachedCommandTargetResolver();
    }

    /** A usage period's snapshot every so many events (ADR 0019); the subject's stream no longer holds its usage data. */
    @Bean("usagePeriodSnapshots")
    org.axonframework.eventsourcing.SnapshotTriggerDefinition usagePeriodSnapshots(
            org.axonframework.eventsourcing.Snapshotter snapshotter,
            @org.springframework.beans.factory.annotation.Value("${lethe.snapshots.usage-period-every:250}") int threshold) {
        return new org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }

    /** A subject's snapshot every so many events; its birth date and member state sealed in it. */
    @Bean("subjectSnapshots")
    org.axonframework.eventsourcing.SnapshotTriggerDefinition subjectSnapshots(
            org.axonframework.eventsourcing.Snapshotter snapshotter,
            @org.springframework.beans.factory.annotation.Value("${lethe.snapshots.subject-every:100}") int threshold) {
        return new org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }

    @Autowired
    void guard(CommandBus commandBus, ValidatorFactory validatorFactory) {
        BeanValidationInterceptor<org.axonframework.commandhandling.CommandMessage<?>> validation =
                new BeanValidationInterceptor<>(validatorFactory);
        commandBus.registerDispatchInterceptor(validation);
        commandBus.registerHandlerInterceptor(validation);
        commandBus.registerHandlerInterceptor(new RefusalTranslatingInterceptor());
    }
}
