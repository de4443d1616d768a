package io.lethe.saga.notice;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import io.lethe.core.crypto.PersonalDataSeals;
import io.lethe.core.mail.MailTransport;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/**
 * Request notices are sent unless {@code lethe.notices.enabled} is false (a company whose product
 * already sends its own); breach notices are sent whenever staff have the platform mail the people
 * affected, whatever that setting.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NoticeProperties.class)
class NoticeConfiguration {

    static final String DELIVERY_TASK = "request-notice-delivery";
    static final String BREACH_DELIVERY_TASK = "breach-notice-delivery";

    @Bean
    @org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty(name = "lethe.notices.enabled", matchIfMissing = true)
    NoticeDelivery noticeDelivery(NoticeOutbox outbox, NoticeTemplates templates, MailTransport transport,
                                  PersonalDataSeals seals, QueryGateway queries, CommandGateway commands,
                                  NoticeProperties properties) {
        return new NoticeDelivery(outbox, templates, transport, seals, queries, commands, properties, Clock.systemUTC());
    }

    /** One node at a time looks for notices due; a claimed notice is leased, so two would not send one twice. */
    @Bean
    @org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty(name = "lethe.notices.enabled", matchIfMissing = true)
    RecurringTask<Void> requestNoticeDelivery(NoticeDelivery delivery, NoticeProperties properties) {
        return Tasks.recurring(DELIVERY_TASK, FixedDelay.of(properties.pollEvery()))
                .execute((instance, context) -> delivery.deliverDue());
    }

    @Bean
    BreachNoticeDelivery breachNoticeDelivery(BreachNoticeOutbox outbox, NoticeTemplates templates, MailTransport transport,
                                              PersonalDataSeals seals, QueryGateway queries, CommandGateway commands,
                                              NoticeProperties properties) {
        return new BreachNoticeDelivery(outbox, templates, transport, seals, queries, commands, properties, Clock.systemUTC());
    }

    /** As for request notices: one node at a time, each notice leased. */
    @Bean
    RecurringTask<Void> breachNoticeDeliveryTask(BreachNoticeDelivery delivery, NoticeProperties properties) {
        return Tasks.recurring(BREACH_DELIVERY_TASK, FixedDelay.of(properties.pollEvery()))
                .execute((instance, context) -> delivery.deliverAndFinish());
    }
}
