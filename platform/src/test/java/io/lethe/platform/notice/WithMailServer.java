package io.lethe.platform.notice;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.lethe.platform.FreePorts;
import io.lethe.platform.PlatformTest;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A platform that sends its mail to a real SMTP server in the test JVM (GreenMail), shared by the test
 * classes that read what people receive: one platform for all of them.
 */
@PlatformTest
@TestPropertySource(properties = {
        "test.notices.enabled=true",
        "lethe.notices.poll-every=1s",
        // the delivery task is looked for every second, not every five: each mail waits less
        "db-scheduler.polling-interval=1s",
        "lethe.notices.retry-after=1s,1s",
        "lethe.notices.from=privacy@lethe.example",
        "lethe.notices.organisation=Example Co.",
        // the test mail server names the mailboxes it makes; the platform's own log is what must name no one
        "logging.level.com.icegreen.greenmail=WARN"
})
public abstract class WithMailServer {

    private static final int SMTP_PORT = FreePorts.any();
    private static GreenMail mailServer;
    /** The key a product ("shop") signs its assertions with; the platform is given its public half. */
    protected static final java.security.KeyPair PRODUCT_KEY = productKey();

    private static java.security.KeyPair productKey() {
        try {
            java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("EC");
            generator.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP_PORT);
        registry.add("spring.mail.properties.mail.smtp.connectiontimeout", () -> "2000");
        registry.add("spring.mail.properties.mail.smtp.timeout", () -> "2000");
        registry.add("lethe.privacy-center.products.shop.public-key", () -> "-----BEGIN PUBLIC KEY-----\n"
                + java.util.Base64.getMimeEncoder().encodeToString(PRODUCT_KEY.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----");
    }

    @BeforeAll
    static void startMailServer() {
        startMail();
    }

    @AfterAll
    static void stopMailServer() {
        stopMail();
    }

    protected static synchronized void startMail() {
        if (mailServer == null) {
            mailServer = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            mailServer.start();
        }
    }

    protected static synchronized void stopMail() {
        if (mailServer != null) {
            mailServer.stop();
            mailServer = null;
        }
    }

    /** What {@code address} has received so far, oldest first. */
    protected static List<MimeMessage> received(String address) {
        return Arrays.stream(mailServer.getReceivedMessages()).filter(message -> {
            try {
                return Arrays.stream(message.getAllRecipients()).anyMatch(to -> to.toString().equals(address));
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    /** The first message {@code address} receives whose subject line contains {@code text}. */
    protected static MimeMessage awaitMail(String address, String text) {
        MimeMessage[] found = new MimeMessage[1];
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            found[0] = received(address).stream().filter(message -> subjectOf(message).contains(text)).findFirst().orElse(null);
            assertThat(found[0]).as("a message about " + text + " for its recipient").isNotNull();
        });
        return found[0];
    }

    protected static String subjectOf(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    protected static String text(MimeMessage message) throws Exception {
        return (String) message.getContent();
    }
}
