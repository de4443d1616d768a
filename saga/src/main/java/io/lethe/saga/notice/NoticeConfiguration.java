package io.lethe.saga.notice;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import io.lethe.core.crypto.PersonalDataSeals;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NoticeProperties.class)
class NoticeConfiguration {

    static final String DELIVERY_TASK = "request-notice-delivery";
    private static final Logger log = LoggerFactory.getLogger(NoticeConfiguration.class);

    /** SMTP where a mail server is configured ({@code spring.mail.host}), the sealed local mailbox otherwise. */
    @Bean
    NoticeDelivery noticeDelivery(NoticeOutbox outbox, NoticeTemplates templates, ObjectProvider<JavaMailSender> smtp,
                                  JdbcClient jdbc, PersonalDataSeals seals, QueryGateway queries, CommandGateway commands,
                                  NoticeProperties properties, Environment environment) {
        JavaMailSender sender = smtp.getIfAvailable();
        MailTransport transport = sender == null
                ? new LocalMailbox(jdbc, seals, Clock.systemUTC())
                : new SmtpMail(sender, properties, environment.getProperty("spring.mail.host", "?") + ":"
                + environment.getProperty("spring.mail.port", "25"));
        log.info("Notices to requesters go to {}", transport.describe());
        return new NoticeDelivery(outbox, templates, transport, seals, queries, commands, properties, Clock.systemUTC());
    }

    /** One node at a time looks for notices due; a claimed notice is leased, so two would not send one twice. */
    @Bean
    RecurringTask<Void> requestNoticeDelivery(NoticeDelivery delivery, NoticeProperties properties) {
        return Tasks.recurring(DELIVERY_TASK, FixedDelay.of(properties.pollEvery()))
                .execute((instance, context) -> delivery.deliverDue());
    }
}
