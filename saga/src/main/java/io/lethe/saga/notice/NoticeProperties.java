package io.lethe.saga.notice;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * How notices go out ({@code lethe.notices.*}).
 *
 * @param from         the sender's address, the company's privacy contact
 * @param organisation the company's name as the notices sign it
 * @param pollEvery    how often the delivery looks for notices due
 * @param retryAfter   the pauses after the first, second, … failed attempt; one attempt more than pauses
 * @param lease        how long a claimed notice is left to the node that claimed it before another retries it
 * @param staleAfter   a notice whose event is older than this when it is first read is not sent (a processor
 *                     started on an old history, or far behind): staff see it as stale
 */
@ConfigurationProperties("lethe.notices")
public record NoticeProperties(
        @DefaultValue("privacy@lethe.invalid") String from,
        @DefaultValue("Lethe") String organisation,
        @DefaultValue("5s") Duration pollEvery,
        @DefaultValue({"1m", "5m", "30m", "2h"}) List<Duration> retryAfter,
        @DefaultValue("5m") Duration lease,
        @DefaultValue("3d") Duration staleAfter) {

    /** A notice's {@code Message-ID}. */
    String messageId(java.util.UUID id) {
        return io.lethe.core.mail.MailTransport.messageId(id, from);
    }

    /** The attempts a notice gets before it is given up. */
    int maxAttempts() {
        return retryAfter.size() + 1;
    }

    /** The pause after the {@code attempts}-th failed attempt. */
    Duration pauseAfter(int attempts) {
        return retryAfter.get(Math.min(Math.max(attempts, 1), retryAfter.size()) - 1);
    }
}
