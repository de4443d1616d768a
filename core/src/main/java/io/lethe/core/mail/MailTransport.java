package io.lethe.core.mail;

import io.lethe.core.request.NoticeFailure;
import io.lethe.core.subject.SubjectId;

/**
 * Where mail to a data subject goes: a mail server over SMTP in production, the sealed local mailbox
 * on the embedded default (ADR 0024). The address is in memory only, on its way out.
 */
public interface MailTransport {

    /**
     * A message written for one subject; {@code to} is their address, {@code reference} its Message-ID.
     *
     * @param kind what the message is (a notice's kind, {@code VERIFICATION_CODE}), kept with it
     */
    record Outgoing(String reference, SubjectId subjectId, String kind, String language, String to, String title,
                    String body) {

        @Override
        public String toString() {
            return "Outgoing[" + reference + ", " + kind + ", " + language + "]";
        }
    }

    /** The message could not be handed over; {@code failure} says why without naming the address. */
    final class NotDelivered extends Exception {

        private final NoticeFailure failure;

        public NotDelivered(NoticeFailure failure, Throwable cause) {
            super(failure.name(), cause, false, false);
            this.failure = failure;
        }

        public NoticeFailure failure() {
            return failure;
        }
    }

    /** A message's {@code Message-ID}: the id of what it carries (a notice, a code's challenge), at the sender's domain. */
    static String messageId(java.util.UUID id, String from) {
        int at = from.lastIndexOf('@');
        return "<" + id + "@" + (at < 0 ? "lethe.invalid" : from.substring(at + 1)) + ">";
    }

    /** Hands {@code mail} over for delivery. */
    void send(Outgoing mail) throws NotDelivered;

    /** What the platform says of this transport (in the log at start). */
    String describe();
}
