package io.lethe.platform.roles;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.spring.stereotype.Aggregate;
import org.axonframework.spring.stereotype.Saga;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.core.type.filter.TypeFilter;
import org.springframework.scheduling.annotation.Scheduled;

import java.util.List;

/**
 * What a side runs rather than serves: aggregates, sagas, projections and other message handlers,
 * and scheduled jobs. A node without the side's role leaves them out and keeps the rest — the side's
 * HTTP API and what it needs — which reaches the handlers on other nodes through the buses.
 */
final class ProcessingComponents implements TypeFilter {

    private static final List<String> HANDLERS = List.of(EventHandler.class.getName(), QueryHandler.class.getName(),
            CommandHandler.class.getName(), SagaEventHandler.class.getName(), Scheduled.class.getName());

    @Override
    public boolean match(MetadataReader reader, MetadataReaderFactory factory) {
        AnnotationMetadata type = reader.getAnnotationMetadata();
        return type.hasAnnotation(Aggregate.class.getName()) || type.hasAnnotation(Saga.class.getName())
                || type.hasAnnotation(ProcessingGroup.class.getName())
                || HANDLERS.stream().anyMatch(type::hasAnnotatedMethods);
    }
}
