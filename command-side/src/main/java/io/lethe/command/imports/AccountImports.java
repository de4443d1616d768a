package io.lethe.command.imports;

import io.lethe.command.SavepointWhenNested;
import io.lethe.core.refusal.Refusal;
import io.lethe.core.refusal.RefusedException;
import io.lethe.core.subject.PurchaseId;
import jakarta.annotation.Nullable;
import jakarta.validation.Validator;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongConsumer;

/**
 * Adopts the accounts of the system Lethe replaces: an import is created, then its lines are uploaded
 * (NDJSON, one account a line, streamed), as often as it takes. Each account becomes the commands of
 * the API's own operations (register, link a login, record a purchase, grant a consent), dated by
 * when each happened ({@link io.lethe.core.subject.OccurredAt}) and checked by the same rules in the
 * same aggregate; its personal fields are sealed under the subject's keys like every other event's.
 *
 * <p>Where the commands run in this process, a batch of lines is one transaction — the accounts'
 * events, keys, the import's progress and its report together, one flush for the lot; an account a
 * command refuses is reported and the batch runs again without it, so it leaves no trace. Over a
 * distributed bus each command commits where it runs and progress is recorded after the batch.
 *
 * <p>It is resumable and idempotent: {@code lines_done} says where a new upload goes on (lines up to it
 * are read past), and an account found registered already is completed rather than doubled — its
 * subject's id is derived from the line ({@link AccountLines#derivedSubjectId}), and whatever the
 * subject has already (the registration, a login of the provider, a purchase id, a consent) is
 * recognised and not recorded again.
 */
@Component
public class AccountImports {

    private static final Logger log = LoggerFactory.getLogger(AccountImports.class);
    /** What a command refuses because the line was imported before: the part is there already. */
    private static final Set<String> PRESENT_ALREADY = Set.of("subject-already-registered", "social-login-already-linked",
            "purchase-already-recorded", "consent-already-granted");
    /** How long an upload holds its import without showing progress before another may take it over. */
    static final Duration LEASE = Duration.ofMinutes(2);

    private final JdbcClient jdbc;
    private final CommandGateway commands;
    private final TransactionManager transactions;
    private final SavepointWhenNested savepoints;
    private final TransactionTemplate progress;
    private final AccountLines lines;
    private final boolean localCommands;
    private final int batchSize;
    private final Clock clock;

    AccountImports(JdbcClient jdbc, CommandGateway commands, CommandBus commandBus, TransactionManager transactions,
                   PlatformTransactionManager platformTransactions, JsonMapper json, Validator validator,
                   @Value("${lethe.import.batch-size:200}") int batchSize) {
        this.jdbc = jdbc;
        this.commands = commands;
        this.transactions = transactions;
        this.savepoints = new SavepointWhenNested(platformTransactions);
        this.progress = new TransactionTemplate(platformTransactions);
        this.clock = Clock.systemUTC();
        this.lines = new AccountLines(json.readerFor(ImportedAccount.class), validator, clock);
        this.localCommands = commandBus instanceof SimpleCommandBus;
        this.batchSize = batchSize;
    }

    /** Where an import stands. */
    public record Status(UUID importId, Instant createdAt, Instant updatedAt, long linesDone, long imported,
                         long alreadyPresent, long refused, boolean uploading) {
    }

    /** One fault of a refused line: its number, the subject it named (if any), the problem type, the field and rule. */
    public record LineError(long line, @Nullable UUID subjectId, String type, @Nullable String field, String message) {
    }

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
                        SELECT import_id, created_at, updated_at, lines_done, imported, already_present, refused,
                               upload_claim IS NOT NULL AND upload_until > now() AS uploading
                        FROM account_import WHERE import_id = :id""")
                .param("id", importId)
                .query((row, n) -> new Status(row.getObject("import_id", UUID.class),
                        row.getObject("created_at", OffsetDateTime.class).toInstant(),
                        row.getObject("updated_at", OffsetDateTime.class).toInstant(),
                        row.getLong("lines_done"), row.getLong("imported"), row.getLong("already_present"),
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
     * @param onBatch   told the import's {@code linesDone} after each batch (the command line's progress)
     */
    public Status upload(UUID importId, long firstLine, InputStream body, String principal, LongConsumer onBatch)
            throws IOException {
        if (firstLine < 1) {
            throw ImportRefusals.badFirstLine();
        }
        UUID claim = UUID.randomUUID();
        long done = claim(importId, claim);
        try {
            if (firstLine > done + 1) {
                throw ImportRefusals.linesMissing();
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8), 1 << 16);
            long number = firstLine - 1;
            List<AccountLines.Line> batch = new ArrayList<>(batchSize);
            long batchEnd = done;
            String text;
            while ((text = reader.readLine()) != null) {
                number++;
                if (number <= done) {
                    continue;
                }
                batchEnd = number;
                if (!text.isBlank()) {
                    batch.add(lines.read(number, text));
                }
                if (batch.size() >= batchSize) {
                    done = commit(importId, claim, batch, batchEnd, principal);
                    onBatch.accept(done);
                    batch.clear();
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

    /**
     * Imports one batch's accounts and records its progress and faults; returns the new lines done.
     * Where the commands run here, an account a command refuses is undone under its savepoint, the
     * others go on, and then the batch is rolled back as a whole and run again without the refused
     * ones: a savepoint takes back the refused account's rows, but not what the transaction learned
     * on the way (the keys it made), so only a transaction in which nothing was refused commits.
     */
    private long commit(UUID importId, UUID claim, List<AccountLines.Line> batch, long batchEnd, String principal) {
        if (!localCommands) {
            Outcome outcome = new Outcome();
            for (AccountLines.Line line : batch) {
                adopt(line, principal, outcome);
            }
            return progress.execute(status -> record(importId, claim, batchEnd, outcome));
        }
        Map<Long, AccountLines.Faulty> refused = new HashMap<>();
        while (true) {
            Map<Long, AccountLines.Faulty> found = new HashMap<>();
            UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(new GenericMessage<>("account import"));
            unitOfWork.attachTransaction(transactions);
            ResultMessage<Long> result = unitOfWork.executeWithResult(() -> {
                Outcome outcome = new Outcome();
                for (AccountLines.Line line : batch) {
                    AccountLines.Faulty known = refused.get(line.number());
                    if (known != null) {
                        outcome.refused(known);
                    } else {
                        adoptUnderSavepoint(line, principal, outcome, found);
                    }
                }
                if (!found.isEmpty()) {
                    throw new AccountRefused();
                }
                return record(importId, claim, batchEnd, outcome);
            });
            if (!result.isExceptional()) {
                return result.getPayload();
            }
            if (!(result.exceptionResult() instanceof AccountRefused)) {
                Throwable failure = result.exceptionResult();
                throw failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
            }
            refused.putAll(found);
        }
    }

    /** One account in a unit of work of its own under the batch's, its transaction a savepoint of the batch's. */
    private void adoptUnderSavepoint(AccountLines.Line line, String principal, Outcome outcome,
                                     Map<Long, AccountLines.Faulty> refused) {
        if (!(line instanceof AccountLines.Account account)) {
            adopt(line, principal, outcome);
            return;
        }
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(new GenericMessage<>("account " + account.number()));
        unitOfWork.attachTransaction(savepoints);
        Outcome own = new Outcome();
        ResultMessage<Boolean> result = unitOfWork.executeWithResult(() -> {
            adopt(line, principal, own);
            if (!own.faults.isEmpty()) {
                // the account is refused as a whole: undo what its earlier commands did
                throw new AccountRefused();
            }
            return true;
        });
        if (result.isExceptional() && !(result.exceptionResult() instanceof AccountRefused)) {
            Throwable failure = result.exceptionResult();
            throw failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
        }
        own.faults.forEach(faulty -> refused.put(faulty.number(), faulty));
        outcome.add(own);
    }

    /** Sends an account's commands in order; a part the subject has already is recognised, any other refusal refuses the line. */
    private void adopt(AccountLines.Line line, String principal, Outcome outcome) {
        if (line instanceof AccountLines.Faulty faulty) {
            outcome.refused(faulty);
            return;
        }
        AccountLines.Account account = (AccountLines.Account) line;
        boolean registered = true;
        for (CommandMessage<?> command : account.commands()) {
            try {
                commands.sendAndWait(command.andMetaData(Map.of("principal", principal)));
            } catch (RuntimeException e) {
                Refusal refusal = Refusal.of(e).orElse(e instanceof RefusedException refused ? refused.refusal() : null);
                if (refusal == null) {
                    throw e;
                }
                if (!PRESENT_ALREADY.contains(refusal.code())) {
                    outcome.refused(new AccountLines.Faulty(account.number(), account.subjectId().value(), refusal.code(),
                            List.of(new AccountLines.Fault(part(command), refusal.detail()))));
                    return;
                }
                if (command.getPayload() instanceof io.lethe.core.subject.RegisterAccountCommand) {
                    registered = false;
                }
            }
        }
        if (registered) {
            outcome.imported++;
        } else {
            outcome.alreadyPresent++;
        }
    }

    /** The part of the line a refused command came from, by kind (a value would name the person). */
    private static String part(CommandMessage<?> command) {
        Object payload = command.getPayload();
        if (payload instanceof io.lethe.core.subject.LinkSocialLoginCommand) {
            return "socialLogins";
        }
        if (payload instanceof io.lethe.core.subject.RecordPurchaseCommand purchase) {
            PurchaseId id = purchase.purchaseId();
            return "purchases" + (id == null ? "" : " (purchaseId " + id.value() + ")");
        }
        if (payload instanceof io.lethe.core.consent.GrantConsentCommand consent) {
            return "consents (" + consent.type() + ")";
        }
        return null;
    }

    /** The batch's counts, faults and end, in the transaction that holds its accounts, under the lease. */
    private long record(UUID importId, UUID claim, long batchEnd, Outcome outcome) {
        int updated = jdbc.sql("""
                        UPDATE account_import SET lines_done = :end, imported = imported + :imported,
                               already_present = already_present + :present, refused = refused + :refused,
                               updated_at = :now, upload_until = now() + make_interval(secs => :lease)
                        WHERE import_id = :id AND upload_claim = :claim AND lines_done < :end""")
                .param("end", batchEnd).param("imported", outcome.imported).param("present", outcome.alreadyPresent)
                .param("refused", outcome.faults.stream().map(AccountLines.Faulty::number).distinct().count())
                .param("now", Timestamp.from(clock.instant())).param("lease", LEASE.toSeconds())
                .param("id", importId).param("claim", claim)
                .update();
        if (updated == 0) {
            // another upload took the import over after this one's lease lapsed: this batch must not count
            throw ImportRefusals.busy();
        }
        for (AccountLines.Faulty faulty : outcome.faults) {
            int fault = 0;
            for (AccountLines.Fault each : faulty.faults()) {
                jdbc.sql("""
                                INSERT INTO account_import_error (import_id, line, fault, subject_id, type, field, message)
                                VALUES (:id, :line, :fault, :subject, :type, :field, :message)
                                ON CONFLICT DO NOTHING""")
                        .param("id", importId).param("line", faulty.number()).param("fault", fault++)
                        .param("subject", faulty.subjectId()).param("type", faulty.type())
                        .param("field", truncate(each.field(), 200)).param("message", truncate(each.message(), 500))
                        .update();
            }
        }
        return batchEnd;
    }

    private static String truncate(String text, int length) {
        return text == null || text.length() <= length ? text : text.substring(0, length);
    }

    private static final class Outcome {
        long imported;
        long alreadyPresent;
        final List<AccountLines.Faulty> faults = new ArrayList<>();

        void refused(AccountLines.Faulty faulty) {
            faults.add(faulty);
        }

        void add(Outcome other) {
            imported += other.imported;
            alreadyPresent += other.alreadyPresent;
            faults.addAll(other.faults);
        }
    }

    /** Rolls an account's savepoint back; never leaves this class. */
    private static final class AccountRefused extends RuntimeException {
        AccountRefused() {
            super(null, null, false, false);
        }
    }
}
