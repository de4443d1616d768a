package io.lethe.platform.crypto;

import io.lethe.core.subject.PersonalDataShreddedEvent;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.stereotype.Component;

/**
 * Every node forgets a subject's cached keys as soon as it sees the subject shredded, wherever the
 * shredding happened. The processor keeps its position in memory, so each node follows the stream on
 * its own from the head at its start (no shared token: no node can claim the work from another), and
 * a node that missed a shredding still drops the key when its cache entry expires.
 */
@Component
@ProcessingGroup(KeyCacheEviction.PROCESSING_GROUP)
class KeyCacheEviction {

    static final String PROCESSING_GROUP = "key-cache-eviction";

    private final JdbcDataKeys keys;

    KeyCacheEviction(JdbcDataKeys keys) {
        this.keys = keys;
    }

    /** Its processor: one segment, a token in memory only, starting at the head of the stream. */
    static void configure(EventProcessingConfigurer processing) {
        processing.registerTokenStore(PROCESSING_GROUP, configuration -> new InMemoryTokenStore())
                .registerPooledStreamingEventProcessor(PROCESSING_GROUP,
                        org.axonframework.config.Configuration::eventStore,
                        (configuration, builder) -> builder.initialSegmentCount(1)
                                .initialToken(StreamableMessageSource::createHeadToken));
    }

    @EventHandler
    void on(PersonalDataShreddedEvent event) {
        keys.evict(event.subjectId().toString());
    }
}
