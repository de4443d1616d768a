package io.lethe.platform.notice;

import io.lethe.core.crypto.PersonalDataSeals;
import io.lethe.core.mail.MailTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;

import java.time.Clock;

/** How mail reaches data subjects on this node: SMTP where a mail server is configured, the sealed local mailbox otherwise. */
@Configuration(proxyBeanMethods = false)
class MailConfiguration {

    private static final Logger log = LoggerFactory.getLogger(MailConfiguration.class);

    @Bean
    MailTransport mailTransport(ObjectProvider<JavaMailSender> smtp, JdbcClient jdbc, PersonalDataSeals seals,
                                Environment environment,
                                // NoticeProperties is the saga side's, absent from other nodes: its two values are read here
                                @Value("${lethe.notices.from:privacy@lethe.invalid}") String from,
                                @Value("${lethe.notices.organisation:Lethe}") String organisation) {
        JavaMailSender sender = smtp.getIfAvailable();
        MailTransport transport = sender == null
                ? new LocalMailbox(jdbc, seals, Clock.systemUTC())
                : new SmtpMail(sender, from, organisation, environment.getProperty("spring.mail.host", "?") + ":"
                + environment.getProperty("spring.mail.port", "25"));
        log.info("Mail to data subjects goes to {}", transport.describe());
        return transport;
    }
}
