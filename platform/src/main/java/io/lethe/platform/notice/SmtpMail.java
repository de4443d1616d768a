package io.lethe.platform.notice;

import io.lethe.core.mail.MailTransport;
import io.lethe.core.request.NoticeFailure;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.MimeMessage;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

import java.nio.charset.StandardCharsets;

/**
 * Notices over SMTP with Spring's mail support ({@code spring.mail.*}): plain text in UTF-8, from the
 * company's privacy address, carrying the notice's own message id so that a message sent twice (a node
 * that died after the server took it) reads as one in the requester's mail client.
 */
final class SmtpMail implements MailTransport {

    private final JavaMailSender sender;
    private final String from;
    private final String organisation;
    private final String server;

    SmtpMail(JavaMailSender sender, String from, String organisation, String server) {
        this.sender = sender;
        this.from = from;
        this.organisation = organisation;
        this.server = server;
    }

    @Override
    public void send(Outgoing mail) throws NotDelivered {
        try {
            MimeMessage message = new IdentifiedMessage(sender.createMimeMessage(), mail.reference());
            MimeMessageHelper helper = new MimeMessageHelper(message, false, StandardCharsets.UTF_8.name());
            helper.setFrom(from, organisation);
            helper.setTo(mail.to());
            helper.setSubject(mail.title());
            helper.setText(mail.body(), false);
            message.setHeader("Content-Language", mail.language());
            message.setHeader("Auto-Submitted", "auto-generated");
            sender.send(message);
        } catch (MailParseException | MailPreparationException | MessagingException | java.io.UnsupportedEncodingException malformed) {
            throw new NotDelivered(NoticeFailure.MAIL_REFUSED, malformed);
        } catch (MailSendException failed) {
            boolean refused = failed.getFailedMessages().values().stream().anyMatch(SmtpMail::refusal);
            throw new NotDelivered(refused ? NoticeFailure.MAIL_REFUSED : NoticeFailure.MAIL_UNREACHABLE, failed);
        } catch (MailAuthenticationException | IllegalStateException failed) {
            throw new NotDelivered(NoticeFailure.MAIL_UNREACHABLE, failed);
        } catch (MailException failed) {
            throw new NotDelivered(NoticeFailure.MAIL_UNREACHABLE, failed);
        }
    }

    /** The server answered and said no (an address or a message it will not take), rather than not answering. */
    private static boolean refusal(Exception failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SendFailedException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String describe() {
        return "SMTP (" + server + ")";
    }

    /** A message whose Message-ID is the notice's, not one JavaMail makes up when it is saved. */
    private static final class IdentifiedMessage extends MimeMessage {

        private final String messageId;

        IdentifiedMessage(MimeMessage template, String messageId) {
            super(template.getSession());
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
