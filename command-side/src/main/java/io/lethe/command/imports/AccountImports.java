package io.lethe.command.imports;

import io.lethe.command.KnownStreams;
import io.lethe.command.LocalCommandBus;
import io.lethe.core.refusal.Refusal;
import io.lethe.core.subject.AdoptAccountCommand;
import io.lethe.core.subject.AdoptNewAccountCommand;
import io.lethe.core.subject.SubjectRefusals;
import io.lethe.core.validation.Lengths;
import jakarta.annotation.Nullable;
import jakarta.validation.Validator;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongConsumer;

/**
 * Adopts the accounts of the system Lethe replaces: an import is created, then its lines are uploaded
 * (NDJSON, one account a line, streamed), as often as it takes. Each account is one
 * {@link AdoptAccountCommand} to its subject — the registration, logins, purchases and consents, each
 * by the rules of its own operation and dated by when it happened — so an account is adopted whole or
 * not at all, on any bus, and its personal fields are sealed like every other event's (ADR 0020).
 *
 * <p>Where the commands run in this process, a batch of lines is one transaction: the accounts'
 * events and keys, the import's progress and its report commit together, one flush for the lot, each
 * command under a savepoint of it (the bus's), so a refused account is undone and reported while the
 * others commit. A batch is kept under PostgreSQL's cache of 64 subtransactions per session
 * ({@code lethe.import.batch-size}, 50 lines) and a bound on its parts. Should the batch fail as it
 * commits for a reason of one account (a class erased since, say), its accounts are adopted again one
 * by one, each in a transaction of its own, so that account is found and reported. Over a distributed
 * bus each account's command commits where it runs and progress is recorded after the batch.
 *
 * <p>Where the event store can say in one question which of a batch's subjects exist ({@link KnownStreams}),
 * the others are adopted as {@link AdoptNewAccountCommand}s, which begin their streams unread (ADR 0023);
 * a subject on two lines of a batch is begun by the first only. Should one exist after all (another
 * upload adopted it meanwhile), the batch fails as it commits and its accounts are adopted one by one,
 * that one again as an adoption that completes it.
 *
 * <p>It is resumable and idempotent: {@code lines_done} says where a new upload goes on (lines up to it
 * are read past), and the subject's id and origin are derived from the line's {@code accountRef}, so an
 * account adopted before is completed with what it lacks rather than doubled.
 */
@Component
public class AccountImports {

    private static final Logger log = LoggerFactory.getLogger(AccountImports.class);
    /** How an adoption begun unread is refused where its subject exists after all. */
    private static final String ALREADY_REGISTERED = SubjectRefusals.alreadyRegistered().refusal().code();
    /** How long an upload holds its import without showing progress before another may take it over. */
    static final Duration LEASE = Duration.ofMinutes(2);
    /** The most logins, purchases and consents one batch holds (a line alone may hold more). */
    static final int MAX_PARTS = 2_000;

    private final JdbcClient jdbc;
    private final CommandGateway commands;
    private final TransactionManager transactions;
    private final KnownStreams knownStreams;
    private final TransactionTemplate progress;
    private final AccountLines lines;
    private final boolean localCommands;
    private final int batchSize;
    private final Clock clock;

    AccountImports(JdbcClient jdbc, CommandGateway commands, CommandBus commandBus, TransactionManager transactions,
                   PlatformTransactionManager platformTransactions, JsonMapper json, Validator validator,
                   ObjectProvider<KnownStreams> knownStreams,
                   @Value("${lethe.import.batch-size:50}") int batchSize) {
        this.jdbc = jdbc;
        this.commands = commands;
        this.transactions = transactions;
        this.knownStreams = knownStreams.getIfAvailable(() -> ids -> Optional.empty());
        this.progress = new TransactionTemplate(platformTransactions);
        this.clock = Clock.systemUTC();
        this.lines = new AccountLines(json.readerFor(ImportedAccount.class), validator, clock);
        this.localCommands = commandBus instanceof SimpleCommandBus;
        // each account is a savepoint of the batch: PostgreSQL caches 64 subtransactions per session
        this.batchSize = Math.max(1, Math.min(60, batchSize));
    }

    /** Where an import stands. */
    public record Status(UUID importId, Instant createdAt, Instant updatedAt, long linesDone, long imported,
                         long completed, long alreadyPresent, long refused, boolean uploading) {
    }

    /** One fault of a refused line: its number, the subject it named (if any), the problem type, the field and rule. */
    public record LineError(long line, @Nullable UUID subjectId,
                            @io.swagger.v3.oas.annotations.media.Schema(maxLength = TYPE_LENGTH) String type,
                            @Nullable @io.swagger.v3.oas.annotations.media.Schema(maxLength = FIELD_LENGTH) String field,
                            @io.swagger.v3.oas.annotations.media.Schema(maxLength = MESSAGE_LENGTH) String message) {

        /** A problem type's code ({@code account_import_error.type}). */
        static final int TYPE_LENGTH = 64;
        /** A field's path in the line, cut to this ({@code account_import_error.field}). */
        static final int FIELD_LENGTH = 200;
        /** The rule the field broke, cut to this ({@code account_import_error.message}). */
        static final int MESSAGE_LENGTH = 500;
    }

    /**
     * The most faults the report keeps of one line: a line of ten thousand bad purchases is reported
     * with its first hundred, enough to see what is wrong, and the report stays small.
     */
    static final int MAX_FAULTS_PER_LINE = 100;

    /** A new, empty import. */
    public Status create(String createdBy) {
        UUID id = UUID.randomUUID();
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("INSERT INTO account_import (import_id, created_by, created_at, updated_at) VALUES (:id, :by, :now, :now)")
                .param("id", id).param("by", createdBy).param("now", now).update();
        return status(id).orElseThrow();
    }

    public Optional<Status> status(UUID importId) {
        return jdbc.sql("""
                        SELECT import_id, created_at, updated_at, lines_done, imported, completed, already_present, refused,
                               upload_claim IS NOT NULL AND upload_until > now() AS uploading
                        FROM account_import WHERE import_id = :id""")
                .param("id", importId)
                .query((row, n) -> new Status(row.getObject("import_id", UUID.class),
                        row.getObject("created_at", OffsetDateTime.class).toInstant(),
                        row.getObject("updated_at", OffsetDateTime.class).toInstant(),
                        row.getLong("lines_done"), row.getLong("imported"), row.getLong("completed"), row.getLong("already_present"),
                        row.getLong("refused"), row.getBoolean("uploading")))
                .optional();
    }

    /** The report's faults of up to {@code lines} refused lines after {@code afterLine}, in line order. */
    public List<LineError> errors(UUID importId, long afterLine, int lines) {
        return jdbc.sql("""
                        SELECT line, subject_id, type, field, message FROM account_import_error
                        WHERE import_id = :id AND line IN (
                            SELECT DISTINCT line FROM account_import_error WHERE import_id = :id AND line > :after
                            ORDER BY line LIMIT :limit)
                        ORDER BY line, fault""")
                .param("id", importId).param("after", afterLine).param("limit", lines)
                .query((row, n) -> new LineError(row.getLong("line"), row.getObject("subject_id", UUID.class),
                        row.getString("type"), row.getString("field"), row.getString("message")))
                .list();
    }

    /**
     * Reads the lines of {@code body}, the first of which is line {@code firstLine} of the import's
     * file, and imports those after the import's {@code linesDone}. A broken connection keeps every
     * batch committed before it.
     *
     * @param principal who uploads, recorded in every event the import causes
     * @param onBatch   told the import's {@code linesDone} after each batch
     */
    public Status upload(UUID importId, long firstLine, InputStream body, String principal, LongConsumer onBatch)
            throws IOException {
        UUID claim = UUID.randomUUID();
        long done = claim(importId, claim);
        try {
            if (firstLine > done + 1) {
                throw ImportRefusals.linesMissing();
            }
            NdjsonLines reader = new NdjsonLines(body);
            long number = firstLine - 1;
            List<AccountLines.Line> batch = new ArrayList<>(batchSize);
            int parts = 0;
            long batchEnd = done;
            NdjsonLines.Line text;
            while ((text = reader.next()) != null) {
                number++;
                if (number <= done) {
                    continue;
                }
                batchEnd = number;
                AccountLines.Line line = text.unreadable() != null ? lines.unreadable(number, text.unreadable())
                        : text.text().isBlank() ? null : lines.read(number, text.text());
                if (line != null) {
                    batch.add(line);
                    parts += line instanceof AccountLines.Account account ? account.parts() : 0;
                }
                if (batch.size() >= batchSize || parts >= MAX_PARTS) {
                    done = commit(importId, claim, batch, batchEnd, principal);
                    onBatch.accept(done);
                    batch.clear();
                    parts = 0;
                }
            }
            if (batchEnd > done) {
                done = commit(importId, claim, batch, batchEnd, principal);
                onBatch.accept(done);
            }
        } finally {
            release(importId, claim);
        }
        return status(importId).orElseThrow();
    }

    /** Takes the import's upload lease; refused while another upload holds it. Returns its lines done. */
    private long claim(UUID importId, UUID claim) {
        Long done = jdbc.sql("""
                        UPDATE account_import SET upload_claim = :claim, upload_until = now() + make_interval(secs => :lease)
                        WHERE import_id = :id AND (upload_claim IS NULL OR upload_until < now())
                        RETURNING lines_done""")
                .param("claim", claim).param("lease", LEASE.toSeconds()).param("id", importId)
                .query(Long.class).optional().orElse(null);
        if (done == null) {
            throw status(importId).isPresent() ? ImportRefusals.busy() : ImportRefusals.notFound();
        }
        return done;
    }

    private void release(UUID importId, UUID claim) {
        try {
            jdbc.sql("UPDATE account_import SET upload_claim = NULL, upload_until = NULL WHERE import_id = :id AND upload_claim = :claim")
                    .param("id", importId).param("claim", claim).update();
        } catch (RuntimeException e) {
            // the lease runs out on its own
            log.warn("An import's upload lease could not be let go ({}); it lapses in {}", e.getClass().getSimpleName(), LEASE);
        }
    }

    /** Imports one batch's accounts and records its progress and faults; returns the new lines done. */
    private long commit(UUID importId, UUID claim, List<AccountLines.Line> batch, long batchEnd, String principal) {
        Set<String> fresh = localCommands ? fresh(batch) : Set.of();
        if (localCommands) {
            UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(new GenericMessage<>("account import"));
            unitOfWork.attachTransaction(transactions);
            ResultMessage<Long> result = unitOfWork.executeWithResult(() ->
                    record(importId, claim, batchEnd, adoptAll(batch, principal, fresh)));
            if (!result.isExceptional()) {
                return result.getPayload();
            }
            Throwable failure = result.exceptionResult();
            Refusal refused = Refusal.in(failure).orElse(null);
            boolean streamTaken = LocalCommandBus.streamTaken(failure);
            if (!streamTaken && (refused == null || refused.code().equals(ImportRefusals.BUSY))) {
                // not an account's refusal: the database, or the lease lost to another upload
                throw failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
            }
            log.info("An import batch was refused as it committed ({}); its accounts are adopted one by one",
                    streamTaken ? "a subject taken as new exists" : refused.code());
        }
        Outcome outcome = adoptAll(batch, principal, fresh);
        return progress.execute(status -> record(importId, claim, batchEnd, outcome));
    }

    /** The subjects of the batch's accounts that have no stream, where the store can tell; none otherwise. */
    private Set<String> fresh(List<AccountLines.Line> batch) {
        Set<String> ids = new LinkedHashSet<>();
        for (AccountLines.Line line : batch) {
            if (line instanceof AccountLines.Account account) {
                ids.add(account.subjectId().toString());
            }
        }
        return knownStreams.existingAmong(ids).map(existing -> {
            ids.removeAll(existing);
            return (Set<String>) ids;
        }).orElse(Set.of());
    }

    /** Adopts the batch's lines in order; a subject taken as new is begun by its first line only. */
    private Outcome adoptAll(List<AccountLines.Line> batch, String principal, Set<String> fresh) {
        Outcome outcome = new Outcome();
        Set<String> unbegun = new java.util.HashSet<>(fresh);
        for (AccountLines.Line line : batch) {
            adopt(line, principal, unbegun, outcome);
        }
        return outcome;
    }

    /**
     * Sends an account's command — begun unread where its subject has no stream — and a refusal refuses
     * its line, and is reported. A subject taken as new that exists after all is adopted again, completing it.
     */
    private void adopt(AccountLines.Line line, String principal, Set<String> unbegun, Outcome outcome) {
        if (line instanceof AccountLines.Faulty faulty) {
            outcome.faults.add(faulty);
            return;
        }
        AccountLines.Account account = (AccountLines.Account) line;
        // a later line of the same subject, in this batch, completes what the first began
        boolean begins = unbegun.remove(account.subjectId().toString());
        try {
            AdoptAccountCommand.Outcome adopted;
            try {
                adopted = commands.sendAndWait(GenericCommandMessage.asCommandMessage(
                        begins ? new AdoptNewAccountCommand(account.command()) : account.command())
                        .andMetaData(Map.of("principal", principal)));
            } catch (RuntimeException beganTwice) {
                if (!begins || !Refusal.in(beganTwice).map(refusal -> refusal.code().equals(ALREADY_REGISTERED)).orElse(false)) {
                    throw beganTwice;
                }
                adopted = commands.sendAndWait(GenericCommandMessage.asCommandMessage(account.command())
                        .andMetaData(Map.of("principal", principal)));
            }
            switch (adopted) {
                case ADOPTED -> outcome.imported++;
                case COMPLETED -> outcome.completed++;
                case PRESENT -> outcome.alreadyPresent++;
            }
        } catch (RuntimeException e) {
            Refusal refusal = Refusal.in(e).orElseThrow(() -> e);
            outcome.faults.add(new AccountLines.Faulty(account.number(), account.subjectId().value(), refusal.code(),
                    List.of(new AccountLines.Fault(null, refusal.detail()))));
        }
    }

    /** The batch's counts, faults and end, in the transaction that holds its accounts, under the lease. */
    private long record(UUID importId, UUID claim, long batchEnd, Outcome outcome) {
        int updated = jdbc.sql("""
                        UPDATE account_import SET lines_done = :end, imported = imported + :imported,
                               completed = completed + :completed, already_present = already_present + :present,
                               refused = refused + :refused, updated_at = :now,
                               upload_until = now() + make_interval(secs => :lease)
                        WHERE import_id = :id AND upload_claim = :claim AND lines_done < :end""")
                .param("end", batchEnd).param("imported", outcome.imported).param("completed", outcome.completed)
                .param("present", outcome.alreadyPresent).param("refused", outcome.faults.size())
                .param("now", Timestamp.from(clock.instant())).param("lease", LEASE.toSeconds())
                .param("id", importId).param("claim", claim)
                .update();
        if (updated == 0) {
            // another upload took the import over after this one's lease lapsed: this batch must not count
            throw ImportRefusals.busy();
        }
        for (AccountLines.Faulty faulty : outcome.faults) {
            int fault = 0;
            for (AccountLines.Fault each : faulty.faults().stream().limit(MAX_FAULTS_PER_LINE).toList()) {
                jdbc.sql("""
                                INSERT INTO account_import_error (import_id, line, fault, subject_id, type, field, message)
                                VALUES (:id, :line, :fault, :subject, :type, :field, :message)
                                ON CONFLICT DO NOTHING""")
                        .param("id", importId).param("line", faulty.number()).param("fault", fault++)
                        .param("subject", faulty.subjectId()).param("type", faulty.type())
                        .param("field", Lengths.atMost(each.field(), LineError.FIELD_LENGTH))
                        .param("message", Lengths.atMost(each.message(), LineError.MESSAGE_LENGTH))
                        .update();
            }
        }
        return batchEnd;
    }

    private static final class Outcome {
        long imported;
        long completed;
        long alreadyPresent;
        final List<AccountLines.Faulty> faults = new ArrayList<>();
    }
}
