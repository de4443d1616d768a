package io.lethe.command.imports;

import io.lethe.command.UnreadableJson;
import io.lethe.core.consent.GrantConsentCommand;
import io.lethe.core.subject.LinkSocialLoginCommand;
import io.lethe.core.subject.AdoptAccountCommand;
import io.lethe.core.subject.PurchaseId;
import io.lethe.core.subject.RecordPurchaseCommand;
import io.lethe.core.subject.RegisterAccountCommand;
import io.lethe.core.subject.SubjectId;
import io.lethe.core.validation.NoCardNumber;
import io.lethe.core.validation.Patterns;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectReader;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Reads one import line into the command that adopts its account ({@link AdoptAccountCommand}: the
 * registration, then its logins, purchases and consents, each dated by its original day) — or into
 * what is wrong with it, named by field and rule, never by value. Each part is checked with its own
 * command's constraints first, so a line's report names its own fields.
 */
final class AccountLines {

    /** The problem type of a line whose fields break a rule. */
    static final String INVALID = "invalid-line";
    /** The problem type of a line that is not an account in JSON. */
    static final String MALFORMED = "malformed-line";
    /** The problem type of a line with a full card number in any field (nothing of it is kept). */
    static final String CARD_NUMBER = "card-number-refused";

    private static final Pattern REFERENCE = Pattern.compile(Patterns.REFERENCE);
    /** What an account's id in its source is prefixed with before its subject id and fingerprint are derived. */
    private static final String SOURCE_PREFIX = "lethe-import|";
    /** A line's faults are listed up to this many. */
    private static final int MAX_FAULTS = 20;

    private final ObjectReader reader;
    private final Validator validator;
    private final Clock clock;

    AccountLines(ObjectReader reader, Validator validator, Clock clock) {
        this.reader = reader;
        this.validator = validator;
        this.clock = clock;
    }

    /** A line that is not UTF-8, or longer than a line may be: refused before it is read as JSON. */
    Line unreadable(long number, String why) {
        return new Faulty(number, null, MALFORMED, List.of(new Fault(null, why)));
    }

    /** One line read: its account's command, or its faults. */
    sealed interface Line permits Account, Faulty {
        long number();
    }

    /** An account to adopt: its subject, its command, and how many parts (logins, purchases, consents) it has. */
    record Account(long number, SubjectId subjectId, AdoptAccountCommand command) implements Line {
        int parts() {
            return command.logins().size() + command.purchases().size() + command.consents().size();
        }
    }

    /** A line refused as a whole; nothing of it is stored. */
    record Faulty(long number, UUID subjectId, String type, List<Fault> faults) implements Line {
    }

    /** One thing wrong with a line: the field (JSON path) and the rule. */
    record Fault(String field, String message) {
    }

    /** The subject id of an account with no {@code subjectId}: derived from its {@code accountRef}, the same on every node and every run. */
    static SubjectId derivedSubjectId(String accountRef) {
        return new SubjectId(UUID.nameUUIDFromBytes((SOURCE_PREFIX + accountRef).getBytes(StandardCharsets.UTF_8)));
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
        java.time.ZoneId zone = account.jurisdiction() == null ? java.time.ZoneOffset.UTC : account.jurisdiction().zone();
        LocalDate today = LocalDate.now(clock.withZone(zone));
        require(account.registeredOn() != null, "registeredOn", "must not be null", faults);
        if (account.registeredOn() != null && account.registeredOn().isAfter(today)) {
            faults.add(new Fault("registeredOn", "must not be in the future"));
        }
        SubjectId id = subjectId == null ? new SubjectId(new UUID(0, 0)) : subjectId;
        RegisterAccountCommand registration = new RegisterAccountCommand(id, account.jurisdiction(), account.name(),
                account.dateOfBirth(), account.postalAddress(), account.email(), account.profilePictureRef(),
                account.bankAccountNumber(), account.parentalConsentReference(), account.memberState());
        check(registration, "", faults, cardNumber);
        Set<String> providers = new HashSet<>();
        List<AdoptAccountCommand.DatedLogin> logins = parts(account.socialLogins(), "socialLogins", "logins",
                ImportedAccount.MAX_LOGINS, faults, (login, at) -> {
                    if (login.provider() != null && !providers.add(login.provider())) {
                        faults.add(new Fault(at + ".provider", "one login per provider"));
                    }
                    LocalDate day = dated(login.linkedOn(), account.registeredOn(), today, at + ".linkedOn", faults);
                    LinkSocialLoginCommand command = new LinkSocialLoginCommand(id, login.provider(), login.externalId(),
                            login.username(), login.email(), login.profilePhotoRef());
                    check(command, at + ".", faults, cardNumber);
                    return new AdoptAccountCommand.DatedLogin(command, instant(day, zone));
                });
        Set<UUID> purchaseIds = new HashSet<>();
        List<AdoptAccountCommand.DatedPurchase> purchases = parts(account.purchases(), "purchases", "purchases",
                ImportedAccount.MAX_PURCHASES, faults, (purchase, at) -> {
                    if (purchase.purchaseId() != null && !purchaseIds.add(purchase.purchaseId())) {
                        faults.add(new Fault(at + ".purchaseId", "appears twice in the account"));
                    }
                    require(purchase.purchasedOn() != null, at + ".purchasedOn", "must not be null", faults);
                    LocalDate day = dated(purchase.purchasedOn(), account.registeredOn(), today, at + ".purchasedOn", faults);
                    RecordPurchaseCommand command = new RecordPurchaseCommand(id,
                            purchase.purchaseId() == null ? null : new PurchaseId(purchase.purchaseId()),
                            purchase.item(), purchase.amount(), purchase.card());
                    check(command, at + ".", faults, cardNumber);
                    return new AdoptAccountCommand.DatedPurchase(command, instant(day, zone));
                });
        List<AdoptAccountCommand.DatedConsent> consents = parts(account.consents(), "consents", "consents",
                ImportedAccount.MAX_CONSENTS, faults, (consent, at) -> {
                    LocalDate day = dated(consent.grantedOn(), account.registeredOn(), today, at + ".grantedOn", faults);
                    GrantConsentCommand command = new GrantConsentCommand(id, consent.type(), consent.grantedBy(),
                            consent.evidenceReference());
                    check(command, at + ".", faults, cardNumber);
                    return new AdoptAccountCommand.DatedConsent(command, instant(day, zone));
                });
        UUID reported = subjectId == null ? null : subjectId.value();
        if (!faults.isEmpty()) {
            return new Faulty(number, reported, cardNumber[0] ? CARD_NUMBER : INVALID, List.copyOf(faults));
        }
        // each part in the order it happened, so the subject's history reads as it was lived
        logins.sort(java.util.Comparator.comparing(AdoptAccountCommand.DatedLogin::at));
        purchases.sort(java.util.Comparator.comparing(AdoptAccountCommand.DatedPurchase::at));
        consents.sort(java.util.Comparator.comparing(AdoptAccountCommand.DatedConsent::at));
        return new Account(number, subjectId, new AdoptAccountCommand(subjectId, origin(account.accountRef()),
                instant(account.registeredOn(), zone), registration, List.copyOf(logins), List.copyOf(purchases),
                List.copyOf(consents)));
    }

    private static Instant instant(LocalDate day, java.time.ZoneId zone) {
        return day == null ? null : day.atStartOfDay(zone).toInstant();
    }

    /** The account's fingerprint: Lethe recognises a line's account without keeping its id in the source. */
    static String origin(String accountRef) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest((SOURCE_PREFIX + accountRef).getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SubjectId subjectId(ImportedAccount account, List<Fault> faults) {
        if (account.accountRef() == null) {
            faults.add(new Fault("accountRef", "must not be null"));
        } else if (!REFERENCE.matcher(account.accountRef()).matches()) {
            faults.add(new Fault("accountRef", "must be a reference (letters, digits, ':', '.', '_', '-'; at most 100)"));
        }
        if (account.subjectId() != null) {
            return new SubjectId(account.subjectId());
        }
        return account.accountRef() == null ? null : derivedSubjectId(account.accountRef());
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

    /**
     * A line's parts of one kind ({@code field}), read one by one under their JSON path: at most
     * {@code max} of them, none null, and no more once the line has {@value #MAX_FAULTS} faults.
     */
    private static <P, D> List<D> parts(List<P> sent, String field, String noun, int max, List<Fault> faults,
                                        java.util.function.BiFunction<P, String, D> part) {
        List<P> each = sent == null ? List.of() : sent;
        require(each.size() <= max, field, "at most " + max + " " + noun, faults);
        List<D> read = new ArrayList<>();
        for (int i = 0; i < each.size() && faults.size() < MAX_FAULTS; i++) {
            String at = field + "[" + i + "]";
            if (each.get(i) == null) {
                faults.add(new Fault(at, "must not be null"));
            } else {
                read.add(part.apply(each.get(i), at));
            }
        }
        return read;
    }
}
