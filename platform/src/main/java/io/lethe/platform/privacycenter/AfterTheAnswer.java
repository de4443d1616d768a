package io.lethe.platform.privacycenter;

import io.lethe.command.ApiCommands;
import io.lethe.core.crypto.PersonalDataSeals;
import io.lethe.core.jurisdiction.Jurisdiction;
import io.lethe.core.mail.MailTransport;
import io.lethe.core.refusal.Refusal;
import io.lethe.core.request.RequestChannel;
import io.lethe.core.request.RequestId;
import io.lethe.core.request.RequestType;
import io.lethe.core.request.SubmitPrivacyRequestCommand;
import io.lethe.core.subject.Requester;
import io.lethe.core.subject.SubjectSummary;
import io.lethe.query.subject.SubjectSearch;
import io.lethe.saga.notice.Recipient;
import org.axonframework.commandhandling.CommandExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * What an address typed in the privacy center leads to, done on a thread of its own after the page
 * has answered: looking the address up (reading and opening the accounts in its blind-index bucket),
 * then sending the code to the address the account holds, or recording an opt-out. The page answers
 * in the same time and the same words whether or not an account holds the address, and however slow
 * the mail server is. Only an account under the law the person chose counts. The address and the code
 * live in memory until the work is done; a node that stops first leaves the person to ask again.
 */
@Component
class AfterTheAnswer implements DisposableBean {

    static final String KIND = "VERIFICATION_CODE";
    private static final Logger log = LoggerFactory.getLogger(AfterTheAnswer.class);

    private final SubjectSearch search;
    private final Challenges challenges;
    private final ApiCommands commands;
    private final MailTransport transport;
    private final PersonalDataSeals seals;
    private final MessageSource texts;
    private final PrivacyCenterProperties properties;
    private final AuthorityProofs proofs;
    private final String organisation;
    private final String from;
    private final ThreadPoolExecutor work = new ThreadPoolExecutor(2, 2, 1, TimeUnit.MINUTES,
            new ArrayBlockingQueue<>(1000), runnable -> {
                Thread thread = new Thread(runnable, "privacy-center-work");
                thread.setDaemon(true);
                return thread;
            }, (refused, executor) -> {
                log.warn("A privacy-center request was not looked up: too many are waiting");
                if (refused instanceof Lookup lookup) {
                    lookup.release();
                }
            });
    /** The most bytes of agents' proofs held in memory while their addresses wait to be looked up. */
    static final long PROOF_BYTES_IN_FLIGHT = 64L * 1024 * 1024;
    private final java.util.concurrent.atomic.AtomicLong proofBytes = new java.util.concurrent.atomic.AtomicLong();

    /** A lookup holding a proof's bytes, given back when it is done or refused. */
    private final class Lookup implements Runnable {
        private final Runnable work;
        private final long bytes;
        private final java.util.concurrent.atomic.AtomicBoolean released = new java.util.concurrent.atomic.AtomicBoolean();

        Lookup(Runnable work, long bytes) {
            this.work = work;
            this.bytes = bytes;
        }

        @Override
        public void run() {
            try {
                work.run();
            } finally {
                release();
            }
        }

        void release() {
            if (released.compareAndSet(false, true)) {
                proofBytes.addAndGet(-bytes);
            }
        }
    }

    AfterTheAnswer(SubjectSearch search, Challenges challenges, ApiCommands commands, MailTransport transport,
                   PersonalDataSeals seals, MessageSource texts, PrivacyCenterProperties properties, AuthorityProofs proofs,
                   // the notices' settings, whose class is the saga side's and absent from other nodes
                   @Value("${lethe.notices.organisation:Lethe}") String organisation,
                   @Value("${lethe.notices.from:privacy@lethe.invalid}") String from) {
        this.search = search;
        this.challenges = challenges;
        this.commands = commands;
        this.transport = transport;
        this.seals = seals;
        this.texts = texts;
        this.properties = properties;
        this.proofs = proofs;
        this.organisation = organisation;
        this.from = from;
        work.allowCoreThreadTimeOut(true);
    }

    /**
     * Looks the address up and, where an account of {@code law} holds it, attaches it to the challenge,
     * keeps the agent's proof of authority sealed under its key, and mails the code.
     */
    /** Whether {@code proof} may wait for its lookup now: the proofs waiting hold a bounded amount of memory. */
    boolean roomFor(AuthorityProofs.Proof proof) {
        return proofBytes.get() + proof.bytes().length <= PROOF_BYTES_IN_FLIGHT;
    }

    void sendCode(Challenges.Made made, String email, Jurisdiction law, Locale language,
                  @org.springframework.lang.Nullable AuthorityProofs.Proof proof) {
        long held = proof == null ? 0 : proof.bytes().length;
        proofBytes.addAndGet(held);
        work.execute(new Lookup(() -> {
            try {
                account(email, law).ifPresent(account -> {
                    challenges.attach(made.challengeId(), account.subjectId());
                    if (proof != null) {
                        // sealed under the account holder's key the moment there is one; for no account it is dropped
                        proofs.keep(made.challengeId(), account.subjectId(), proof);
                    }
                    send(account, made, language);
                });
            } catch (RuntimeException failed) {
                log.warn("The code of challenge {} was not sent: {}", made.challengeId(), failed.getClass().getSimpleName());
            }
        }, held));
    }

    /**
     * An opt-out of sale or sharing, or a limit on sensitive information: the law asks no verification
     * for them (CCPA Regs §7060(b)), so the request is made for the account of {@code law} that holds
     * the address, if one does.
     */
    void recordWithoutCode(String email, Jurisdiction law, RequestType type, Requester requester) {
        work.execute(() -> {
            try {
                account(email, law).ifPresent(account -> {
                    try {
                        commands.sendAndWait(new SubmitPrivacyRequestCommand(account.subjectId(), RequestId.random(), type,
                                requester, RequestChannel.WEB_FORM, null));
                    } catch (CommandExecutionException refused) {
                        log.info("An opt-out from the privacy center was refused: {}",
                                Refusal.of(refused).map(Refusal::code).orElse("failure"));
                    }
                });
            } catch (RuntimeException failed) {
                log.warn("An opt-out from the privacy center was not recorded: {}", failed.getClass().getSimpleName());
            }
        });
    }

    private Optional<SubjectSummary> account(String email, Jurisdiction law) {
        return search.byEmail(email).stream().filter(found -> found.jurisdiction() == law).findFirst();
    }

    private void send(SubjectSummary account, Challenges.Made made, Locale language) {
        Recipient recipient = Recipient.of(seals, account);
        if (!recipient.writable()) {
            return;
        }
        Object[] arguments = {made.code(), properties.codeValidFor().toMinutes(), organisation};
        try {
            transport.send(new MailTransport.Outgoing(MailTransport.messageId(made.challengeId(), from), account.subjectId(), KIND,
                    language.toLanguageTag(), recipient.address(), texts.getMessage("pc.mail.code.title", arguments, language),
                    texts.getMessage("pc.mail.code.body", arguments, language)));
        } catch (MailTransport.NotDelivered failed) {
            log.warn("The code of challenge {} was not delivered: {}", made.challengeId(), failed.failure());
        }
    }

    @Override
    public void destroy() {
        work.shutdown();
    }
}
