package io.lethe.platform.notice;

import io.lethe.core.crypto.PersonalDataSeals;
import io.lethe.core.mail.MailTransport;
import io.lethe.core.personaldata.RetentionClass;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Clock;
import java.time.ZoneOffset;

/**
 * The mail transport of the embedded default, where no mail server is configured: each message is
 * kept in {@code local_mailbox}, its address, title and body sealed under the subject's profile key,
 * for a newcomer to read in the console (which opens it and logs the read). An erasure that shreds the
 * profile leaves the messages unreadable, like every other copy of the address.
 */
final class LocalMailbox implements MailTransport {

    /** The fields the sealed values are bound to. */
    static final String RECIPIENT = "mail.recipient";
    static final String TITLE = "mail.title";
    static final String BODY = "mail.body";

    private final JdbcClient jdbc;
    private final PersonalDataSeals seals;
    private final Clock clock;

    LocalMailbox(JdbcClient jdbc, PersonalDataSeals seals, Clock clock) {
        this.jdbc = jdbc;
        this.seals = seals;
        this.clock = clock;
    }

    @Override
    public void send(Outgoing mail) {
        String subject = mail.subjectId().toString();
        jdbc.sql("""
                        INSERT INTO local_mailbox (message_id, subject_id, kind, language, recipient, title, body, delivered_at)
                        VALUES (:id, :subject, :kind, :language, :recipient, :title, :body, :at)
                        ON CONFLICT (message_id) DO NOTHING""")
                .param("id", mail.reference())
                .param("subject", mail.subjectId().value())
                .param("kind", mail.kind())
                .param("language", mail.language())
                .param("recipient", seals.seal(subject, RetentionClass.PROFILE, RECIPIENT, mail.to()).envelope())
                .param("title", seals.seal(subject, RetentionClass.PROFILE, TITLE, mail.title()).envelope())
                .param("body", seals.seal(subject, RetentionClass.PROFILE, BODY, mail.body()).envelope())
                .param("at", clock.instant().atOffset(ZoneOffset.UTC))
                .update();
    }

    @Override
    public String describe() {
        return "the local mailbox (no mail server configured: spring.mail.host)";
    }
}
