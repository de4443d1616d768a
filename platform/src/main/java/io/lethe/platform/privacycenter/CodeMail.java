package io.lethe.platform.privacycenter;

import io.lethe.core.crypto.PersonalDataSeals;
import io.lethe.core.mail.MailTransport;
import io.lethe.core.personaldata.Redaction;
import io.lethe.core.subject.SubjectId;
import io.lethe.core.subject.SubjectSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Sends a challenge's code to the address the platform holds for the subject — not to the address
 * typed, though it is the same one — on a thread of its own, after the page has answered: the page
 * answers as fast whether or not an account holds the address, and whether or not the mail server is
 * slow. The code lives in memory until it is sent; a node that stops first leaves the person to ask
 * again.
 */
@Component
class CodeMail implements DisposableBean {

    static final String KIND = "VERIFICATION_CODE";
    private static final Logger log = LoggerFactory.getLogger(CodeMail.class);

    private final MailTransport transport;
    private final PersonalDataSeals seals;
    private final MessageSource texts;
    private final PrivacyCenterProperties properties;
    private final String organisation;
    private final String domain;
    private final ThreadPoolExecutor sending = new ThreadPoolExecutor(1, 2, 1, TimeUnit.MINUTES,
            new ArrayBlockingQueue<>(1000), runnable -> {
                Thread thread = new Thread(runnable, "privacy-center-mail");
                thread.setDaemon(true);
                return thread;
            }, (refused, executor) -> log.warn("A verification code was not sent: too many are waiting to be sent"));

    CodeMail(MailTransport transport, PersonalDataSeals seals, MessageSource texts,
             PrivacyCenterProperties properties, @Value("${lethe.notices.organisation:Lethe}") String organisation,
             @Value("${lethe.notices.from:privacy@lethe.invalid}") String from) {
        this.transport = transport;
        this.seals = seals;
        this.texts = texts;
        this.properties = properties;
        this.organisation = organisation;
        this.domain = from.substring(from.lastIndexOf('@') + 1);
    }

    /** Sends {@code code} to the subject's address on record, later, on the mail thread. */
    void sendLater(SubjectSummary subject, UUID challengeId, String code, Locale language) {
        sending.execute(() -> send(subject, challengeId, code, language));
    }

    private void send(SubjectSummary summary, UUID challengeId, String code, Locale language) {
        SubjectId subject = summary.subjectId();
        try {
            String address = seals.open(subject.toString(), "email", summary.email());
            if (address == null || address.isBlank() || Redaction.ERASED.equals(address)) {
                return;
            }
            long minutes = properties.codeValidFor().toMinutes();
            Object[] arguments = {code, minutes, organisation};
            transport.send(new MailTransport.Outgoing("<" + challengeId + "@" + domain + ">", subject, KIND,
                    language.toLanguageTag(), address, texts.getMessage("pc.mail.code.title", arguments, language),
                    texts.getMessage("pc.mail.code.body", arguments, language)));
        } catch (MailTransport.NotDelivered failed) {
            log.warn("The code of challenge {} was not delivered: {}", challengeId, failed.failure());
        } catch (Exception failed) {
            log.warn("The code of challenge {} was not sent: {}", challengeId, failed.getClass().getSimpleName());
        }
    }

    @Override
    public void destroy() {
        sending.shutdown();
    }
}
