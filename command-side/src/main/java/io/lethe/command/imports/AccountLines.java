package io.lethe.command.imports;

import io.lethe.command.UnreadableJson;
import io.lethe.core.consent.GrantConsentCommand;
import io.lethe.core.jurisdiction.Jurisdiction;
import io.lethe.core.subject.LinkSocialLoginCommand;
import io.lethe.core.subject.OccurredAt;
import io.lethe.core.subject.PurchaseId;
import io.lethe.core.subject.RecordPurchaseCommand;
import io.lethe.core.subject.RegisterAccountCommand;
import io.lethe.core.subject.SubjectId;
import io.lethe.core.validation.NoCardNumber;
import io.lethe.core.validation.Patterns;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectReader;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Reads one import line into the commands that adopt its account — a registration, then its logins,
 * purchases and consents in the order they happened, each dated by its original day
 * ({@link OccurredAt}) — or into what is wrong with it, named by field and rule, never by value.
 */
final class AccountLines {

    /** The problem type of a line whose fields break a rule. */
    static final String INVALID = "invalid-line";
    /** The problem type of a line that is not an account in JSON. */
    static final String MALFORMED = "malformed-line";
    /** The problem type of a line with a full card number in any field (nothing of it is kept). */
    static final String CARD_NUMBER = "card-number-refused";

    private static final Pattern REFERENCE = Pattern.compile(Patterns.REFERENCE);

    private final ObjectReader reader;
    private final Validator validator;
    private final Clock clock;

    AccountLines(ObjectReader reader, Validator validator, Clock clock) {
        this.reader = reader;
        this.validator = validator;
        this.clock = clock;
    }

    /** One line read: its account's commands, or its faults. */
    sealed interface Line permits Account, Faulty {
        long number();
    }

    /** An account to adopt: its subject and its commands, the registration first. */
    record Account(long number, SubjectId subjectId, List<CommandMessage<?>> commands) implements Line {
    }

    /** A line refused as a whole; nothing of it is stored. */
    record Faulty(long number, UUID subjectId, String type, List<Fault> faults) implements Line {
    }

    /** One thing wrong with a line: the field (JSON path) and the rule. */
    record Fault(String field, String message) {
    }

    /** The subject id of an account with no {@code subjectId}: derived from its {@code accountRef}, the same on every node and every run. */
    static SubjectId derivedSubjectId(String accountRef) {
        return new SubjectId(UUID.nameUUIDFromBytes(("lethe-import|" + accountRef).getBytes(StandardCharsets.UTF_8)));
    }

    Line read(long number, String text) {
        ImportedAccount account;
        try {
            account = reader.readValue(text);
        } catch (JacksonException e) {
            return new Faulty(number, null, MALFORMED, List.of(new Fault(null, UnreadableJson.describe(e, "line"))));
        }
        if (account == null) {
            return new Faulty(number, null, MALFORMED, List.of(new Fault(null, "The line is not an account object.")));
        }
        List<Fault> faults = new ArrayList<>();
        boolean[] cardNumber = {false};
        SubjectId subjectId = subjectId(account, faults);
        LocalDate today = account.jurisdiction() == null ? LocalDate.now(clock) : LocalDate.now(clock.withZone(account.jurisdiction().zone()));
        require(account.registeredOn() != null, "registeredOn", "must not be null", faults);
        if (account.registeredOn() != null && account.registeredOn().isAfter(today)) {
            faults.add(new Fault("registeredOn", "must not be in the future"));
        }
        List<Dated> commands = new ArrayList<>();
        SubjectId id = subjectId == null ? new SubjectId(new UUID(0, 0)) : subjectId;
        commands.add(new Dated(account.registeredOn(), 0, new RegisterAccountCommand(id, account.jurisdiction(), account.name(),
                account.dateOfBirth(), account.postalAddress(), account.email(), account.profilePictureRef(),
                account.bankAccountNumber(), account.parentalConsentReference(), account.memberState())));
        check(commands.get(0).command(), "", faults, cardNumber);
        int order = 1;
        List<ImportedAccount.Login> logins = orEmpty(account.socialLogins());
        require(logins.size() <= ImportedAccount.MAX_LOGINS, "socialLogins", "at most " + ImportedAccount.MAX_LOGINS + " logins", faults);
        Set<String> providers = new HashSet<>();
        for (int i = 0; i < logins.size() && faults.size() < 20; i++) {
            ImportedAccount.Login login = logins.get(i);
            String at = "socialLogins[" + i + "]";
            if (login == null) {
                faults.add(new Fault(at, "must not be null"));
                continue;
            }
            if (login.provider() != null && !providers.add(login.provider())) {
                faults.add(new Fault(at + ".provider", "one login per provider"));
            }
            LocalDate day = dated(login.linkedOn(), account.registeredOn(), today, at + ".linkedOn", faults);
            Object command = new LinkSocialLoginCommand(id, login.provider(), login.externalId(), login.username(),
                    login.email(), login.profilePhotoRef());
            check(command, at + ".", faults, cardNumber);
            commands.add(new Dated(day, order++, command));
        }
        List<ImportedAccount.Purchase> purchases = orEmpty(account.purchases());
        require(purchases.size() <= ImportedAccount.MAX_PURCHASES, "purchases",
                "at most " + ImportedAccount.MAX_PURCHASES + " purchases", faults);
        Set<UUID> purchaseIds = new HashSet<>();
        for (int i = 0; i < purchases.size() && faults.size() < 20; i++) {
            ImportedAccount.Purchase purchase = purchases.get(i);
            String at = "purchases[" + i + "]";
            if (purchase == null) {
                faults.add(new Fault(at, "must not be null"));
                continue;
            }
            if (purchase.purchaseId() == null) {
                faults.add(new Fault(at + ".purchaseId", "must not be null"));
            } else if (!purchaseIds.add(purchase.purchaseId())) {
                faults.add(new Fault(at + ".purchaseId", "appears twice in the account"));
            }
            require(purchase.purchasedOn() != null, at + ".purchasedOn", "must not be null", faults);
            LocalDate day = dated(purchase.purchasedOn(), account.registeredOn(), today, at + ".purchasedOn", faults);
            Object command = new RecordPurchaseCommand(id,
                    purchase.purchaseId() == null ? null : new PurchaseId(purchase.purchaseId()),
                    purchase.item(), purchase.amount(), purchase.card());
            check(command, at + ".", faults, cardNumber);
            commands.add(new Dated(day, order++, command));
        }
        List<ImportedAccount.Consent> consents = orEmpty(account.consents());
        require(consents.size() <= ImportedAccount.MAX_CONSENTS, "consents", "at most " + ImportedAccount.MAX_CONSENTS + " consents", faults);
        for (int i = 0; i < consents.size() && faults.size() < 20; i++) {
            ImportedAccount.Consent consent = consents.get(i);
            String at = "consents[" + i + "]";
            if (consent == null) {
                faults.add(new Fault(at, "must not be null"));
                continue;
            }
            LocalDate day = dated(consent.grantedOn(), account.registeredOn(), today, at + ".grantedOn", faults);
            Object command = new GrantConsentCommand(id, consent.type(), consent.grantedBy(), consent.evidenceReference());
            check(command, at + ".", faults, cardNumber);
            commands.add(new Dated(day, order++, command));
        }
        UUID reported = subjectId == null ? null : subjectId.value();
        if (!faults.isEmpty()) {
            return new Faulty(number, reported, cardNumber[0] ? CARD_NUMBER : INVALID, List.copyOf(faults));
        }
        commands.sort(Comparator.comparing(Dated::day).thenComparing(Dated::order));
        Jurisdiction jurisdiction = account.jurisdiction();
        List<CommandMessage<?>> messages = new ArrayList<>(commands.size());
        for (Dated dated : commands) {
            Instant at = dated.day().atStartOfDay(jurisdiction.zone()).toInstant();
            messages.add(GenericCommandMessage.asCommandMessage(dated.command()).andMetaData(OccurredAt.metaData(at)));
        }
        return new Account(number, subjectId, List.copyOf(messages));
    }

    private static SubjectId subjectId(ImportedAccount account, List<Fault> faults) {
        if (account.accountRef() != null && !REFERENCE.matcher(account.accountRef()).matches()) {
            faults.add(new Fault("accountRef", "must be a reference (letters, digits, ':', '.', '_', '-'; at most 100)"));
            return account.subjectId() == null ? null : new SubjectId(account.subjectId());
        }
        if (account.subjectId() != null) {
            return new SubjectId(account.subjectId());
        }
        if (account.accountRef() == null) {
            faults.add(new Fault("accountRef", "must be given where subjectId is not"));
            return null;
        }
        return derivedSubjectId(account.accountRef());
    }

    /** A part's day: its own, or the registration's; never before the registration nor in the future. */
    private static LocalDate dated(LocalDate day, LocalDate registeredOn, LocalDate today, String field, List<Fault> faults) {
        if (day == null) {
            return registeredOn;
        }
        if (registeredOn != null && day.isBefore(registeredOn)) {
            faults.add(new Fault(field, "must not be before registeredOn"));
        } else if (day.isAfter(today)) {
            faults.add(new Fault(field, "must not be in the future"));
        }
        return day;
    }

    private void check(Object command, String prefix, List<Fault> faults, boolean[] cardNumber) {
        for (ConstraintViolation<Object> violation : validator.validate(command)) {
            String path = violation.getPropertyPath().toString();
            if (path.equals("subjectId")) {
                continue;
            }
            if (violation.getConstraintDescriptor().getAnnotation() instanceof NoCardNumber) {
                cardNumber[0] = true;
            }
            faults.add(new Fault(prefix + path, violation.getMessage()));
        }
    }

    private static void require(boolean holds, String field, String message, List<Fault> faults) {
        if (!holds) {
            faults.add(new Fault(field, message));
        }
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private record Dated(LocalDate day, int order, Object command) {
    }
}
