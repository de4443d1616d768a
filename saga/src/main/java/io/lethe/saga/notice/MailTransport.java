package io.lethe.saga.notice;

import io.lethe.core.request.NoticeFailure;
import io.lethe.core.request.NoticeKind;
import io.lethe.core.subject.SubjectId;

/**
 * Where a notice goes: a mail server over SMTP in production ({@link SmtpMail}), the sealed local
 * mailbox on the embedded default ({@link LocalMailbox}).
 */
interface MailTransport {

    /** A message written for one subject; {@code to} is their address, in memory only. */
    record Outgoing(String messageId, SubjectId subjectId, NoticeKind kind, String language, String to, String title,
                    String body) {

        @Override
        public String toString() {
            return "Outgoing[" + messageId + ", " + kind + ", " + language + "]";
        }
    }

    /** The message could not be handed over; {@code failure} says why without naming the address. */
    final class NotDelivered extends Exception {

        private final NoticeFailure failure;

        NotDelivered(NoticeFailure failure, Throwable cause) {
            super(failure.name(), cause, false, false);
            this.failure = failure;
        }

        NoticeFailure failure() {
            return failure;
        }
    }

    /** Hands {@code mail} over for delivery. */
    void send(Outgoing mail) throws NotDelivered;

    /** What the platform shows of this transport (the readiness page, the log at start). */
    String describe();
}
